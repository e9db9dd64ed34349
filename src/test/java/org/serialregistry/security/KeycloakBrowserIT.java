package org.serialregistry.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.serialregistry.ChildProcess;
import org.serialregistry.HeadlessChromium;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through a real Keycloak (the server distribution from Maven Central, unpacked by the build
 * into {@code target/keycloak}, started once as a child process with the realm file we ship in
 * {@code docs/keycloak}). A person is created in Keycloak with a realm role, signs in to the portal in
 * Chromium through Keycloak's own login page and lands in that role's workspace; a token Keycloak
 * issues to the same person is accepted by the API with that role; a role taken away in Keycloak is
 * gone at the next sign-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "keycloak"})
class KeycloakBrowserIT {

    static final String REALM = "serial-registry";
    static final String CLIENT_SECRET = "keycloak-it-client-secret";
    static final String USER = "quinn.keycloak";
    static final String PASSWORD = "Quinn-Keycloak-it-1";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static ChildProcess keycloak;
    static String issuerBase;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) throws Exception {
        startKeycloak();
        String issuer = issuerBase + "/realms/" + REALM;
        registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.client.registration.keycloak.client-id", () -> REALM);
        registry.add("spring.security.oauth2.client.registration.keycloak.client-secret", () -> CLIENT_SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:keycloak-it;DB_CLOSE_DELAY=-1");
    }

    static synchronized void startKeycloak() throws Exception {
        if (keycloak != null) {
            return;
        }
        Path home;
        try (var dirs = Files.list(Path.of("target/keycloak"))) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new AssertionError("Keycloak is not unpacked in target/keycloak: run ./mvnw verify"));
        }
        // The shipped realm, as an operator imports it, with this test's client secret and redirect address
        JsonNode realm = JSON.readTree(Files.readString(Path.of("docs/keycloak/serial-registry-realm.json")));
        var client = (tools.jackson.databind.node.ObjectNode) realm.get("clients").get(0);
        client.put("secret", CLIENT_SECRET);
        client.putArray("redirectUris").add("http://localhost:*").add("*");
        client.put("directAccessGrantsEnabled", true);
        // a fresh Keycloak each run: its development database (data/h2) would keep the last run's user
        Path database = home.resolve("data/h2");
        if (Files.exists(database)) {
            try (var files = Files.walk(database)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(imports.resolve("serial-registry-realm.json"), JSON.writeValueAsString(realm));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuerBase = "http://127.0.0.1:" + port;
        keycloak = ChildProcess.start("keycloak", List.of("bash", "bin/kc.sh", "start-dev", "--http-port=" + port,
                        "--http-host=127.0.0.1", "--import-realm", "--http-management-port=" + freePort()),
                home, Map.of("JAVA_HOME", System.getProperty("java.home"), "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        keycloak.awaitLine(Pattern.compile("Listening on: http"), Duration.ofMinutes(4));
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    UserAdministration users;

    @Test
    void aPersonSignsInThroughKeycloakLandsInTheWorkspaceOfTheRealmRoleAndLosesARemovedRole() throws Exception {
        String admin = adminToken();
        String userId = createUser(admin);
        grant(admin, userId, "quality", true);

        try (var chromium = HeadlessChromium.open()) {
            signInThroughKeycloak(chromium);
            chromium.await().until(d -> chromium.path().equals("/quality"));
            assertThat(chromium.driver().findElement(By.cssSelector("vaadin-app-layout")).getText()).contains("Quality");
        }
        assertThat(users.findByUsername(USER).orElseThrow().roles()).containsExactly(Role.QUALITY);

        // the API takes Keycloak's access token of the same person, with the same role
        String token = userToken();
        JsonNode me = JSON.readTree(get("/api/v1/me", token).body());
        assertThat(me.get("roles").values()).extracting(JsonNode::asString).containsExactly("QUALITY");
        assertThat(get("/api/v1/reports/custody?format=csv", token).statusCode()).as("an ADMIN endpoint").isEqualTo(403);

        // Keycloak takes the role away and gives another: the next sign-in has only the new one
        grant(admin, userId, "quality", false);
        grant(admin, userId, "warranty", true);
        try (var chromium = HeadlessChromium.open()) {
            signInThroughKeycloak(chromium);
            chromium.await().until(d -> chromium.path().equals("/warranty") || chromium.path().startsWith("/warranty/"));
            chromium.navigate().to(app("/quality"));
            chromium.await().until(d -> !chromium.path().equals("/login"));
            assertThat(chromium.driver().findElements(By.cssSelector("vaadin-app-layout h1")).stream()
                    .map(e -> e.getText()).collect(Collectors.joining())).doesNotContain("Quality");
        }
        assertThat(users.findByUsername(USER).orElseThrow().roles()).containsExactly(Role.WARRANTY);
        JsonNode later = JSON.readTree(get("/api/v1/me", userToken()).body());
        assertThat(later.get("roles").values()).extracting(JsonNode::asString).containsExactly("WARRANTY");
    }

    void signInThroughKeycloak(HeadlessChromium chromium) {
        chromium.navigate().to(app("/login"));
        chromium.await().until(ExpectedConditions.elementToBeClickable(By.linkText("Sign in with Keycloak"))).click();
        // Keycloak's own login page
        chromium.await().until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(USER);
        chromium.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        chromium.driver().findElement(By.id("kc-login")).click();
    }

    String app(String path) {
        return "http://localhost:" + port + path;
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app(path))).header("Authorization", "Bearer " + bearer).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String adminToken() throws Exception {
        return token("/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
    }

    static String userToken() throws Exception {
        return token("/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", REALM, "client_secret", CLIENT_SECRET, "username", USER, "password", PASSWORD,
                "scope", "openid"));
    }

    static String token(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(issuerBase + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token from %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    static String createUser(String admin) throws Exception {
        String user = JSON.writeValueAsString(Map.of("username", USER, "enabled", true, "firstName", "Quinn",
                "lastName", "Keycloak", "email", "quinn.keycloak@example.com", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        var created = adminCall("POST", "/users", admin, user);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static void grant(String admin, String userId, String role, boolean add) throws Exception {
        var representation = adminCall("GET", "/roles/" + role, admin, null);
        assertThat(representation.statusCode()).as(representation.body()).isEqualTo(200);
        var changed = adminCall(add ? "POST" : "DELETE", "/users/" + userId + "/role-mappings/realm", admin,
                "[" + representation.body() + "]");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
    }

    static HttpResponse<String> adminCall(String method, String path, String admin, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(issuerBase + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
