package org.serialregistry.quality.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.quality.internal.QualityTables;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Grids;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.DefectCode;

/** Drill-down: the claims behind a figure (a lot, optionally one defect; or one defect across lots). */
@Route("quality/claims")
@PageTitle("Claims behind a figure")
@RolesAllowed(Role.QUALITY_NAME)
class QualityClaimsView extends VerticalLayout implements BeforeEnterObserver {

    private final QualityDashboard dashboard;
    final H3 title = new H3();
    final Grid<ClaimView> grid = new Grid<>();
    private ClaimFilter filter = ClaimFilter.all();

    QualityClaimsView(QualityDashboard dashboard) {
        this.dashboard = dashboard;
        var columns = Grids.columns(grid);
        // newest first, page by page from the database (no column sorting: it would sort only the page at hand)
        columns.key("Claim", ClaimView::claimNumber);
        columns.value("State", c -> c.state().label());
        columns.text("Lot · line", c -> c.lot() + " · " + c.facilityCode() + "/" + c.lineCode(), "7rem", 0);
        columns.value("Serial", ClaimView::serial);
        columns.value("Made", c -> c.productionDate().toString());
        columns.text("Defect", c -> c.defect().label(), "8rem", 0);
        columns.value("Failure date", c -> c.failureDate().toString());
        columns.text("Description", ClaimView::description, "10rem", 1);
        grid.setHeight("32rem");
        grid.setPartNameGenerator(c -> c.state() == ClaimState.DENIED ? "denied-claim" : null);
        grid.addItemClickListener(e -> claimDialog(e.getItem()).open());
        var back = new Button("Back to claim rates", e -> getUI().ifPresent(ui -> ui.navigate(QualityHomeView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(back, title, grid, Exports.link("Export these claims to Excel",
                () -> QualityTables.claims(dashboard.claims(filter))));
    }

    /** One claim as quality needs it: the unit, the defect, the decision and why. */
    Dialog claimDialog(ClaimView c) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Claim " + c.claimNumber() + " · " + c.state().label());
        var facts = new com.vaadin.flow.component.formlayout.FormLayout();
        facts.addFormItem(new Span(c.serial()), "Serial");
        facts.addFormItem(new Span(c.lot() + " · " + c.facilityCode() + "/" + c.lineCode() + " · made "
                + c.productionDate()), "Lot, line, made");
        facts.addFormItem(new Span(c.defect().label() + " on " + c.failureDate()), "Defect");
        facts.addFormItem(new Span(c.description() == null ? "–" : c.description()), "Description");
        facts.addFormItem(new Span(c.decisionReasons() == null ? "–" : c.decisionReasons()), "Decision and why");
        facts.addFormItem(new Span(c.state() == ClaimState.DENIED ? "no (denied)" : "yes"), "Counted in the rate");
        dialog.add(facts);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        return dialog;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var q = event.getLocation().getQueryParameters();
        String gtin = q.getSingleParameter("gtin").orElse(null);
        String lot = q.getSingleParameter("lot").orElse(null);
        DefectCode defect = null;
        var defectText = q.getSingleParameter("defect");
        if (defectText.isPresent()) {
            try {
                defect = DefectCode.parse("defect", defectText.get());
            } catch (IllegalArgumentException e) {
                defect = null;
            }
        }
        filter = QualityDashboard.drillDownFilter(gtin, lot, defect);
        var count = dashboard.claimCount(filter);
        long denied = count.denied();
        // the claim rate counts claims that were not denied: say so, so that both figures agree
        title.setText(count.total() + " claim(s)" + (lot == null ? "" : " of lot " + lot)
                + (defect == null ? "" : " for " + defect.label().toLowerCase())
                + (denied == 0 ? "" : ": " + count.counted() + " counted in the claim rate, " + denied
                + " denied and not counted"));
        // page by page as the grid scrolls: a lot with thousands of claims costs one page, not thousands of rows
        var shown = (int) Math.min(count.total(), QualityDashboard.DRILL_DOWN_LIMIT);
        var f = filter;
        grid.setItems(query -> dashboard.claims(f, query.getOffset(), query.getLimit()).stream(), query -> shown);
        if (count.total() > shown) {
            title.setText(title.getText() + " (the newest " + shown + " listed)");
        }
    }
}
