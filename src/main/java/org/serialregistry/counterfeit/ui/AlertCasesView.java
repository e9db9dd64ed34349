package org.serialregistry.counterfeit.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;

/**
 * Alert cases with filters. The page polls every few seconds: new cases appear in the grid, and a
 * new high-severity case is announced at once (polling works with the pre-built bundle; no push).
 */
@Route("counterfeit/cases")
@PageTitle("Alert cases")
@Menu(title = "Alert cases", order = 63, icon = "vaadin:warning")
@RolesAllowed({Role.FORENSICS_NAME, Role.CHANNEL_NAME})
class AlertCasesView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final int POLL_MILLIS = 5000;

    private final AlertCases cases;
    private final TextField serial = new TextField("Serial");
    private final Select<CaseState> state = new Select<>();
    private final Select<SignalType> type = new Select<>();
    private final Grid<AlertCaseSummary> grid = new Grid<>();
    private final Span count = new Span();
    private long lastHighCase;
    private com.vaadin.flow.shared.Registration pollRegistration;

    AlertCasesView(AlertCases cases) {
        this.cases = cases;
        setSizeFull();
        serial.setClearButtonVisible(true);
        serial.setValueChangeMode(ValueChangeMode.LAZY);
        serial.addValueChangeListener(e -> refresh());
        state.setLabel("State");
        state.setItems(CaseState.values());
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any state");
        state.setItemLabelGenerator(s -> s == null ? "Any state" : s.label());
        state.addValueChangeListener(e -> refresh());
        type.setLabel("Signal");
        type.setItems(SignalType.values());
        type.setEmptySelectionAllowed(true);
        type.setEmptySelectionCaption("Any signal");
        type.setItemLabelGenerator(t -> t == null ? "Any signal" : t.label());
        type.addValueChangeListener(e -> refresh());
        var reload = new Button("Refresh", e -> refresh());
        var filters = new HorizontalLayout(serial, state, type, reload);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        // built by kind: the signal list, the subject and the assignee wrap, so that no data pushes the grid sideways
        var columns = Grids.columns(grid);
        columns.key("Case", c -> c.id().value()).setKey("id");
        columns.value("Severity", c -> c.severity().name()).setKey("severity");
        columns.value("State", c -> c.state().label()).setKey("state");
        columns.text("Signals", c -> c.types().stream().map(SignalType::label).collect(Collectors.joining("; ")), "10rem", 2)
                .setKey("types");
        columns.text("About", AlertCasesView::subject, "10rem", 1).setKey("subject");
        columns.value("Country", c -> c.country() == null ? "" : c.country());
        columns.value("Signals #", AlertCaseSummary::signalCount);
        columns.text("Assignee", c -> c.assignee() == null ? "" : c.assignee(), "7rem", 0);
        columns.value("First seen (UTC)", c -> TIME.format(c.firstSeenAt()));
        columns.value("Updated (UTC)", c -> TIME.format(c.updatedAt()));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("counterfeit/cases/" + e.getItem().id())));
        grid.setSizeFull();

        add(new Paragraph("Signals about the same serial, lot or client are grouped into one case. Click a case to "
                + "see its evidence, assign it, annotate it and decide it."), filters, count, grid);
        lastHighCase = cases.latestHighSeverityCase();
        refresh();
    }

    static String subject(AlertCaseSummary c) {
        return switch (c.groupKind()) {
            case "CLIENT" -> "Client " + abbreviate(c.clientKey());
            case "LOT" -> "Lot " + c.gtin() + " / " + c.lot();
            default -> "Serial " + c.serial();
        };
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 16 ? s.substring(0, 16) + "…" : s;
    }

    void refresh() {
        var found = cases.search(new CaseQuery(serial.getValue(), state.getValue(), type.getValue(), 500));
        grid.setItems(found);
        count.setText(found.size() + (found.size() == 1 ? " case" : " cases"));
    }

    /** Called on every poll: reload, and announce a case that became high severity meanwhile. */
    void poll() {
        long latest = cases.latestHighSeverityCase();
        if (latest > lastHighCase) {
            lastHighCase = latest;
            Notifications.error("New high-severity alert case " + latest);
        }
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        ui.setPollInterval(POLL_MILLIS);
        pollRegistration = ui.addPollListener(e -> {
            if (isAttached()) {
                poll();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
        if (pollRegistration != null) {
            pollRegistration.remove();
        }
        super.onDetach(detachEvent);
    }
}
