package org.serialregistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in a real browser (Debian's Chromium, headless): a production planner opens the portal,
 * signs in and works in the Production workspace. Run by failsafe in {@code ./mvnw verify}.
 * Chromium and its driver are required, never skipped: install them with
 * {@code apt-get install chromium chromium-driver} or let {@code .ci/run} do it.
 */
// Dev tools off: their pop-up and toolbar are not part of the portal and would cover the screenshot
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaadin.devmode.devTools.enabled=false")
@ActiveProfiles("test")
class PortalBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        chromium = HeadlessChromium.open();
        browser = chromium.driver();
        wait = chromium.await();
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aProductionPlannerSignsInAndSeesTheLatestBatchesWithTheirCharts() throws IOException {
        browser.get("http://localhost:" + port + "/");

        chromium.signInToPortal("production", "production");

        wait.until(d -> path().equals("/production"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-app-layout h1"), "Production"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-grid-cell-content[normalize-space(.)='Aurora X2 smartphone']")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".echart canvas")));
        // ECharts draws after layout: wait until every chart's canvas has painted pixels
        wait.until(d -> Boolean.TRUE.equals(js("""
                const charts = [...document.querySelectorAll('.echart')];
                return charts.length >= 2 && charts.every(c => {
                  const canvas = c.querySelector('canvas');
                  if (!canvas || canvas.width < 100 || canvas.height < 100) return false;
                  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let painted = 0;
                  for (let i = 3; i < px.length; i += 4 * 16) if (px[i] !== 0) painted++;
                  return painted > 100;
                });""")));

        assertThat(sideNavigation()).as("workspaces in the side navigation").containsExactly("Production", "End of life");
        assertThat(js("return echarts.getInstanceByDom(document.querySelector('.echart')).getOption().series[0].data.length"))
                .as("bars of the units-per-product chart: the five demo products with issued batches").isEqualTo(5L);
        screenshot("production-workspace.png");
    }

    private String path() {
        return chromium.path();
    }

    @SuppressWarnings("unchecked")
    private java.util.List<String> sideNavigation() {
        // A workspace with several pages is a parent item: its own label is the text outside its child items
        return (java.util.List<String>) js("return [...document.querySelectorAll('vaadin-side-nav > vaadin-side-nav-item')]"
                + ".map(i => [...i.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim())");
    }

    private Object js(String script) {
        return chromium.js(script);
    }

    /** The whole workspace, not just the window: the window grows to the height of the view first. */
    private void screenshot(String name) throws IOException {
        long height = ((Number) js("""
                const view = document.querySelector('vaadin-app-layout > :not([slot])');
                const navbar = document.querySelector('vaadin-app-layout > [slot=navbar]');
                return Math.min(4000, Math.ceil(view.scrollHeight + navbar.getBoundingClientRect().height
                    + window.outerHeight - window.innerHeight + 16));""")).longValue();
        browser.manage().window().setSize(new Dimension(1440, (int) Math.max(height, 1000)));
        // The resize makes the charts redraw and Vaadin talk to the server: wait until both are done
        // and Lumo's loading bar has faded out (it stays display:block at opacity 0 when idle)
        wait.until(d -> Boolean.TRUE.equals(js("""
                const indicator = document.querySelector('.v-loading-indicator');
                return Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())
                    && (!indicator || getComputedStyle(indicator).display === 'none'
                        || Number(getComputedStyle(indicator).opacity) < 0.02)
                    && [...document.querySelectorAll('.echart')].every(c => c.querySelector('canvas').height > 100);""")));
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
