package org.serialregistry.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through an identity provider (profile {@code keycloak}), against a real OIDC server
 * running in the test (mock-oauth2-server): the browser's redirects are walked with a real HTTP
 * client across both servers; Keycloak realm roles become application roles, for portal users and
 * for API callers with a bearer token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "keycloak"})
@DirtiesContext
class OidcLoginTest {

    private static final String ISSUER_ID = "keycloak";
    private static final MockOAuth2Server OIDC = new MockOAuth2Server();

    static {
        // Before the context: Boot reads the issuer's discovery document at start-up
        OIDC.start(InetAddress.getLoopbackAddress(), 0);
    }

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        String issuer = OIDC.issuerUrl(ISSUER_ID).toString();
        registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.client.registration.keycloak.client-id", () -> "serial-registry");
        registry.add("spring.security.oauth2.client.registration.keycloak.client-secret", () -> "test-secret");
        // Its own in-memory database: users synced here do not leak into other test contexts
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:oidc-login;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopIdentityProvider() {
        OIDC.shutdown();
    }

    @LocalServerPort
    int port;
    @Autowired
    UserAdministration users;
    @Autowired
    JdbcTemplate jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aQualityEngineerSignsInThroughTheIdentityProviderAndGetsTheQualityRole() throws Exception {
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "kc-user-7f3a", "JWT", null, Map.of(
                "preferred_username", "quinn.kc",
                "name", "Quinn Keycloak",
                "realm_access", Map.of("roles", List.of("quality", "offline_access"))), 3600));
        var browser = new Browser();
        var before = browser.get(app("/quality"));
        assertThat(before.statusCode()).as("before signing in").isEqualTo(302);
        assertThat(browser.visited.getLast().getPath()).as("before signing in").isEqualTo("/login");
        browser.visited.clear();

        var landed = browser.get(app("/oauth2/authorization/keycloak"));

        assertThat(browser.visited).as("redirect chain")
                .anySatisfy(uri -> assertThat(uri.toString()).startsWith(OIDC.authorizationEndpointUrl(ISSUER_ID).toString()))
                .anySatisfy(uri -> assertThat(uri.getPath()).isEqualTo("/login/oauth2/code/keycloak"))
                .noneSatisfy(uri -> assertThat(uri.getPath()).isEqualTo("/login"));
        assertThat(landed.uri().getPort()).as("back at the portal").isEqualTo(port);
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getQuery()).as("no error on landing").isNull();

        var quality = browser.get(app("/quality"));
        assertThat(quality.statusCode()).as("the Quality workspace opens with the session").isEqualTo(200);
        assertThat(quality.uri().getPath()).isEqualTo("/quality");

        var synced = users.findByUsername("quinn.kc").orElseThrow();
        assertThat(synced.roles()).as("realm role 'quality' mapped, 'offline_access' ignored").containsExactly(Role.QUALITY);
        assertThat(synced.displayName()).isEqualTo("Quinn Keycloak");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'user.created-from-oidc'"
                + " and subject_id = 'quinn.kc'", Long.class)).as("audited").isEqualTo(1);
    }

    @Test
    void anApiCallerWithAnAccessTokenOfTheIdentityProviderActsAsItsRealmRole() throws Exception {
        String token = OIDC.issueToken(ISSUER_ID, "mes-line-4", new DefaultOAuth2TokenCallback(ISSUER_ID, "svc-mes-4",
                "JWT", List.of("serial-registry"), Map.of(
                        "preferred_username", "mes.line4",
                        "realm_access", Map.of("roles", List.of("production", "uma_authorization"))), 3600)).serialize();

        var response = new Browser().get(app("/api/v1/me"), "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json.readTree(response.body());
        assertThat(me.get("name").asString()).isEqualTo("mes.line4");
        assertThat(me.get("roles").values()).extracting(JsonNode::asString).containsExactly("PRODUCTION");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        String foreign = OIDC.issueToken("some-other-realm", "mes-line-4", new DefaultOAuth2TokenCallback("some-other-realm",
                "svc-mes-4", "JWT", List.of("serial-registry"), Map.of(
                        "preferred_username", "mes.line4",
                        "realm_access", Map.of("roles", List.of("admin"))), 3600)).serialize();

        var response = new Browser().get(app("/api/v1/me"), "Bearer " + foreign);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private URI app(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A browser's cookie jar and redirect-following, across the portal and the identity provider. */
    private static final class Browser {

        final List<URI> visited = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return get(uri, null);
        }

        /** Follows redirects like a browser (up to 10), but stops at a redirect to the login page. */
        HttpResponse<String> get(URI uri, String authorization) throws IOException, InterruptedException {
            URI next = uri;
            for (int hop = 0; hop < 10; hop++) {
                visited.add(next);
                var request = HttpRequest.newBuilder(next).GET().header("Accept", "text/html,application/json");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                var location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                    return response;
                }
                next = next.resolve(location.get());
                if (next.getPath().equals("/login")) {
                    visited.add(next);
                    return response;
                }
            }
            throw new AssertionError("more than 10 redirects: " + visited);
        }
    }
}
