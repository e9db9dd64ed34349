package org.serialregistry.returns.ui;

import org.serialregistry.ui.CodeInput;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.returns.RepairView;
import org.serialregistry.returns.Repairs;
import org.serialregistry.returns.ServiceHistory;
import org.serialregistry.security.Role;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.OwnershipView;

/** Service history of one unit: coverage, owners, claims, repairs and its lifecycle events. */
@Route("service/history")
@PageTitle("Service history")
@Menu(title = "Service history", order = 73, icon = "vaadin:time-backward")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ServiceHistoryView extends VerticalLayout {

    private final Repairs repairs;
    final TextField serial = new TextField("Serial");
    final VerticalLayout result = new VerticalLayout();

    ServiceHistoryView(Repairs repairs) {
        this.repairs = repairs;
        result.setPadding(false);
        CodeInput.configure(serial);
        var show = new Button("Show history", e -> CodeInput.read(serial)
                .ifPresent(code -> ServiceFormat.attempt(() -> show(code.serial().value()))));
        var bar = new HorizontalLayout(serial, show);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar, result);
    }

    void show(String text) {
        result.removeAll();
        var history = repairs.history(text);
        if (history.isEmpty()) {
            result.add(new Paragraph("This registry never issued serial " + text + "."));
            return;
        }
        var h = history.get();
        var u = h.unit();
        result.add(new H3(u.serial().value() + " · GTIN " + u.gtin().value() + " · lot " + u.lot().value()),
                new Paragraph("Made " + u.productionDate() + " at " + u.facilityCode() + "/" + u.lineCode()
                        + "; status " + u.status().label() + ". " + h.eligibility().map(e -> e.explanation())
                        .or(() -> h.coverage().map(c -> c.explanation())).orElse("")));
        if (!h.replacementFor().isEmpty()) {
            result.add(new Paragraph("This unit was shipped as the replacement for " + h.replacementFor().stream()
                    .map(c -> c.serial() + " (" + c.claimNumber() + ")").collect(Collectors.joining(", ")) + "."));
        }
        result.add(new H3("Owners"), owners(h), new H3("Claims"), claims(h), new H3("Repairs"), repairsGrid(h),
                new H3("Lifecycle events"), events(h));
    }

    private Grid<OwnershipView> owners(ServiceHistory h) {
        var g = new Grid<OwnershipView>();
        g.addColumn(o -> o.status().label()).setHeader("Status").setAutoWidth(true);
        g.addColumn(OwnershipView::ownerName).setHeader("Owner").setAutoWidth(true);
        g.addColumn(o -> o.purchaseDate().toString()).setHeader("Purchased").setAutoWidth(true);
        g.addColumn(o -> o.transferDate() == null ? "" : o.transferDate().toString()).setHeader("Resold").setAutoWidth(true);
        g.addColumn(OwnershipView::retailer).setHeader("Retailer").setAutoWidth(true);
        g.setItems(h.owners());
        return compact(g);
    }

    private Grid<ClaimView> claims(ServiceHistory h) {
        var g = new Grid<ClaimView>();
        g.addColumn(ClaimView::claimNumber).setHeader("Claim").setAutoWidth(true);
        g.addColumn(c -> c.defect().label()).setHeader("Defect").setAutoWidth(true);
        g.addColumn(c -> c.state().label()).setHeader("State").setAutoWidth(true);
        g.addColumn(c -> c.rmaNumber() == null ? "" : c.rmaNumber()).setHeader("RMA").setAutoWidth(true);
        g.addColumn(c -> c.replacementSerial() == null ? "" : c.replacementSerial()).setHeader("Replaced by").setAutoWidth(true);
        g.setItems(h.claims());
        return compact(g);
    }

    private Grid<RepairView> repairsGrid(ServiceHistory h) {
        var g = new Grid<RepairView>();
        g.addColumn(r -> ServiceFormat.TIME.format(r.loggedAt())).setHeader("When").setAutoWidth(true);
        g.addColumn(RepairView::rmaNumber).setHeader("RMA").setAutoWidth(true);
        g.addColumn(r -> r.outcome().label()).setHeader("Outcome").setAutoWidth(true);
        g.addColumn(RepairView::actions).setHeader("Actions").setFlexGrow(1);
        g.addColumn(r -> r.parts() == null ? "" : r.parts()).setHeader("Parts").setAutoWidth(true);
        g.addColumn(RepairView::technician).setHeader("Technician").setAutoWidth(true);
        g.addColumn(r -> r.serviceCentre() == null ? "not recorded" : r.serviceCentre()).setHeader("Service centre")
                .setAutoWidth(true);
        g.setItems(h.repairs());
        return compact(g);
    }

    private Grid<LifecycleEventView> events(ServiceHistory h) {
        var g = new Grid<LifecycleEventView>();
        g.addColumn(e -> ServiceFormat.TIME.format(e.eventTime())).setHeader("When").setAutoWidth(true);
        g.addColumn(e -> e.bizStep().cbv()).setHeader("Step").setAutoWidth(true);
        g.addColumn(e -> e.disposition() == null ? "" : e.disposition().cbv()).setHeader("Disposition").setAutoWidth(true);
        g.addColumn(e -> e.sourceParty() == null ? "" : e.sourceParty()).setHeader("From").setAutoWidth(true);
        g.addColumn(e -> e.destinationParty() == null ? "" : e.destinationParty()).setHeader("To").setAutoWidth(true);
        g.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Reason").setFlexGrow(1);
        g.setItems(h.events());
        return compact(g);
    }

    private static <T> Grid<T> compact(Grid<T> g) {
        g.setAllRowsVisible(true);
        g.addThemeVariants(GridVariant.LUMO_COMPACT);
        return g;
    }
}
