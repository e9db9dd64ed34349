package org.serialregistry.returns.ui;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimImportReport;
import org.serialregistry.warranty.ClaimIntake;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Batch claims from a repair network in one Excel file: all rows are imported or none. The import
 * runs off the request thread; the page polls for its progress and then lists each bad row.
 */
@Route("service/claims/upload")
@PageTitle("Upload claims")
@Menu(title = "Upload claims", order = 72, icon = "vaadin:upload")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ClaimUploadView extends VerticalLayout {

    private final ClaimIntake claims;
    private final AsyncTaskExecutor background;
    final ProgressBar progress = new ProgressBar();
    final Paragraph status = new Paragraph("Columns: " + String.join(", ", ClaimIntake.WORKBOOK_COLUMNS)
            + ". Dates as 2026-11-20. At most 2000 rows, 5 MB.");
    final Grid<ClaimImportReport.RowProblem> problems = new Grid<>();

    ClaimUploadView(ClaimIntake claims, AsyncTaskExecutor background) {
        this.background = background;
        this.claims = claims;
        var template = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = ClaimIntake.workbookTemplate();
            return new DownloadResponse(new ByteArrayInputStream(bytes), "claims-template.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes.length);
        }), "Download the template");
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> start(bytes)));
        upload.setAcceptedFileTypes(".xlsx");
        upload.setMaxFileSize(5 * 1024 * 1024);
        progress.setVisible(false);
        problems.addColumn(ClaimImportReport.RowProblem::row).setHeader("Row").setAutoWidth(true);
        problems.addColumn(ClaimImportReport.RowProblem::message).setHeader("Problem").setFlexGrow(1);
        problems.setAllRowsVisible(true);
        problems.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        problems.setVisible(false);
        add(status, template, upload, progress, problems);
    }

    /** Starts the import in the background; public to the package so tests can hand in a workbook. */
    void start(byte[] workbook) {
        var ui = UI.getCurrent() != null ? UI.getCurrent() : getUI().orElseThrow();
        ui.access(() -> {
            progress.setVisible(true);
            progress.setValue(0);
            problems.setVisible(false);
            status.setText("Checking the rows…");
            ui.setPollInterval(500);
        });
        background.execute(() -> {
            ClaimImportReport report;
            try {
                report = claims.importWorkbook(workbook, (done, total) ->
                        ui.access(() -> progress.setValue(total == 0 ? 1 : done / (double) total)));
            } catch (IllegalArgumentException e) {
                report = new ClaimImportReport(false, 0, List.of(ClaimImportReport.RowProblem.of(0, e)), List.of());
            }
            var finished = report;
            ui.access(() -> finish(ui, finished));
        });
    }

    private void finish(UI ui, ClaimImportReport report) {
        ui.setPollInterval(-1);
        progress.setValue(1);
        if (report.imported()) {
            long approved = report.results().stream().filter(r -> r.claim().rmaNumber() != null).count();
            status.setText("Imported " + report.rows() + " claims: " + approved + " approved with an RMA number, "
                    + (report.rows() - approved) + " denied or sent to review.");
            Notifications.success(status.getText());
        } else {
            long rows = report.problems().stream().map(ClaimImportReport.RowProblem::row).distinct().count();
            status.setText("Nothing was imported: " + (rows == 1 ? "1 row needs" : rows + " rows need")
                    + " correcting; every problem is listed below.");
            problems.setItems(report.problems());
            problems.setVisible(true);
        }
    }
}
