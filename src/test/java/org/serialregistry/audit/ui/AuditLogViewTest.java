package org.serialregistry.audit.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.audit.AuditRecord;
import org.serialregistry.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator narrows the audit log down to one entity and reads the change in words. */
@IntegrationTest
@WithUserDetails("admin")
class AuditLogViewTest extends SpringBrowserlessTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anAdministratorFiltersByEntityAndReadsBeforeAndAfterInWords() {
        String shipment = "SH-VIEW-" + System.nanoTime();
        new TransactionTemplate(transactions).executeWithoutResult(s -> audit.record("custody.received", "shipment",
                shipment, AuditTrail.state("status", "IN_TRANSIT"), AuditTrail.state("status", "RECEIVED")));
        var view = navigate("admin/audit", AuditLogView.class);
        $(TextField.class).withCaption("Entity").single().setValue(shipment);
        @SuppressWarnings("unchecked")
        Grid<AuditRecord> grid = $(Grid.class).single();
        var rows = grid.getGenericDataView().getItems().toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().actor()).isEqualTo("admin");
        assertThat(AuditLogView.changes(rows.getFirst()).getElement().getText()).isEqualTo("status: IN_TRANSIT → RECEIVED");
        assertThat(AuditLogView.WHEN.format(rows.getFirst().occurredAt())).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d:\\d\\d UTC");
        $(TextField.class).withCaption("Action").single().setValue("party.");
        assertThat(grid.getGenericDataView().getItems().count()).isZero();
        assertThat($(Anchor.class).all()).extracting(Anchor::getText).contains("Export CSV", "Export Excel");
        assertThat(view.query().entityId()).isEqualTo(shipment);
    }
}
