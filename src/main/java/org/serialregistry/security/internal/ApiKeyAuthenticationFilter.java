package org.serialregistry.security.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.serialregistry.security.ApiKeyView;
import org.jspecify.annotations.Nullable;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.shared.Databases;
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
 * While the database cannot be reached the key cannot be checked: the API answers 503 (each of its
 * answers needs the database anyway), while the management routes ({@link #whileUnreachable}) accept a
 * key this instance checked in the last ten minutes, so that an operator still reads the health
 * details that say what is down. A key revoked meanwhile cannot be refused then; it can only read
 * health and metrics, and is refused again as soon as the database answers.
 * Not a bean: Boot would otherwise register it for every request, outside the API chain.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final ProblemAuthenticationHandlers problems;
    /** Keys checked lately, by the SHA-256 of the token; null where an outage answers 503. */
    private final @Nullable Cache<String, ApiKeyView> lastChecked;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemAuthenticationHandlers problems) {
        this(apiKeys, problems, null);
    }

    private ApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemAuthenticationHandlers problems,
                                       @Nullable Cache<String, ApiKeyView> lastChecked) {
        this.apiKeys = apiKeys;
        this.problems = problems;
        this.lastChecked = lastChecked;
    }

    /** For routes that answer without the database (health, metrics): the last check of a key stands in. */
    static ApiKeyAuthenticationFilter whileUnreachable(ApiKeys apiKeys, ProblemAuthenticationHandlers problems) {
        return new ApiKeyAuthenticationFilter(apiKeys, problems, Caffeine.newBuilder().maximumSize(1_000)
                .expireAfterWrite(Duration.ofMinutes(10)).build());
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
            String token = header.substring(BEARER.length()).trim();
            java.util.Optional<ApiKeyView> key;
            try {
                key = apiKeys.authenticate(token);
            } catch (RuntimeException e) {
                if (!Databases.unreachable(e)) {
                    throw e;
                }
                key = lastChecked == null ? java.util.Optional.empty()
                        : java.util.Optional.ofNullable(lastChecked.getIfPresent(ApiKeys.sha256(token)));
                if (key.isEmpty()) {
                    problems.unavailable(request, response);
                    return;
                }
            }
            if (lastChecked != null) {
                if (key.isPresent()) {
                    lastChecked.put(ApiKeys.sha256(token), key.get());
                } else {
                    lastChecked.invalidate(ApiKeys.sha256(token));
                }
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
