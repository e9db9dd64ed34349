package org.serialregistry.serial.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.Labels;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.ui.CodeInput;
import org.serialregistry.ui.Kpi;

/** Look up one unit by its serial: production record, status, history as a timeline, components, label. */
@Route("production/units")
@PageTitle("Unit lookup")
@Menu(title = "Unit lookup", order = 22, icon = "vaadin:search")
@RolesAllowed({Role.PRODUCTION_NAME})
class UnitLookupView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Units units;
    private final Labels labels;
    final TextField serial = new TextField("Serial");
    private final VerticalLayout result = new VerticalLayout();

    UnitLookupView(Units units, Labels labels) {
        this.units = units;
        this.labels = labels;
        CodeInput.withCamera(CodeInput.configure(serial), this::lookUp);
        serial.setWidth("32rem");
        var find = new Button("Look up", e -> lookUp());
        find.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        find.addClickShortcut(Key.ENTER);
        var bar = new HorizontalLayout(serial, find);
        bar.setAlignItems(Alignment.BASELINE);
        result.setPadding(false);
        add(bar, result);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("serial").ifPresent(s -> {
            serial.setValue(s);
            lookUp();
        });
    }

    void lookUp() {
        result.removeAll();
        serial.setInvalid(false);
        var code = CodeInput.read(serial);
        if (code.isEmpty()) {
            return;
        }
        SerialNumber sn = code.get().serial();
        var unit = units.find(sn);
        if (unit.isEmpty()) {
            serial.setErrorMessage("No unit with serial " + sn.value() + " was ever issued by this registry");
            serial.setInvalid(true);
            return;
        }
        show(unit.get());
    }

    private void show(UnitRecord u) {
        var status = new Span(u.status().label());
        status.getElement().getThemeList().add(u.status().terminal() ? "badge error" : "badge success");
        var facts = new FlexLayout(new Kpi("Product GTIN", u.gtin().value()), new Kpi("Lot", u.lot().value()),
                new Kpi("Facility / line", u.facilityCode() + " / " + u.lineCode()),
                new Kpi("Production date", u.productionDate()),
                new Kpi("Expiry", u.expiryDate() == null ? "-" : u.expiryDate()),
                new Kpi("Intended market", u.intendedMarket().value()));
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facts.getStyle().set("gap", "var(--lumo-space-m)");

        String link = labels.digitalLink(u);
        var label = new Image(DownloadHandler.fromInputStream(event -> new com.vaadin.flow.server.streams.DownloadResponse(
                new java.io.ByteArrayInputStream(labels.png(u.serial(), Labels.Symbology.QR, 240)),
                u.serial().value() + ".png", "image/png", -1)), "QR code of " + link);
        label.setWidth("160px");
        var labelBox = new Div(label, new Paragraph(link));

        var timeline = new OrderedList();
        timeline.addClassName("unit-history");
        for (LifecycleEventView e : units.history(u.serial())) {
            var item = new ListItem(WHEN.format(e.eventTime()) + " · " + e.bizStep().name().toLowerCase()
                    + (e.disposition() == null ? "" : " · " + e.disposition().name().toLowerCase())
                    + (e.newStatus() == null ? "" : " → " + e.newStatus().label())
                    + (e.bizLocation() == null ? "" : " · " + e.bizLocation())
                    + (e.reason() == null ? "" : " · " + e.reason())
                    + " · by " + e.recordedBy());
            timeline.add(item);
        }

        result.add(new H3("Unit " + u.serial().value()), new HorizontalLayout(new Span("Status:"), status), facts,
                new H3("Label"), labelBox, new H3("History"), timeline);
        if (!u.components().isEmpty()) {
            var components = new OrderedList();
            u.components().forEach(c -> {
                var a = new com.vaadin.flow.router.RouterLink(c.value(), UnitLookupView.class);
                a.setQueryParameters(QueryParameters.simple(Map.of("serial", c.value())));
                components.add(new ListItem(a));
            });
            result.add(new H3("Components"), components);
        }
    }

    String statusText() {
        return result.getChildren().filter(HorizontalLayout.class::isInstance).findFirst()
                .flatMap(h -> h.getChildren().skip(1).findFirst()).map(c -> ((Span) c).getText()).orElse("");
    }

    int historySize() {
        return result.getChildren().filter(OrderedList.class::isInstance).findFirst()
                .map(l -> (int) l.getChildren().count()).orElse(0);
    }
}
