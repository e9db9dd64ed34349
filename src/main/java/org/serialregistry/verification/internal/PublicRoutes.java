package org.serialregistry.verification.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Wiring of the public routes: the rate limit in front of them, and content negotiation helpers. */
@Configuration
class PublicRoutes {

    static final MediaType LINKSET_JSON = MediaType.parseMediaType("application/linkset+json");

    /** Before everything else on the anonymous routes: size cap, cross-site posts, unreadable input, /error. */
    @Bean
    FilterRegistrationBean<PublicRequestGuard> publicRequestGuard(VerificationProperties properties,
            @Value("${serial-registry.public-base-url:}") String baseUrl) {
        var registration = new FilterRegistrationBean<>(new PublicRequestGuard(
                properties.maxAnonymousRequest().toBytes(), baseUrl));
        registration.addUrlPatterns("/01/*", "/api/public/*", "/error", "/error/*");
        registration.setName("publicRequestGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicRateLimitFilter(PublicRateLimiter limiter, ScanRequests scans) {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long wait = limiter.secondsToWait(scans.clientKey(request));
                if (wait == 0) {
                    chain.doFilter(request, response);
                    return;
                }
                response.setStatus(429);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                String message = "Too many checks from your network in a short time. Please wait " + wait
                        + " seconds and try again.";
                if (wantsJson(request)) {
                    response.setContentType("application/problem+json");
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\","
                            + "\"status\":429,\"detail\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
                } else {
                    response.setContentType("text/html;charset=UTF-8");
                    response.getOutputStream().write(VerificationPages.error("Too many checks", message)
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/01/*");
        registration.setName("publicRateLimitFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The Digital Link routes get a handler mapping of their own, asked before the application's
     * annotated controllers: a path with variables is otherwise matched against every mapping of
     * the service (measured: 14 us of a verification's CPU). Holds the resolver and the benchmark
     * baselines, so both are routed alike; answers null at once for any path outside /01/.
     */
    @Bean
    RequestMappingHandlerMapping digitalLinkHandlerMapping() {
        var mapping = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return beanType == PublicVerificationController.class || beanType == BenchmarkEndpoints.class;
            }

            @Override
            protected @Nullable HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/01/") ? super.getHandlerInternal(request) : null;
            }
        };
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return mapping;
    }

    /**
     * JSON when the client prefers it (application/json or any +json type) over HTML; HTML for
     * browsers, for {@code *}{@code /*} and for an unreadable Accept header.
     */
    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        if (accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return true; // what API clients send: no parsing needed
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.includes(MediaType.TEXT_HTML) || type.equals(MediaType.APPLICATION_XHTML_XML)) {
                return false;
            }
            if (MediaType.APPLICATION_JSON.includes(type) || (type.getSubtype().endsWith("+json"))
                    || "application".equals(type.getType()) && "json".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }
}
