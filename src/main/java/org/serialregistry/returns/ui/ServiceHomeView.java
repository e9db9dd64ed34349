package org.serialregistry.returns.ui;

import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.returns.NewRepair;
import org.serialregistry.returns.Repairs;
import org.serialregistry.returns.ServiceQueue;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimDecisions;

/**
 * Service centre home: units under RMA waiting for repair (this centre's and the unassigned ones,
 * which it can take), and the claims this centre submitted.
 */
@Route("service")
@PageTitle("Repairs")
@Menu(title = "Repairs", order = 70, icon = "vaadin:wrench")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ServiceHomeView extends VerticalLayout {

    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final Repairs repairs;
    final Grid<ServiceQueue.RmaItem> underRma = new Grid<>();
    final Grid<ClaimView> mine = new Grid<>();
    private final ServiceQueue queue;
    private final String me;

    ServiceHomeView(ClaimQueries claims, ClaimDecisions decisions, Repairs repairs, ServiceQueue queue, CurrentUser currentUser) {
        this.claims = claims;
        this.decisions = decisions;
        this.repairs = repairs;
        this.queue = queue;
        this.me = currentUser.require();
        var columns = Grids.columns(underRma);
        columns.key("RMA", i -> i.claim().rmaNumber());
        columns.value("Claim", i -> i.claim().claimNumber());
        columns.value("Serial", i -> i.claim().serial());
        columns.text("Defect", i -> i.claim().defect().label(), "7rem", 0);
        columns.text("Customer", i -> i.claim().claimantName(), "8rem", 1);
        columns.text("Service centre", i -> i.serviceParty() == null ? "unassigned" : i.serviceParty(), "7rem", 0)
                .setKey("centre");
        // Take (while nobody has the unit) and Log repair… in one frozen cell: both stay in view on a phone
        columns.actions(i -> {
            var buttons = new HorizontalLayout();
            buttons.setSpacing(false);
            buttons.getStyle().set("gap", "var(--lumo-space-xs)");
            if (i.serviceParty() == null) {
                buttons.add(new Button("Take", e -> {
                    if (ServiceFormat.attempt(() -> queue.take(i.claim().id()))) {
                        Notifications.success(i.claim().rmaNumber() + " is now with your service centre");
                        refresh();
                    }
                }));
            }
            buttons.add(new Button("Log repair…", e -> repairDialog(i.claim()).open()));
            return buttons;
        });
        underRma.setAllRowsVisible(true);

        mine.addColumn(ClaimView::claimNumber).setHeader("Claim").setAutoWidth(true);
        mine.addColumn(c -> c.state().label()).setHeader("State").setAutoWidth(true);
        mine.addColumn(c -> c.rmaNumber() == null ? "" : c.rmaNumber()).setHeader("RMA").setAutoWidth(true);
        mine.addColumn(ClaimView::serial).setHeader("Serial").setAutoWidth(true);
        mine.addColumn(c -> c.decisionReasons() == null ? "" : c.decisionReasons()).setHeader("Why").setFlexGrow(1);
        Grids.actions(mine.addComponentColumn(c -> c.state() == ClaimState.REPAIRED || c.state() == ClaimState.REPLACED
                ? new Button("Close", e -> {
                    if (ServiceFormat.attempt(() -> decisions.close(c.id(), c.version()))) {
                        Notifications.success(c.claimNumber() + " closed");
                        refresh();
                    }
                }) : new Paragraph()).setHeader(""));

        var newClaim = new Button("New claim", e -> getUI().ifPresent(ui -> ui.navigate(ServiceClaimIntakeView.class)));
        newClaim.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var upload = new Button("Upload claims (Excel)", e -> getUI().ifPresent(ui -> ui.navigate(ClaimUploadView.class)));
        add(new HorizontalLayout(newClaim, upload), new com.vaadin.flow.component.html.H3("Units under RMA"), underRma,
                new com.vaadin.flow.component.html.H3("Claims we submitted"), mine);
        refresh();
    }

    void refresh() {
        underRma.setItems(queue.underRma());
        mine.setItems(claims.search(ClaimFilter.all().withSubmittedBy(me)));
    }

    Dialog repairDialog(ClaimView claim) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Repair under " + claim.rmaNumber() + " (" + claim.serial() + ")");
        var actions = new TextArea("Actions");
        var parts = new TextField("Parts");
        var technician = new TextField("Technician");
        var outcome = new Select<ServiceOutcome>();
        outcome.setLabel("Outcome");
        outcome.setItems(ServiceOutcome.values());
        outcome.setItemLabelGenerator(ServiceOutcome::label);
        outcome.setValue(ServiceOutcome.REPAIRED);
        var replacement = new TextField("Replacement serial");
        replacement.setHelperText("Only when the unit is replaced");
        var save = new Button("Log repair", e -> {
            if (ServiceFormat.attempt(() -> repairs.log(new NewRepair(claim.id(), claim.version(), actions.getValue(),
                    parts.getValue(), technician.getValue(), outcome.getValue(), replacement.getValue())))) {
                dialog.close();
                Notifications.success("Repair logged on " + claim.claimNumber());
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        repairs.eligibility(claim).ifPresent(e -> dialog.add(new Paragraph(e.explanation())));
        dialog.add(new FormLayout(actions, parts, technician, outcome, replacement));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }
}
