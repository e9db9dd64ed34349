package org.serialregistry.verification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page in a real browser at phone size (390 x 844), JavaScript irrelevant: a genuine,
 * a recalled, a forged and a never-issued code. Screenshots go to target/screenshots/ for a person
 * to look at. Also checks, over a real port, that requests refused before any controller (the
 * security firewall) get the safe public error page from Spring's /error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VerificationPageBrowserIT {

    static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SerialCodec codec;

    DemoCodes codes;

    @BeforeAll
    static void openBrowser() throws Exception {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // headless Chromium keeps windows at least 500 px wide: emulate the phone's viewport instead
        options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                "deviceMetrics", java.util.Map.of("width", 390, "height", 844, "pixelRatio", 2.0),
                "userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void codes() {
        codes = DemoCodes.from(issuance, codec);
    }

    private String shoot(String name, String path) throws Exception {
        browser.get("http://localhost:" + port + path);
        String heading = browser.findElement(By.tagName("h1")).getText();
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve("verification-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        return heading;
    }

    @Test
    void aPhoneShowsTheFourAnswersReadably() throws Exception {
        assertThat(shoot("genuine", DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()))).isEqualTo("Genuine");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Aurora X2 smartphone", "A2611");
        assertThat(shoot("recalled", "/01/" + DemoCodes.METER + "/10/G2608/21/" + codes.recalledMeter()))
                .isEqualTo("Recalled");
        assertThat(shoot("forged", DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone()))).isEqualTo("Not genuine");
        assertThat(shoot("unknown", DemoCodes.link(DemoCodes.PHONE, codes.neverIssuedPhone()))).isEqualTo("Not genuine");
        assertThat(shoot("destroyed", DemoCodes.link(DemoCodes.PHONE, codes.destroyedPhone())))
                .isEqualTo("Reported destroyed");
        // the page fits the phone's width: no horizontal scrolling
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(390);
    }

    @ParameterizedTest(name = "over a real port, {0} gets a safe 4xx page")
    @ValueSource(strings = {
            "/01/09506000134352/21/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "/01/09506000134352/21/%D0%90BC123",
            "/01/09506000134352/21/ABC%E2%80%8B123",
            "/01/09506000134352/21/%27%20OR%201%3D1%20--",
            "/01/09506000134352/21/..%2F..%2Fetc%2Fpasswd",
            "/01/09506000134352/21/ABC%00",
            "/01/09506000134352/21/%253Cb%253E",
    })
    void requestsRefusedBeforeAnyControllerGetTheSafeErrorPage(String path) throws Exception {
        var client = HttpClient.newHttpClient();
        var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        // our page from Spring's /error, or for what Tomcat refuses itself (encoded slash, NUL) its bare
        // status page: either way no echo of the input, no stack trace, no server version
        assertThat(response.body()).doesNotContain("<script>", "<b>", "Exception", "at org.", "Whitelabel", "Tomcat/")
                .containsAnyOf("Not a valid", "Not found", "HTTP Status 400 – Bad Request");
        assertThat(response.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("JSESSIONID");
    }
}
