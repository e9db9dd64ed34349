package org.serialregistry.counterfeit.ui;

import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.counterfeit.AlertCaseDetail;
import org.serialregistry.counterfeit.AlertCaseId;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseNote;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.counterfeit.SignalView;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.Notifications;
import org.serialregistry.ui.RouteIds;

/** One alert case: its evidence (signals with their scans), notes, assignment and state. */
@Route("counterfeit/cases/:id")
@PageTitle("Alert case")
@RolesAllowed({Role.FORENSICS_NAME, Role.CHANNEL_NAME})
class AlertCaseView extends VerticalLayout implements BeforeEnterObserver {

    private final AlertCases cases;
    private final CurrentUser currentUser;
    private long id;

    AlertCaseView(AlertCases cases, CurrentUser currentUser) {
        this.cases = cases;
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = RouteIds.id(event);
        render();
    }

    private void render() {
        removeAll();
        var found = RouteIds.findOrSayMissing(this, id, i -> cases.find(new AlertCaseId(i)), "alert case", "All cases", "counterfeit/cases");
        if (found.isEmpty()) {
            return;
        }
        var detail = found.get();
        var c = detail.summary();
        add(new H3("Case " + c.id() + ": " + AlertCasesView.subject(c)));
        var kpis = new HorizontalLayout(new Kpi("Severity", c.severity().name()), new Kpi("State", c.state().label()),
                new Kpi("Signals", c.signalCount()), new Kpi("Assignee", c.assignee() == null ? "nobody" : c.assignee()));
        kpis.setWrap(true);
        add(kpis);

        // decide
        var newState = new Select<CaseState>();
        newState.setLabel("New state");
        newState.setItems(CaseState.values());
        newState.setItemLabelGenerator(CaseState::label);
        var why = new TextField("Why");
        why.setWidth("24rem");
        var change = new Button("Change state", e -> act(() -> cases.changeState(new AlertCaseId(id), newState.getValue(), why.getValue()),
                "State changed"));
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var assignMe = new Button("Assign to me", e -> act(() -> cases.assign(new AlertCaseId(id), currentUser.require()), "Assigned to you"));
        var decide = new HorizontalLayout(newState, why, change, assignMe);
        decide.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        decide.setWrap(true);
        add(decide);
        if (c.state() != CaseState.CONFIRMED_COUNTERFEIT) {
            add(new Paragraph("Confirming a counterfeit puts the serials of this case on the public counterfeit list "
                    + "(forensic reviewers only)."));
        }

        // evidence
        add(new H3("Evidence"));
        for (SignalView s : detail.signals()) {
            var scans = new Grid<EvidenceScan>();
            scans.addColumn(x -> AlertCasesView.TIME.format(x.at())).setHeader("Scanned (UTC)").setAutoWidth(true);
            scans.addColumn(EvidenceScan::serial).setHeader("Serial").setAutoWidth(true);
            scans.addColumn(EvidenceScan::outcome).setHeader("Outcome").setAutoWidth(true);
            scans.addColumn(x -> x.country() == null ? "" : x.country()).setHeader("Country").setAutoWidth(true);
            scans.addColumn(x -> x.latitude() == null ? "" : String.format(Locale.ROOT, "%.3f, %.3f", x.latitude(),
                    x.longitude())).setHeader("Location").setAutoWidth(true);
            scans.addColumn(x -> AlertCasesView.abbreviate(x.sessionId())).setHeader("Session").setAutoWidth(true);
            scans.addColumn(x -> AlertCasesView.abbreviate(x.clientKey())).setHeader("Client").setAutoWidth(true);
            scans.addColumn(x -> x.unitStatus() == null ? "" : x.unitStatus()).setHeader("Unit status").setAutoWidth(true);
            scans.setItems(s.scans());
            scans.setAllRowsVisible(true);
            scans.addThemeVariants(GridVariant.LUMO_COMPACT);
            var summary = new Span(s.type().label() + " · " + s.severity().name() + " · "
                    + AlertCasesView.TIME.format(s.scanAt()) + (s.serial() == null ? "" : " · " + s.serial()));
            var body = new VerticalLayout(new Paragraph(s.detail()), scans);
            body.setPadding(false);
            var details = new Details(summary, body);
            details.setOpened(detail.signals().size() <= 3);
            details.setWidthFull();
            add(details);
        }

        // notes
        add(new H3("Notes"));
        var notes = new Grid<CaseNote>();
        notes.addColumn(n -> AlertCasesView.TIME.format(n.at())).setHeader("When (UTC)").setAutoWidth(true);
        notes.addColumn(CaseNote::author).setHeader("Who").setAutoWidth(true);
        notes.addColumn(CaseNote::text).setHeader("Note").setFlexGrow(1);
        notes.setItems(detail.notes());
        notes.setAllRowsVisible(true);
        notes.addThemeVariants(GridVariant.LUMO_COMPACT);
        var note = new TextArea("New note");
        note.setWidthFull();
        note.setMaxLength(2000);
        add(notes, note, new Button("Add note", e -> act(() -> cases.addNote(new AlertCaseId(id), note.getValue()), "Note added")));
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notifications.success(success);
            render();
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        }
    }
}
