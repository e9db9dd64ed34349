package org.serialregistry.security.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.serialregistry.security.ApiKeyView;
import org.serialregistry.security.ApiKeys;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer sr_...} API keys. Other bearer tokens are left to the
 * JWT resource server (Keycloak profile). A wrong key answers 401 at once, with no further work.
 * Not a bean: Boot would otherwise register it for every request, outside the API chain.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final ProblemAuthenticationHandlers problems;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemAuthenticationHandlers problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    /** A bearer resolver that ignores API keys, so the JWT decoder never sees them. */
    static BearerTokenResolver jwtOnlyResolver() {
        var delegate = new DefaultBearerTokenResolver();
        return request -> {
            String token = delegate.resolve(request);
            return token != null && token.startsWith(ApiKeys.TOKEN_START) ? null : token;
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith(BEARER + ApiKeys.TOKEN_START)) {
            java.util.Optional<ApiKeyView> key;
            try {
                key = apiKeys.authenticate(header.substring(BEARER.length()).trim());
            } catch (org.springframework.dao.DataAccessResourceFailureException
                     | org.springframework.transaction.CannotCreateTransactionException e) {
                problems.unavailable(request, response);
                return;
            }
            if (key.isEmpty()) {
                problems.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(toAuthentication(key.get()));
        }
        chain.doFilter(request, response);
    }

    private static UsernamePasswordAuthenticationToken toAuthentication(ApiKeyView key) {
        var principal = new ApiKeyPrincipal("api-key:" + key.prefix(), key.name(), key.partyRef());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(key.role().authority())));
    }

    /** The principal of an API request; {@link #getName()} goes into audit entries. */
    record ApiKeyPrincipal(String id, String keyName, String partyRef) implements java.security.Principal,
            org.serialregistry.security.PartyBound {
        @Override
        public String getName() {
            return id;
        }
    }
}
