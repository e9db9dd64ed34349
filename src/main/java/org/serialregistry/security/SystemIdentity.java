package org.serialregistry.security;

import java.util.Arrays;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Work the application does on its own behalf (demo seeding, event listeners) runs under a named
 * system identity with just the roles it needs, so method security applies and audit entries
 * name that identity rather than a person.
 */
public final class SystemIdentity {

    private SystemIdentity() {
    }

    /**
     * Runs {@code work} signed in as {@code name} with {@code roles}; afterwards the thread has the
     * security context it had before (none, on the application's own threads).
     */
    public static void runAs(String name, Runnable work, Role... roles) {
        runAs(SecurityContextHolder.getContextHolderStrategy(), name, work, roles);
    }

    /**
     * As above, through the application context's own {@code strategy}: the one its method security
     * reads, also when another application context in the same JVM has installed its own since.
     */
    public static void runAs(SecurityContextHolderStrategy strategy, String name, Runnable work, Role... roles) {
        var previous = strategy.getContext();
        var context = strategy.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(Role::authority).toArray(String[]::new))));
        strategy.setContext(context);
        try {
            work.run();
        } finally {
            if (previous.getAuthentication() == null) {
                strategy.clearContext();
            } else {
                strategy.setContext(previous);
            }
        }
    }
}
