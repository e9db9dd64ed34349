package org.serialregistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar that {@code ./mvnw package} makes, started the way most people run a Spring Boot app:
 * {@code java -jar}, as a separate process in an empty folder, on a port of its own. Run by failsafe
 * after the package phase, so it tests the artefact that ships.
 */
class PackagedJarIT {

    private static Path workDir;
    private static ChildProcess app;
    private static String baseUrl;

    @BeforeAll
    static void startTheJar() throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("serial-registry-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar in target/: run ./mvnw package first"));
        }
        workDir = Files.createTempDirectory("packaged-jar-it");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        app = ChildProcess.start("packaged-jar", List.of(java, "-Xmx768m", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=0"), workDir, Map.of());
        var started = app.awaitLine(Pattern.compile("Tomcat started on port (\\d+)"), Duration.ofMinutes(3));
        baseUrl = "http://localhost:" + started.group(1);
    }

    @AfterAll
    static void stopTheJar() throws Exception {
        if (app != null) {
            app.close();
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theJarRunsThePortalInProductionModeAndAProductionPlannerSignsIn() throws IOException {
        app.awaitLine(Pattern.compile("Vaadin is running in production mode"), Duration.ofSeconds(10));

        try (var chromium = HeadlessChromium.open()) {
            chromium.driver().get(baseUrl + "/");
            chromium.signInToPortal("production", "production");
            chromium.await().until(d -> chromium.path().equals("/production"));
            chromium.awaitWorkspace("Production");
            chromium.await().until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//vaadin-grid-cell-content[normalize-space(.)='Aurora X2 smartphone']")));

            assertThat(chromium.js("return document.querySelector('vaadin-dev-tools, copilot-main') === null"))
                    .as("no development-mode pop-up or Copilot toolbar for users").isEqualTo(true);
        }
        assertThat(app.output()).noneMatch(line -> line.contains("vaadin-dev-server")
                || line.contains("DEVELOPMENT mode"));
    }

    @Test
    void theDemoLinksInTheStartUpLogOpenOnThePortTheJarReallyListensOn() throws Exception {
        var genuine = app.awaitLine(Pattern.compile("genuine\\s+(\\S+/01/\\S+)"), Duration.ofMinutes(2)).group(1);

        assertThat(genuine).startsWith(baseUrl + "/01/");
        var http = HttpClient.newHttpClient();
        var answer = http.send(HttpRequest.newBuilder(URI.create(genuine)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"verified\":true");
    }
}
