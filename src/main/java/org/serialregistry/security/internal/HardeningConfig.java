package org.serialregistry.security.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.serialregistry.security.ApiKeys;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;

/**
 * What every answer and every request goes through besides the three chains in {@link SecurityConfig}:
 * the metrics chain (ADMIN only), the request firewall, and the browser policy headers.
 */
@Configuration
class HardeningConfig {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HardeningConfig.class);

    /** The portal (Vaadin needs inline and eval'd scripts and inline styles; its push uses same-origin WebSockets). */
    static final String PORTAL_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    /** The public pages: our own inline styles, no script at all. */
    static final String PUBLIC_POLICY = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The API answers data, never a page. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()";

    /**
     * {@code /actuator/prometheus}: ADMIN only, with an API key ({@code Authorization: Bearer sr_...}) or
     * HTTP basic (a portal administrator); stateless, no session, no CSRF (nothing changes there).
     * {@code /actuator/health}: anyone (the probes send no credentials) gets the overall status; the same
     * credentials of an ADMIN add each component with its details (which component is DOWN, and why), also
     * while the database is away (see {@link ApiKeyAuthenticationFilter}).
     */
    @Bean
    @Order(0)
    SecurityFilterChain metricsFilterChain(HttpSecurity http, ApiKeys apiKeys, ProblemAuthenticationHandlers problems)
            throws Exception {
        return http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**", "/actuator/health", "/actuator/health/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(ApiKeyAuthenticationFilter.whileUnreachable(apiKeys, problems),
                        UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * Spring's strict firewall, except that header values may carry any non-control byte: browsers and
     * proxies send Latin-1 and raw UTF-8 in User-Agent and country headers, and refusing those with an
     * exception inside a controller turned a harmless request into an error. CR, LF and NUL stay refused.
     */
    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f));
        return firewall;
    }

    /**
     * The query string decodes: every escape is two hex digits, the bytes are UTF-8 and no control
     * character comes out. Only the query:
     * a request body is read later by whoever it is for, after its size was checked.
     */
    static boolean parametersReadable(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return true;
        }
        if (!wellEscaped(query)) {
            return false;
        }
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        for (String part : query.split("[&=]")) {
            if (part.indexOf('%') < 0) {
                continue;
            }
            var bytes = new java.io.ByteArrayOutputStream(part.length());
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%') {
                    bytes.write(Integer.parseInt(part, i + 1, i + 3, 16));
                    i += 2;
                } else {
                    bytes.write(c & 0xff);
                }
            }
            try {
                // a decoded control character (%0D, %01) is refused by the firewall when a controller reads
                // the parameter; refusing it here answers 400 before anyone reads it
                if (decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).chars()
                        .anyMatch(Character::isISOControl)) {
                    return false;
                }
            } catch (java.nio.charset.CharacterCodingException notUtf8) {
                return false;
            }
        }
        return true;
    }

    /** Every '%' in the raw path starts a two-digit hex escape. */
    static boolean wellEscaped(String rawPath) {
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length() || Character.digit(rawPath.charAt(i + 1), 16) < 0
                    || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Set<String> BODILESS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The HTML error page of the routes no screen owns (a missing static file, a refused upload): a
     * plain sentence instead of Spring's "Whitelabel Error Page", which tells a visitor what the
     * service is built with. Boot uses a bean named {@code error} in place of its own.
     */
    @Bean(name = "error")
    View errorPage() {
        return new View() {
            @Override
            public String getContentType() {
                return "text/html;charset=UTF-8";
            }

            @Override
            public void render(java.util.@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                Object status = model == null ? null : model.get("status");
                boolean notFound = status instanceof Integer code && code == 404;
                response.setContentType(getContentType());
                response.getWriter().write(notFound ? page("Not found", "There is nothing at this address.")
                        : page("Something went wrong", "This request could not be answered; please try again."));
            }
        };
    }

    /** Answers 400 with a plain page saying what could not be read, in one line of log (no stack trace). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason, String sentence)
            throws IOException {
        log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI().replaceAll("[^\\x20-\\x7e]", "?"), reason);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(page("Bad request", sentence));
    }

    private static String page(String title, String sentence) {
        return "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>" + title + "</title><p>" + sentence
                + "</p></html>";
    }

    /** The browser policies, set before anything else so that error pages and refusals carry them too. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> browserPolicyHeaders() {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                String policy = path.startsWith("/01/") ? PUBLIC_POLICY
                        : path.startsWith("/api/") || path.startsWith("/epcis/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs")
                        ? API_POLICY : PORTAL_POLICY;
                response.setHeader("Content-Security-Policy", policy);
                response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
                response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                // Spring's path parser throws on a broken escape in a path parameter (";x=%"), Tomcat's on one in
                // a query parameter: both are the client's mistake, answered here in one line of log
                if (!wellEscaped(request.getRequestURI()) || !parametersReadable(request)) {
                    refuse(request, response, "broken %-encoding", "This address could not be read: it has a broken %-escape.");
                    return;
                }
                String type = request.getContentType();
                if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
                    if (BODILESS.contains(request.getMethod())) {
                        // a GET claiming a multipart body: there is no body to parse, so no content type either
                        chain.doFilter(new HttpServletRequestWrapper(request) {
                            @Override
                            public String getContentType() {
                                return null;
                            }

                            @Override
                            public String getHeader(String name) {
                                return "Content-Type".equalsIgnoreCase(name) ? null : super.getHeader(name);
                            }

                            @Override
                            public java.util.Enumeration<String> getHeaders(String name) {
                                return "Content-Type".equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration()
                                        : super.getHeaders(name);
                            }
                        }, response);
                        return;
                    }
                    boolean parsed = org.springframework.web.util.WebUtils.getNativeRequest(request,
                            org.springframework.web.multipart.MultipartRequest.class) != null;
                    if (!parsed && !type.matches("(?i).*;\\s*boundary=\"?[^\\s\";]+.*")) {
                        refuse(request, response, "multipart body without a boundary",
                                "The upload could not be read: its multipart body has no boundary.");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return true;
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/*");
        registration.setName("browserPolicyHeaders");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
