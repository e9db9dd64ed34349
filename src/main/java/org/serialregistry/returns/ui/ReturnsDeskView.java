package org.serialregistry.returns.ui;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyView;
import org.serialregistry.returns.IntakeJob;
import org.serialregistry.returns.NewReturn;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnLineView;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.returns.ReturnView;
import org.serialregistry.returns.ReturnDispositions;
import org.serialregistry.returns.ReturnQueries;
import org.serialregistry.returns.ReturnsDesk;
import org.serialregistry.returns.internal.ReturnSheet;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Notifications;

/**
 * The returns desk: a return of many units, scanned into a list or uploaded as an Excel sheet, is
 * checked as a whole (every bad line named) and taken in on a background thread with a progress bar;
 * then each unit shows its checks, whether it is refunded, and its disposition, which a person can
 * override with a signature or carry out.
 */
@Route("service/returns")
@PageTitle("Returns desk")
@Menu(title = "Returns desk", order = 74, icon = "vaadin:arrow-backward")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ReturnsDeskView extends VerticalLayout {

    private final ReturnsDesk desk;
    private final ReturnQueries returns;
    private final ReturnDispositions dispositions;
    final ComboBox<PartyView> fromParty = new ComboBox<>("Returned by");
    final TextField rmaNumber = new TextField("RMA number");
    final Select<ReturnReason> reason = new Select<>();
    final TextArea scanned = new TextArea("Scanned units");
    final ProgressBar progress = new ProgressBar();
    final Paragraph status = new Paragraph();
    final H3 title = new H3();
    final Grid<ReturnLineView> lines = new Grid<>();
    final Grid<ReturnView> recent = new Grid<>();
    IntakeJob job;
    ReturnView shown;

    ReturnsDeskView(ReturnsDesk desk, ReturnQueries returns, ReturnDispositions dispositions, Parties parties) {
        this.desk = desk;
        this.returns = returns;
        this.dispositions = dispositions;
        fromParty.setItems(parties.all());
        fromParty.setItemLabelGenerator(p -> p.code() + " — " + p.name());
        rmaNumber.setHelperText("Empty: the registry makes one");
        reason.setLabel("Reason");
        reason.setItems(ReturnReason.values());
        reason.setItemLabelGenerator(ReturnReason::label);
        reason.setValue(ReturnReason.DEFECTIVE);
        scanned.setHelperText("One code per line: a serial or the scanned Digital Link");
        scanned.setWidthFull();
        scanned.setMinHeight("8em");
        var takeIn = new Button("Take in", e -> takeIn());
        takeIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> sheet(bytes)))));
        upload.setAcceptedFileTypes(".xlsx");
        upload.setMaxFileSize(10 * 1024 * 1024);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Or drop an Excel sheet (columns serial, reason, note)"));
        progress.setVisible(false);

        lines.addColumn(ReturnLineView::lineNo).setHeader("Line").setAutoWidth(true);
        lines.addColumn(ReturnLineView::serial).setHeader("Serial").setAutoWidth(true);
        lines.addColumn(l -> l.reason().label()).setHeader("Reason").setAutoWidth(true);
        lines.addColumn(l -> l.quarantined() ? "Quarantined" : "Accepted").setHeader("Intake").setAutoWidth(true);
        lines.addColumn(l -> l.refundable() ? "yes" : "no").setHeader("Refund").setAutoWidth(true);
        lines.addColumn(l -> l.disposition().label() + (l.completedAt() == null ? "" : " (done"
                + (l.resultSerial() == null ? "" : ": " + l.resultSerial()) + ")")).setHeader("Disposition").setAutoWidth(true);
        lines.addColumn(ReturnLineView::dispositionWhy).setHeader("Why").setFlexGrow(1);
        lines.addComponentColumn(l -> l.completedAt() != null ? new Paragraph() : new Button("Override…",
                e -> overrideDialog(l).open())).setHeader("").setAutoWidth(true);
        lines.addComponentColumn(l -> l.completedAt() != null || l.quarantined() ? new Paragraph() : new Button(
                "Carry out", e -> complete(l))).setHeader("").setAutoWidth(true);
        lines.addThemeVariants(GridVariant.LUMO_COMPACT);
        lines.setAllRowsVisible(true);

        recent.addColumn(ReturnView::rmaNumber).setHeader("RMA").setAutoWidth(true);
        recent.addColumn(ReturnView::fromParty).setHeader("From").setAutoWidth(true);
        recent.addColumn(r -> r.lines().size()).setHeader("Units").setAutoWidth(true);
        recent.addColumn(ReturnView::quarantined).setHeader("Quarantined").setAutoWidth(true);
        recent.addColumn(ReturnView::refundable).setHeader("Refunded").setAutoWidth(true);
        recent.addColumn(r -> ServiceFormat.TIME.format(r.createdAt())).setHeader("Received").setAutoWidth(true);
        recent.addItemClickListener(e -> show(e.getItem()));
        recent.setAllRowsVisible(true);
        recent.setItems(returns.latest(20));

        var fields = new FlexLayout(fromParty, rmaNumber, reason);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.getStyle().set("gap", "var(--lumo-space-m)");
        add(fields, scanned, takeIn, upload, progress, status, title, lines, new H3("Latest returns"), recent);
    }

    private NewReturn request(List<NewReturn.Line> items) {
        return new NewReturn(rmaNumber.getValue(), fromParty.getValue() == null ? null : fromParty.getValue().code(), items);
    }

    void takeIn() {
        var r = reason.getValue() == null ? null : reason.getValue().name();
        var items = Arrays.stream(scanned.getValue().split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> new NewReturn.Line(s, r, null)).toList();
        start(request(items), "PORTAL");
    }

    void sheet(byte[] workbook) {
        try {
            start(request(ReturnSheet.read(new ByteArrayInputStream(workbook))), "SHEET");
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void start(NewReturn request, String channel) {
        try {
            job = desk.start(request, channel);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            Notifications.error("Nothing was taken in: " + e.getMessage());
            return;
        }
        progress.setVisible(true);
        progress.setValue(0);
        status.setText("Checking " + job.total() + " units of " + job.rmaNumber() + " ...");
        var ui = UI.getCurrent();
        ui.setPollInterval(500);
        var running = job;
        var registration = ui.addPollListener(p -> {
            progress.setValue(running.progress());
            status.setText(running.done() + " of " + running.total() + " units checked");
        });
        // the intake's end reaches the page through the session lock, not through the next poll
        running.result().whenComplete((view, failure) -> ui.access(() -> {
            ui.setPollInterval(-1);
            registration.remove();
            finish(running);
        }));
    }

    /** Shows the outcome of a finished intake; called by the poll listener (and by tests). */
    void finish(IntakeJob finished) {
        progress.setValue(1);
        if (finished.failure() != null) {
            status.setText("The intake of " + finished.rmaNumber() + " stopped: " + finished.failure());
            Notifications.error(status.getText());
            return;
        }
        var view = finished.result().join();
        status.setText("Took in " + view.lines().size() + " units under " + view.rmaNumber() + ": " + view.quarantined()
                + " quarantined, " + view.refundable() + " to refund.");
        scanned.clear();
        recent.setItems(returns.latest(20));
        show(view);
    }

    void show(ReturnView view) {
        shown = view;
        title.setText(view.rmaNumber() + " from " + view.fromParty());
        lines.setItems(view.lines());
    }

    private void reload() {
        returns.find(shown.rmaNumber()).ifPresent(this::show);
        recent.setItems(returns.latest(20));
    }

    void complete(ReturnLineView line) {
        if (ServiceFormat.attempt(() -> {
            var done = dispositions.complete(line.id(), line.version());
            Notifications.success(done.serial() + ": " + done.disposition().label().toLowerCase() + " done"
                    + (done.resultSerial() == null ? "" : "; new serial " + done.resultSerial()));
        })) {
            reload();
        }
    }

    /** The signed override of one unit's disposition. */
    Dialog overrideDialog(ReturnLineView line) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Override the disposition of " + line.serial());
        var disposition = new Select<ReturnDisposition>();
        disposition.setLabel("New disposition");
        disposition.setItems(ReturnDisposition.values());
        disposition.setItemLabelGenerator(ReturnDisposition::label);
        var meaning = new Select<String>();
        meaning.setLabel("Meaning of signature");
        meaning.setItems("APPROVAL", "REVIEW", "RESPONSIBILITY");
        meaning.setValue("RESPONSIBILITY");
        var why = new TextArea("Reason");
        why.setWidthFull();
        var password = new PasswordField("Password");
        password.setHelperText("Enter your password again to sign");
        var sign = new Button("Sign and override", e -> {
            if (ServiceFormat.attempt(() -> dispositions.override(line.id(), line.version(), disposition.getValue(),
                    meaning.getValue(), why.getValue(), password.getValue()))) {
                Notifications.success(line.serial() + " now goes to " + disposition.getValue().label().toLowerCase());
                dialog.close();
                reload();
            }
        });
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var body = new VerticalLayout(new Paragraph("Now: " + line.disposition().label() + ". " + line.dispositionWhy()),
                disposition, meaning, why, password);
        body.setPadding(false);
        dialog.add(body);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), sign);
        return dialog;
    }
}
