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
        outcome.setItemLabelGenerator(ScanLogView::readable);
        outcome.setClearButtonVisible(true);
        country.setMaxLength(2);
        country.setWidth("6rem");
        country.setClearButtonVisible(true);
        country.setValueChangeMode(ValueChangeMode.LAZY);

        // the serial is a code column (wraps anywhere) and the rest are short values: no sideways scrolling at 1440 px
        var columns = org.serialregistry.ui.Grids.columns(grid);
        columns.key("When (UTC)", s -> WHEN.format(s.at()));
        columns.code("Serial", UnitScanned::serial);
        columns.value("GTIN", s -> s.gtin() == null ? "" : s.gtin());
        columns.text("Outcome", s -> readable(s.outcome()), "7rem", 0);
        columns.text("Unit status", s -> s.unitStatus() == null ? "" : s.unitStatus().label(), "7rem", 0);
        columns.value("Country", s -> s.country() == null ? "" : s.country().value());
        columns.text("Device", UnitScanned::userAgentClass, "6rem", 0);
        // who scanned, as two short prefixes in one column (the session groups one person's scans, the client key
        // one address): two columns of their own pushed the grid past 1440 px
        columns.text("Session · client", s -> prefix(s.sessionId()) + " · " + prefix(s.clientKey()), "7rem", 0);
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

    /** "GENUINE_WITH_WARNING" as "Genuine with warning": it wraps in a narrow column and reads as words. */
    static String readable(ScanOutcome outcome) {
        String words = outcome.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(8, key.length()));
    }
}
