package org.serialregistry.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditRecord;
import org.serialregistry.audit.AuditTrail;
import org.springframework.data.domain.PageRequest;

/** The append-only audit log, newest first, loaded lazily; read-only by construction. */
@Route("admin/audit")
@PageTitle("Audit log")
@Menu(title = "Audit log", order = 12, icon = "vaadin:clipboard-text")
@RolesAllowed("ADMIN")
class AuditLogView extends VerticalLayout {

    private final Grid<AuditRecord> grid = new Grid<>();

    AuditLogView(AuditTrail audit) {
        setSizeFull();
        var filter = new TextField();
        filter.setPlaceholder("Filter by user, action or subject");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("24rem");

        grid.addColumn(AuditRecord::occurredAt).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditRecord::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("What").setAutoWidth(true);
        grid.addColumn(r -> r.subjectType() + " " + r.subjectId()).setHeader("Subject").setAutoWidth(true);
        grid.addColumn(r -> r.before() == null ? "" : r.before()).setHeader("Before").setFlexGrow(1);
        grid.addColumn(r -> r.after() == null ? "" : r.after()).setHeader("After").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        Runnable load = () -> {
            var query = new AuditQuery(filter.getValue());
            grid.setItems(q -> audit.find(query, PageRequest.of(q.getPage(), q.getPageSize())).stream(),
                    q -> (int) Math.min(Integer.MAX_VALUE, audit.count(query)));
        };
        filter.addValueChangeListener(e -> load.run());
        load.run();
        add(filter, grid);
    }
}
