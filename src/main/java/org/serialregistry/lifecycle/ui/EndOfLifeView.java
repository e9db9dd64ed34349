package org.serialregistry.lifecycle.ui;

import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.lifecycle.EndOfLife;
import org.serialregistry.lifecycle.EndOfLifeKind;
import org.serialregistry.lifecycle.StatusCorrections;
import org.serialregistry.security.Role;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.ui.Notifications;

/**
 * End of life and status changes for every party: report units stolen (a partner only its own), scrap
 * or destroy with evidence, archive (staff), undo a decommissioning within the window, and, for a
 * quality engineer, a signed error declaration. Each action answers with the event it recorded.
 */
@Route("end-of-life")
@PageTitle("End of life and status")
@Menu(title = "End of life", order = 90, icon = "vaadin:archive")
@RolesAllowed({Role.ADMIN_NAME, Role.QUALITY_NAME, Role.PRODUCTION_NAME, Role.SERVICE_CENTER_NAME,
        Role.DISTRIBUTOR_NAME, Role.CHANNEL_NAME})
class EndOfLifeView extends VerticalLayout {

    // not final: the buttons below, built before the constructor runs, call them when clicked
    private EndOfLife endOfLife;
    private StatusCorrections corrections;

    byte[] evidence;
    String evidenceName;
    final TextArea serials = new TextArea("Serials");
    final TextArea reason = new TextArea("Reason");
    final TextField where = new TextField("Where (stolen)");
    final Select<EndOfLifeKind> kind = new Select<>();
    final Button stolen = new Button("Report stolen", e -> run(() -> this.endOfLife.reportStolen(list(), where.getValue(),
            reason.getValue())));
    final Button scrap = new Button("Scrap or destroy", e -> run(() -> this.endOfLife.scrap(kind.getValue(), list(),
            reason.getValue(), evidence, evidenceName)));
    final Button archive = new Button("Archive (end of life)", e -> run(() -> this.endOfLife.archive(list(), reason.getValue())));
    final IntegerField eventId = new IntegerField("Event number");
    final PasswordField password = new PasswordField("Password (to sign a correction)");
    final Button undo = new Button("Undo my decommissioning", e -> runAll(() -> this.corrections.undo(eventId(),
            reason.getValue())));
    final Button declareError = new Button("Sign error declaration", e -> runAll(() -> this.corrections.declareError(eventId(),
            reason.getValue(), password.getValue())));
    final Paragraph result = new Paragraph();

    EndOfLifeView(EndOfLife endOfLife, StatusCorrections corrections) {
        this.endOfLife = endOfLife;
        this.corrections = corrections;
        serials.setHelperText("One per line, or separated by commas (scanner, Excel column)");
        serials.setWidth("min(100%, 36rem)");
        reason.setWidth("min(100%, 36rem)");
        kind.setLabel("How");
        kind.setItems(EndOfLifeKind.values());
        kind.setValue(EndOfLifeKind.DESTROYED);
        var upload = new Upload(UploadHandler.inMemory((metadata, data) -> {
            evidence = data;
            evidenceName = metadata.fileName();
        }));
        upload.setAcceptedFileTypes("application/pdf", "image/png", "image/jpeg", ".pdf", ".png", ".jpg", ".jpeg");
        upload.setMaxFiles(1);
        scrap.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stolen.addThemeVariants(ButtonVariant.LUMO_ERROR);
        add(new Paragraph("Every change is a lifecycle event; nothing is edited. A decommissioning can be undone by the "
                        + "same party within " + corrections.undoWindow().toDays() + " days; after that it is final."),
                serials, reason, new H3("Stolen"), where, stolen, new H3("Scrap or destroy"),
                new HorizontalLayout(kind), new Paragraph("Evidence: certificate of destruction or photo (PDF, PNG, JPEG)"),
                upload, scrap, new H3("Archive"), archive, new H3("Undo or correct"), eventId, password,
                new HorizontalLayout(undo, declareError), result);
    }

    private List<String> list() {
        return Arrays.stream(serials.getValue().split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    }

    private LifecycleEventId eventId() {
        if (eventId.getValue() == null) {
            throw new IllegalArgumentException("event: give the number of the event to undo or correct");
        }
        return new LifecycleEventId(eventId.getValue());
    }

    private void run(java.util.function.Supplier<LifecycleEventView> action) {
        runAll(() -> List.of(action.get()));
    }

    private void runAll(java.util.function.Supplier<List<LifecycleEventView>> action) {
        try {
            var events = action.get();
            String text = events.stream().map(e -> "event " + e.id() + ": " + e.epcCount() + " unit(s) "
                    + (e.newStatus() == null ? "" : e.newStatus().label().toLowerCase())).reduce((a, b) -> a + "; " + b)
                    .orElse("");
            result.setText("Recorded " + text);
            Notifications.success("Recorded " + text);
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            Notifications.error(e.getMessage());
        } catch (org.springframework.security.access.AccessDeniedException e) {
            result.setText("Your role may not do this.");
            Notifications.error("Your role may not do this.");
        }
    }
}
