package org.serialregistry.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Keycloak realm roles onto application roles. Keycloak puts them in {@code realm_access.roles}
 * of the access token (and of the ID token when the realm's "roles" mapper says so); a flat
 * {@code roles} claim is read too. Unknown roles are ignored, so a Keycloak realm can carry roles
 * for other applications.
 */
@Component
class KeycloakRoleMapper {

    private final UserAdministration users;
    private final JsonMapper json;

    KeycloakRoleMapper(UserAdministration users, JsonMapper json) {
        this.users = users;
        this.json = json;
    }

    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
        var delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<Role> roles = rolesFrom(user.getClaims());
            if (roles.isEmpty()) {
                roles = rolesFrom(accessTokenClaims(request.getAccessToken().getTokenValue()));
            }
            String username = Optional.ofNullable(user.getPreferredUsername()).orElse(user.getSubject());
            users.syncExternalUser(username, Optional.ofNullable(user.getFullName()).orElse(username), roles);
            List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }

    AbstractAuthenticationToken toAuthentication(Jwt jwt) {
        var authorities = rolesFrom(jwt.getClaims()).stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
        String name = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
        return new JwtAuthenticationToken(jwt, authorities, name);
    }

    static Set<Role> rolesFrom(Map<String, Object> claims) {
        var names = new ArrayList<String>();
        if (claims.get("realm_access") instanceof Map<?, ?> realm && realm.get("roles") instanceof Collection<?> c) {
            c.forEach(r -> names.add(String.valueOf(r)));
        }
        if (claims.get("roles") instanceof Collection<?> c) {
            c.forEach(r -> names.add(String.valueOf(r)));
        }
        var roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            String n = name.toUpperCase().replace('-', '_');
            if (n.startsWith("ROLE_")) {
                n = n.substring(5);
            }
            for (Role role : Role.values()) {
                if (role.name().equals(n)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /** The token came straight from the token endpoint over the back channel, so reading it is enough. */
    private Map<String, Object> accessTokenClaims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            return json.readValue(new String(payload, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {
            });
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
