package org.serialregistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, with a fresh profile, for the real-browser tests. Chromium and its
 * driver are required, never skipped: {@code apt-get install chromium chromium-driver}, or let
 * {@code .ci/run} do it; {@code -Dchromium.binary} and {@code -Dchromedriver.path} point elsewhere.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));

    private final Path profileDir;
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    private HeadlessChromium(int width, int height, String... more) throws IOException {
        requireExecutable(CHROMIUM, "Chromium", "chromium.binary");
        requireExecutable(CHROMEDRIVER, "ChromeDriver", "chromedriver.path");
        profileDir = Files.createTempDirectory("chromium-it");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height, "--lang=en");
        options.addArguments(more);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    /** A desktop-sized window (1440 x 1000). */
    public static HeadlessChromium open() throws IOException {
        return new HeadlessChromium(1440, 1000);
    }

    /**
     * A desktop-sized window whose camera is Chromium's fake device showing {@code video} (a Y4M file)
     * in a loop, with camera permission granted as if the person had clicked Allow.
     */
    public static HeadlessChromium openWithCamera(Path video) throws IOException {
        return new HeadlessChromium(1440, 1000, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath());
    }

    public ChromeDriver driver() {
        return browser;
    }

    public WebDriverWait await() {
        return wait;
    }

    /** The path of the page the browser shows now. */
    public String path() {
        return java.net.URI.create(browser.getCurrentUrl()).getPath();
    }

    public Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Types user name and password into the portal's login form (at {@code /login}) and submits it. */
    public void signInToPortal(String user, String password) {
        wait.until(d -> path().equals("/login"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name=username]")))
                .sendKeys(user);
        browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(password);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
    }

    /** Waits for the workspace title in the portal's navigation bar. */
    public void awaitWorkspace(String title) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-app-layout h1"), title));
    }

    public WebDriver.Navigation navigate() {
        return browser.navigate();
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (var files = Files.walk(profileDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void requireExecutable(Path path, String what, String property) {
        if (!Files.isExecutable(path)) {
            fail(what + " not found at " + path + ". The browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this), or point -D" + property
                    + " at an installed one.");
        }
    }
}
