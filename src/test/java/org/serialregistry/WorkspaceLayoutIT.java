package org.serialregistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 5: every workspace in a real browser (Debian's Chromium, headless) at 1440 px and at
 * 390 px (a phone). Each page is saved as a screenshot under {@code target/screenshots} for review,
 * and the test fails when, measured from the element boxes in the page:
 * <ul>
 * <li>a grid's key column (its first column) is cut off or its text truncated, at either width;</li>
 * <li>a primary action is outside the window or its label truncated, at either width;</li>
 * <li>at either width, a button in a grid row (Revoke, Reject, Log repair…) is outside the grid's visible
 * area (freeze the actions at the end); at 1440 px, a grid's cell text is truncated (wrap it, or give it room);</li>
 * <li>at 1440 px, a grid scrolls sideways (its columns are wider than the grid: build it with
 * {@code Grids.columns}, whose text columns wrap and grow instead of pushing);</li>
 * <li>a page is wider than the window (the view scrolls sideways), or an open dialog or its buttons are.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaadin.devmode.devTools.enabled=false")
@ActiveProfiles("test")
class WorkspaceLayoutIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Each role's pages, in the order of its side navigation. */
    private static final Map<String, List<String>> WORKSPACES = new LinkedHashMap<>();

    static {
        WORKSPACES.put("admin", List.of("admin/users", "admin/api-keys", "admin/warranty-policies", "admin/parties",
                "admin/counterfeit-thresholds", "admin/custody-report", "admin/event-chain", "admin/audit",
                "verification/counterfeits", "end-of-life"));
        WORKSPACES.put("production", List.of("production", "production/batches", "production/units",
                "production/master-data", "production/second-factors"));
        WORKSPACES.put("quality", List.of("quality", "quality/claims", "quality/thresholds",
                "quality/disposition-rules", "quality/recalls"));
        WORKSPACES.put("warranty", List.of("warranty", "warranty/registrations"));
        WORKSPACES.put("channel", List.of("channel", "channel/search", "channel/shipments", "channel/parties",
                "counterfeit", "counterfeit/cases", "verification/scans", "verification/statistics"));
        WORKSPACES.put("forensics", List.of("forensics", "forensics/submit"));
        WORKSPACES.put("service", List.of("service", "service/claims/new", "service/claims/upload", "service/history",
                "service/returns", "service/genealogy"));
        WORKSPACES.put("distributor", List.of("distributor", "distributor/verify", "distributor/ship"));
    }

    private static final String MEASURE = """
            const wide = arguments[0];
            const problems = [];
            const shown = el => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
            const truncated = el => el && el.scrollWidth > el.clientWidth + 1;
            const text = el => (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
            const view = document.querySelector('vaadin-app-layout > :not([slot])');
            if (view && view.scrollWidth > view.clientWidth + 1) {
              // name the innermost element that sticks out, so that the report says what to fix
              const edge = view.getBoundingClientRect().left + view.clientWidth + 1;
              const out = [...view.querySelectorAll('*')].filter(e => !e.closest('vaadin-grid')
                  && e.getBoundingClientRect().right > edge && e.getBoundingClientRect().width > 0);
              const leaf = out.find(e => !out.some(o => o !== e && e.contains(o)));
              problems.push('the page is ' + view.scrollWidth + ' px wide in a ' + view.clientWidth + ' px window'
                  + (leaf ? ' (' + leaf.tagName.toLowerCase() + ' "' + text(leaf) + '" ends at '
                  + Math.round(leaf.getBoundingClientRect().right) + ' px)' : ''));
            }
            for (const grid of document.querySelectorAll('vaadin-app-layout vaadin-grid')) {
              if (!shown(grid)) continue;
              const g = grid.getBoundingClientRect();
              const name = grid.id || text(grid.querySelector('vaadin-grid-cell-content')) || 'a grid';
              const columns = [...grid.querySelectorAll('vaadin-grid-column')].filter(c => !c.hidden);
              const wraps = (grid.getAttribute('theme') || '').includes('wrap-cell-content');
              // at 1440 px a grid shows all its columns: sideways scrolling hides the columns at its end
              const table = grid.$ && grid.$.table;
              if (wide && table && table.scrollWidth > table.clientWidth + 1) {
                problems.push('grid "' + name + '" scrolls sideways (' + table.scrollWidth + ' px of columns in '
                    + table.clientWidth + ' px)');
              }
              columns.forEach((column, i) => {
                const cells = [column._headerCell, ...(column._cells || [])]
                    .filter(c => c && c.parentElement && !c.parentElement.hidden && c.getBoundingClientRect().height > 0);
                for (const cell of cells) {
                  const r = cell.getBoundingClientRect();
                  if (r.bottom < g.top || r.top > g.bottom) continue;
                  const content = cell._content || cell.querySelector('slot')?.assignedNodes()[0];
                  const what = 'grid "' + name + '" column ' + (i + 1) + ' ("' + text(column._headerCell || cell) + '")';
                  const outside = r.left < g.left - 1 || r.right > g.right + 1;
                  if (i === 0 && outside) problems.push(what + ': the key column is cut off');
                  if (i === 0 && truncated(content)) problems.push(what + ': key column text cut to "' + text(content) + '"');
                  if (!content) continue;
                  for (const button of content.querySelectorAll('vaadin-button')) {
                    if (!shown(button)) continue;
                    const b = button.getBoundingClientRect();
                    if (b.left < g.left - 1 || b.right > g.right + 1 || b.right > r.right + 1) {
                      problems.push(what + ': the action "' + text(button) + '" is cut off');
                    }
                  }
                  if (wide && i > 0 && !wraps && truncated(content)) {
                    problems.push(what + ': text cut to "' + text(content) + '"');
                  }
                }
              });
            }
            // an open dialog (a confirmation, a signature) fits the window with its buttons
            for (const overlay of document.querySelectorAll('vaadin-dialog-overlay[opened]')) {
              const box = overlay.shadowRoot && overlay.shadowRoot.querySelector('[part=overlay]');
              const r = (box || overlay).getBoundingClientRect();
              if (r.left < -1 || r.right > window.innerWidth + 1) {
                problems.push('the dialog "' + text(overlay.querySelector('h2') || overlay) + '" is ' + Math.round(r.width)
                    + ' px wide in a ' + window.innerWidth + ' px window');
              }
              for (const button of overlay.querySelectorAll('vaadin-button')) {
                const b = button.getBoundingClientRect();
                if (shown(button) && (b.left < -1 || b.right > window.innerWidth + 1)) {
                  problems.push('the dialog action "' + text(button) + '" is outside the window');
                }
              }
            }
            for (const button of document.querySelectorAll('vaadin-app-layout vaadin-button[theme~="primary"]')) {
              if (!shown(button) || button.closest('vaadin-grid')) continue;
              const b = button.getBoundingClientRect();
              const label = button.shadowRoot && button.shadowRoot.querySelector('[part=label]');
              if (b.left < -1 || b.right > window.innerWidth + 1) {
                problems.push('the primary action "' + text(button) + '" is outside the window');
              } else if (truncated(label)) {
                problems.push('the primary action "' + text(button) + '" is cut to ' + Math.round(b.width) + ' px');
              }
            }
            return [...new Set(problems)];""";

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyWorkspaceFitsAt1440AndAt390PixelsWithItsKeyColumnsAndActionsVisible() throws IOException {
        var problems = new ArrayList<String>();
        for (var workspace : WORKSPACES.entrySet()) {
            chromium = HeadlessChromium.open();
            chromium.driver().get("http://localhost:" + port + "/");
            chromium.signInToPortal(workspace.getKey(), workspace.getKey());
            chromium.await().until(d -> !chromium.path().equals("/login"));
            for (int width : new int[]{1440, 390}) {
                chromium.driver().manage().window().setSize(new Dimension(width, width == 390 ? 844 : 1000));
                for (String route : workspace.getValue()) {
                    chromium.driver().get("http://localhost:" + port + "/" + route);
                    awaitIdle();
                    screenshot(route.replace('/', '-') + "-" + width + ".png");
                    measure(width >= 1000).forEach(p -> problems.add(width + " px /" + route + ": " + p));
                }
            }
            chromium.close();
            chromium = null;
        }
        assertThat(problems).as("clipped key columns, actions and pages").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> measure(boolean wide) {
        return (List<String>) chromium.driver().executeScript(MEASURE, wide);
    }

    private void awaitIdle() {
        chromium.await().until(d -> Boolean.TRUE.equals(chromium.js("""
                const layout = document.querySelector('vaadin-app-layout');
                const indicator = document.querySelector('.v-loading-indicator');
                return !!layout && !!window.Vaadin && !!window.Vaadin.Flow
                    && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())
                    && (!indicator || getComputedStyle(indicator).display === 'none'
                        || Number(getComputedStyle(indicator).opacity) < 0.02)
                    && [...document.querySelectorAll('vaadin-grid')].every(g => !g.loading);""")));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = chromium.driver().getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
