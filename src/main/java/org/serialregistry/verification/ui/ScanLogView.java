package org.serialregistry.verification.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.verification.ScanFilter;
import org.serialregistry.verification.ScanLog;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.UnitScanned;

/** Every verification, newest first, with filters; loaded page by page. */
@Route("verification/scans")
@PageTitle("Scan log")
@Menu(title = "Scan log", order = 60, icon = "vaadin:qrcode")
@RolesAllowed({Role.CHANNEL_NAME, Role.FORENSICS_NAME})
class ScanLogView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final TextField serial = new TextField("Serial");
    final ComboBox<ScanOutcome> outcome = new ComboBox<>("Outcome");
    final TextField country = new TextField("Country");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final Grid<UnitScanned> grid = new Grid<>();
    final Span totals = new Span();

    ScanLogView(ScanLog scans) {
        setSizeFull();
        serial.setClearButtonVisible(true);
        serial.setValueChangeMode(ValueChangeMode.LAZY);
        serial.setMaxLength(32);
        outcome.setItems(ScanOutcome.values());
        outcome.setClearButtonVisible(true);
        country.setMaxLength(2);
        country.setWidth("6rem");
        country.setClearButtonVisible(true);
        country.setValueChangeMode(ValueChangeMode.LAZY);

        grid.addColumn(s -> WHEN.format(s.at())).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(UnitScanned::serial).setHeader("Serial").setAutoWidth(true);
        grid.addColumn(s -> s.gtin() == null ? "" : s.gtin()).setHeader("GTIN").setAutoWidth(true);
        grid.addColumn(s -> s.outcome().name()).setHeader("Outcome").setAutoWidth(true);
        grid.addColumn(s -> s.unitStatus() == null ? "" : s.unitStatus().label()).setHeader("Unit status").setAutoWidth(true);
        grid.addColumn(s -> s.country() == null ? "" : s.country().value()).setHeader("Country").setAutoWidth(true);
        grid.addColumn(UnitScanned::userAgentClass).setHeader("Device").setAutoWidth(true);
        grid.addColumn(s -> s.sessionId().substring(0, Math.min(8, s.sessionId().length()))).setHeader("Session")
                .setAutoWidth(true);
        grid.addColumn(s -> s.clientKey().substring(0, Math.min(8, s.clientKey().length()))).setHeader("Client")
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();

        Runnable load = () -> {
            var filter = new ScanFilter(serial.getValue(), outcome.getValue(), country.getValue(), from.getValue(),
                    to.getValue());
            long count = scans.count(filter);
            totals.setText(count + " scans by " + scans.people(filter) + " people (anonymous sessions)");
            grid.setItems(q -> scans.find(filter, q.getOffset(), q.getLimit()).stream(),
                    q -> (int) Math.min(Integer.MAX_VALUE, scans.count(filter)));
        };
        serial.addValueChangeListener(e -> load.run());
        outcome.addValueChangeListener(e -> load.run());
        country.addValueChangeListener(e -> load.run());
        from.addValueChangeListener(e -> load.run());
        to.addValueChangeListener(e -> load.run());
        load.run();

        var filters = new FlexLayout(serial, outcome, country, from, to);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        add(filters, totals, grid);
    }
}
