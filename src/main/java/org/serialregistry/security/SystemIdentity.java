package org.serialregistry.security;

import java.util.Arrays;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

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
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(Role::authority).toArray(String[]::new))));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            if (previous.getAuthentication() == null) {
                SecurityContextHolder.clearContext();
            } else {
                SecurityContextHolder.setContext(previous);
            }
        }
    }
}
