package org.serialregistry.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/** Who is signed in, for views and services; works for form login, OIDC and API keys alike. */
@Component
public class CurrentUser {

    public Optional<String> username() {
        return authentication().map(Authentication::getName);
    }

    public String require() {
        return username().orElseThrow(() -> new IllegalStateException("nobody is signed in"));
    }

    public String displayName() {
        return authentication().map(a -> a.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null
                ? oidc.getFullName() : a.getName()).orElse("");
    }

    /** The party (distributor, service centre) an API key is bound to, if the caller is such a key. */
    public Optional<String> apiKeyParty() {
        return authentication().map(Authentication::getPrincipal)
                .filter(PartyBound.class::isInstance).map(p -> ((PartyBound) p).partyRef())
                .filter(ref -> ref != null && !ref.isBlank());
    }

    public Set<Role> roles() {
        var roles = EnumSet.noneOf(Role.class);
        authentication().ifPresent(a -> {
            for (GrantedAuthority g : a.getAuthorities()) {
                for (Role r : Role.values()) {
                    if (r.authority().equals(g.getAuthority())) {
                        roles.add(r);
                    }
                }
            }
        });
        return roles;
    }

    private static Optional<Authentication> authentication() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
                .filter(Authentication::isAuthenticated)
                .filter(a -> !"anonymousUser".equals(a.getName()));
    }
}
