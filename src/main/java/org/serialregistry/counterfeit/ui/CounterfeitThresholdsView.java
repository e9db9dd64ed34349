package org.serialregistry.counterfeit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.counterfeit.DetectionThresholds;
import org.serialregistry.counterfeit.Thresholds;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Notifications;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/** Administrators tune counterfeit detection per product category. */
@Route("admin/counterfeit-thresholds")
@PageTitle("Counterfeit thresholds")
@Menu(title = "Counterfeit thresholds", order = 13, icon = "vaadin:sliders")
@RolesAllowed(Role.ADMIN_NAME)
class CounterfeitThresholdsView extends VerticalLayout {

    private final DetectionThresholds thresholds;
    private final Grid<Thresholds> grid = new Grid<>();
    private final IntegerField maxSessions = field("Distinct sessions allowed", "maxSessions");
    private final IntegerField sessionWindowDays = field("Session window (days)", "sessionWindowDays");
    private final IntegerField enumerationCount = field("Bad codes from one client", "enumerationCount");
    private final IntegerField enumerationWindowMinutes = field("… within (minutes)", "enumerationWindowMinutes");
    private final IntegerField maxSpeedKmh = field("Travel speed limit (km/h)", "maxSpeedKmh");
    private final IntegerField offMarketSessions = field("Off-market sessions before a signal", "offMarketSessions");
    private final IntegerField newCountryWarmupScans = field("Scans before new countries count", "newCountryWarmupScans");
    private final H3 editing = new H3();
    private Thresholds selected;

    CounterfeitThresholdsView(DetectionThresholds thresholds) {
        this.thresholds = thresholds;
        add(new Paragraph("Thresholds of counterfeit detection per product category. A change applies to the next "
                + "scan processed."));
        grid.addColumn(t -> t.category().label()).setHeader("Category").setAutoWidth(true).setKey("category");
        grid.addColumn(Thresholds::maxSessions).setHeader("Sessions").setAutoWidth(true).setKey("maxSessions");
        grid.addColumn(Thresholds::sessionWindowDays).setHeader("Window (d)").setAutoWidth(true);
        grid.addColumn(Thresholds::enumerationCount).setHeader("Bad codes").setAutoWidth(true);
        grid.addColumn(Thresholds::enumerationWindowMinutes).setHeader("Within (min)").setAutoWidth(true);
        grid.addColumn(Thresholds::maxSpeedKmh).setHeader("km/h").setAutoWidth(true).setKey("maxSpeedKmh");
        grid.addColumn(Thresholds::offMarketSessions).setHeader("Off-market").setAutoWidth(true);
        grid.addColumn(Thresholds::newCountryWarmupScans).setHeader("Warm-up").setAutoWidth(true);
        grid.addColumn(Thresholds::updatedBy).setHeader("Changed by").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                edit(e.getValue());
            }
        });
        var form = new FormLayout(maxSessions, sessionWindowDays, enumerationCount, enumerationWindowMinutes,
                maxSpeedKmh, offMarketSessions, newCountryWarmupScans);
        var save = new Button("Save thresholds", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(grid, editing, form, save);
        reload();
        edit(thresholds.all().getFirst());
    }

    private static IntegerField field(String label, String id) {
        var f = new IntegerField(label);
        f.setId(id);
        f.setStepButtonsVisible(true);
        return f;
    }

    private void reload() {
        grid.setItems(thresholds.all());
    }

    private void edit(Thresholds t) {
        selected = t;
        editing.setText("Edit: " + t.category().label());
        maxSessions.setValue(t.maxSessions());
        sessionWindowDays.setValue(t.sessionWindowDays());
        enumerationCount.setValue(t.enumerationCount());
        enumerationWindowMinutes.setValue(t.enumerationWindowMinutes());
        maxSpeedKmh.setValue(t.maxSpeedKmh());
        offMarketSessions.setValue(t.offMarketSessions());
        newCountryWarmupScans.setValue(t.newCountryWarmupScans());
    }

    private void save() {
        try {
            var saved = thresholds.update(new Thresholds(selected.category(), value(maxSessions), value(sessionWindowDays),
                    value(enumerationCount), value(enumerationWindowMinutes), value(maxSpeedKmh),
                    value(offMarketSessions), value(newCountryWarmupScans), selected.version(), "", selected.updatedAt()));
            Notifications.success("Thresholds for " + saved.category().label() + " saved");
            reload();
            edit(saved);
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        } catch (ObjectOptimisticLockingFailureException e) {
            Notifications.error("Someone else changed these thresholds meanwhile; they are shown again");
            reload();
            thresholds.all().stream().filter(t -> t.category() == selected.category()).findFirst().ifPresent(this::edit);
        }
    }

    private static int value(IntegerField f) {
        if (f.getValue() == null) {
            throw new IllegalArgumentException(f.getId().orElse("value") + ": enter a whole number");
        }
        return f.getValue();
    }
}
