package org.serialregistry.verification.ui;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
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
import org.serialregistry.verification.BatchVerification;
import org.serialregistry.verification.PublicVerdict;
import org.serialregistry.verification.internal.VerificationWorkbook;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * A distributor uploads an Excel sheet of received serials and downloads the same list with the
 * registry's answer for each. Checking runs off the UI thread; the progress bar follows it (the
 * page polls while work is under way).
 */
@Route("distributor/verify")
@PageTitle("Verify a shipment")
@Menu(title = "Verify a shipment", order = 81, icon = "vaadin:check-square-o")
@RolesAllowed(Role.DISTRIBUTOR_NAME)
class DistributorVerifyView extends VerticalLayout {

    private final BatchVerification batch;
    private final AsyncTaskExecutor background;
    private final Clock clock;
    final Upload upload;
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final VerticalLayout result = new VerticalLayout();
    private volatile byte[] resultFile;

    DistributorVerifyView(BatchVerification batch, AsyncTaskExecutor background, Clock clock) {
        this.batch = batch;
        this.background = background;
        this.clock = clock;
        upload = new Upload(UploadHandler.inMemory((metadata, data) -> {
            String name = metadata.fileName();
            getUI().ifPresent(ui -> ui.access(() -> start(name, data)));
        }));
        upload.setAcceptedFileTypes(VerificationWorkbook.CONTENT_TYPE, ".xlsx");
        upload.setMaxFileSize(VerificationWorkbook.MAX_BYTES);
        upload.setMaxFiles(1);
        progress.setVisible(false);
        result.setPadding(false);
        add(new Paragraph("Upload an Excel sheet (.xlsx) of up to " + BatchVerification.MAX_ITEMS + " codes: a column "
                        + "headed 'Serial', and optionally 'GTIN', 'Lot' and 'Expiry' (YYMMDD). You get the same sheet back "
                        + "with the registry's answer for each code."), upload, progress, status, result);
    }

    /** Reads the sheet and verifies it in the background; the UI polls for progress meanwhile. */
    void start(String fileName, byte[] data) {
        result.removeAll();
        resultFile = null;
        List<BatchVerification.Item> items;
        try {
            items = VerificationWorkbook.read(new ByteArrayInputStream(data));
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            Notifications.error(e.getMessage());
            return;
        }
        UI ui = UI.getCurrent();
        progress.setVisible(true);
        progress.setMin(0);
        progress.setMax(items.size());
        progress.setValue(0);
        status.setText("Checking " + items.size() + " codes from " + fileName + "...");
        ui.setPollInterval(300);
        background.execute(() -> {
            try {
                var results = batch.verify(items, done -> ui.access(() -> progress.setValue(done)));
                byte[] file = VerificationWorkbook.write(items, results);
                ui.access(() -> finished(fileName, items.size(), results, file));
            } catch (RuntimeException e) {
                ui.access(() -> {
                    ui.setPollInterval(-1);
                    progress.setVisible(false);
                    status.setText("The check failed: " + e.getMessage());
                });
            }
        });
    }

    private void finished(String fileName, int count, List<BatchVerification.ItemResult> results, byte[] file) {
        UI.getCurrent().setPollInterval(-1);
        resultFile = file;
        progress.setValue(count);
        long genuine = results.stream().filter(r -> r.answer().verdict() == PublicVerdict.GENUINE).count();
        long problems = count - genuine;
        status.setText(count + " codes checked: " + genuine + " genuine, " + problems + " need attention.");
        String download = VerificationWorkbook.resultName(fileName, LocalDateTime.now(clock));
        var anchor = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(file), download, VerificationWorkbook.CONTENT_TYPE, file.length)),
                "Download the result sheet");
        anchor.setId("verification-result-download");
        result.add(anchor);
    }

    byte[] resultFile() {
        return resultFile;
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
    }
}
