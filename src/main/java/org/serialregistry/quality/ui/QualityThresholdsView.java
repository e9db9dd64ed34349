package org.serialregistry.quality.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.quality.ClaimThreshold;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.security.Role;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;

/** Claim-rate thresholds per product: a lot above its product's threshold raises one alert. */
@Route("quality/thresholds")
@PageTitle("Alert thresholds")
@Menu(title = "Alert thresholds", order = 31, icon = "vaadin:alarm")
@RolesAllowed(Role.QUALITY_NAME)
class QualityThresholdsView extends VerticalLayout {

    private final QualityDashboard dashboard;
    final Grid<ClaimThreshold> grid = new Grid<>();

    QualityThresholdsView(QualityDashboard dashboard) {
        this.dashboard = dashboard;
        grid.addColumn(ClaimThreshold::product).setHeader("Product").setAutoWidth(true);
        grid.addColumn(ClaimThreshold::gtin).setHeader("GTIN").setAutoWidth(true);
        grid.addColumn(t -> t.configured() ? "" : "default").setHeader("").setAutoWidth(true);
        // the inputs and their Save stay together at the end, frozen: on a phone they stay in view
        Grids.actions(grid.addComponentColumn(t -> {
            var percent = new NumberField();
            percent.setValue(t.maxClaimRatePercent());
            percent.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
            percent.setWidth("6.5rem");
            var min = new IntegerField();
            min.setValue(t.minClaims());
            min.setWidth("5rem");
            percent.setAriaLabel("Max claim rate of " + t.product());
            min.setAriaLabel("Min claims of " + t.product());
            var errors = new FieldErrors().bind("maxClaimRatePercent", percent).label("maxClaimRatePercent",
                    "Max claim rate").bind("minClaims", min).label("minClaims", "Min claims");
            var save = new Button("Save", e -> {
                if (errors.run(() -> dashboard.setThreshold(t.gtin(), percent.getValue() == null ? 0 : percent.getValue(),
                        min.getValue() == null ? 0 : min.getValue()))) {
                    Notifications.success("Threshold of " + t.product() + " saved");
                    refresh();
                }
            });
            return new HorizontalLayout(percent, min, save);
        }).setHeader("Max claim rate · min claims").setKey("threshold"));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        add(new Paragraph("A lot raises one alert when its claim rate goes above the product's maximum and it has at "
                + "least the minimum number of claims. Products without their own threshold use "
                + QualityDashboard.DEFAULT_THRESHOLD_PERCENT + " % and " + QualityDashboard.DEFAULT_MIN_CLAIMS + " claims."),
                grid, Exports.link("Export thresholds to Excel",
                        () -> org.serialregistry.quality.internal.QualityTables.thresholds(dashboard.thresholds())));
        refresh();
    }

    private void refresh() {
        grid.setItems(dashboard.thresholds());
    }
}
