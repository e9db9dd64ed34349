package org.serialregistry.security.internal;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.ui.LoginView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Three filter chains: the REST API (stateless, API keys or Keycloak JWTs), the public routes
 * (anonymous, no session), and the Vaadin portal (form login, and OIDC when Keycloak is configured).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    /** Paths anyone may read, with no session: public verification, static assets, probes. */
    static final String[] PUBLIC_PATHS = {
            "/01/**", "/.well-known/serial-registry-keys.json", "/webjars/**", "/styles/**", "/images/**", "/favicon.ico",
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeys apiKeys,
                                       ProblemAuthenticationHandlers problems,
                                       ObjectProvider<JwtDecoder> jwtDecoder,
                                       KeycloakRoleMapper roleMapper) throws Exception {
        http.securityMatcher("/api/**", "/epcis/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers("/api/public/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(rs -> rs
                    .bearerTokenResolver(ApiKeyAuthenticationFilter.jwtOnlyResolver())
                    .authenticationEntryPoint(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(roleMapper::toAuthentication)));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PUBLIC_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(ctx -> ctx.requireExplicitSave(true))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain portalFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
                                          KeycloakRoleMapper roleMapper, RequestUtil vaadinRequests,
                                          LoginThrottle throttle) throws Exception {
        // Vaadin exempts the login form from CSRF; we do not: only Vaadin's own requests (which carry
        // Vaadin's CSRF token) are exempt, and the login form sends Spring's token from the page's meta tags
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(oauth -> oauth
                    .loginPage(LoginView.ROUTE_PATH)
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(roleMapper.oidcUserService())));
        }
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false))
                .build();
    }
}
