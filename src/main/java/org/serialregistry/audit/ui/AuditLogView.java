package org.serialregistry.audit.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.audit.AuditChange;
import org.serialregistry.audit.AuditExportFormat;
import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditRecord;
import org.serialregistry.audit.AuditTrail;
import org.springframework.data.domain.PageRequest;

/**
 * The append-only audit log, newest first, loaded lazily; read-only by construction. Filters by
 * period (UTC days), who, action, entity and text; each change reads as "field: before → after";
 * the filtered entries download as CSV or Excel, streamed.
 */
@Route("admin/audit")
@PageTitle("Audit log")
@Menu(title = "Audit log", order = 12, icon = "vaadin:clipboard-text")
@RolesAllowed("ADMIN")
class AuditLogView extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Grid<AuditRecord> grid = new Grid<>();
    final TextField text = field("Search", "user, action or subject");
    final DatePicker from = new DatePicker("From (UTC)");
    final DatePicker to = new DatePicker("To (UTC, inclusive)");
    final TextField actor = field("Who", "e.g. distributor");
    final TextField action = field("Action", "e.g. custody.");
    final TextField entityType = field("Entity type", "e.g. shipment");
    final TextField entityId = field("Entity", "e.g. DEMO-SH-004");

    AuditLogView(AuditTrail audit, AuditExports exports) {
        setSizeFull();
        grid.addColumn(r -> WHEN.format(r.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditRecord::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("What").setAutoWidth(true);
        grid.addColumn(r -> r.subjectType() + " " + r.subjectId()).setHeader("Entity").setAutoWidth(true);
        grid.addComponentColumn(AuditLogView::changes).setHeader("Changes").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        var csv = new Anchor(download(exports, AuditExportFormat.CSV), "Export CSV");
        var xlsx = new Anchor(download(exports, AuditExportFormat.XLSX), "Export Excel");
        Runnable load = () -> {
            var query = query();
            grid.setItems(q -> audit.find(query, PageRequest.of(q.getPage(), q.getPageSize())).stream(),
                    q -> (int) Math.min(Integer.MAX_VALUE, audit.count(query)));
        };
        for (var f : new TextField[] {text, actor, action, entityType, entityId}) {
            f.addValueChangeListener(e -> load.run());
        }
        from.addValueChangeListener(e -> load.run());
        to.addValueChangeListener(e -> load.run());
        load.run();
        var filters = new HorizontalLayout(text, from, to, actor, action, entityType, entityId, csv, xlsx);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters, grid);
    }

    private static TextField field(String label, String placeholder) {
        var f = new TextField(label);
        f.setPlaceholder(placeholder);
        f.setClearButtonVisible(true);
        f.setValueChangeMode(ValueChangeMode.LAZY);
        return f;
    }

    /** The filter as shown: whole UTC days from the first to the last day chosen. */
    AuditQuery query() {
        LocalDate start = from.getValue();
        LocalDate end = to.getValue();
        return new AuditQuery(text.getValue(), start == null ? null : start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end == null ? null : end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), actor.getValue(),
                entityType.getValue(), entityId.getValue(), action.getValue());
    }

    private DownloadHandler download(AuditExports exports, AuditExportFormat format) {
        return event -> {
            event.setFileName("audit-trail." + format.extension());
            event.setContentType(format.contentType());
            exports.write(query(), format, event.getOutputStream());
        };
    }

    static Component changes(AuditRecord r) {
        var lines = new Div();
        lines.getStyle().set("white-space", "pre-line");
        lines.setText(AuditChange.describe(AuditChange.between(r.before(), r.after())));
        return lines;
    }
}
