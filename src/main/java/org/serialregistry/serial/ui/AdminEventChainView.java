package org.serialregistry.serial.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.audit.AuditChain;
import org.serialregistry.audit.ChainCheckpoints;
import org.serialregistry.security.Role;
import org.serialregistry.serial.Units;

/**
 * For administrators: recompute the lifecycle event log's keyed hash chain (the same check production
 * has), sign a checkpoint of its head now, and download the latest checkpoint to keep it elsewhere.
 */
@Route("admin/event-chain")
@PageTitle("Event chain")
@Menu(title = "Event chain", order = 13, icon = "vaadin:link")
@RolesAllowed({Role.ADMIN_NAME})
class AdminEventChainView extends VerticalLayout {

    private final Span checkpointInfo = new Span();
    private final Span auditResult = new Span();

    AdminEventChainView(Units units, ChainCheckpoints checkpoints, AuditChain auditChain) {
        var checkAudit = new Button("Check audit trail", VaadinIcon.LIST.create(), e -> {
            var r = auditChain.verify();
            auditResult.setText(r.intact() ? "Intact: " + r.entriesChecked() + " audit entries checked"
                    + (r.checkpointSequence() == null ? "." : ", the checkpoint of " + r.checkpointCreatedAt() + " matches.")
                    : "BROKEN at audit entry " + r.firstBrokenSequence() + ": " + r.problem());
            auditResult.getElement().getThemeList().set(r.intact() ? "badge success" : "badge error", true);
        });
        auditResult.addClassName("audit-chain-report");
        var write = new Button("Write checkpoint now", VaadinIcon.SIGN_IN.create(), e -> {
            var written = checkpoints.writeNow();
            checkpointInfo.setText("Signed: " + written.stream().map(c -> c.chain() + " at " + c.sequence())
                    .reduce((a, b) -> a + ", " + b).orElse("no chain"));
        });
        var download = new Anchor(DownloadHandler.fromInputStream(e -> {
            String json = checkpoints.exportLatest(Units.CHAIN).map(checkpoints::toJsonOf).orElse("{}");
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "checkpoint-lifecycle.json",
                    "application/json", bytes.length);
        }), "Download latest checkpoint");
        download.addClassName("checkpoint-download");
        checkpointInfo.addClassName("checkpoint-info");
        var row = new HorizontalLayout(write, download, checkpointInfo);
        row.setAlignItems(Alignment.BASELINE);
        add(new Paragraph("Every lifecycle event carries a keyed MAC (HMAC-SHA256) over its content and its "
                        + "predecessor's MAC; the key lives outside the database. Signed checkpoints (Ed25519) of the "
                        + "chain's head are written regularly; keep downloaded checkpoints elsewhere. The check "
                        + "recomputes every MAC, compares the chain with the latest checkpoint (so a removed tail is "
                        + "found) and each unit's status with its events."),
                new EventChainCheck(units), row, new HorizontalLayout(checkAudit, auditResult));
    }

    String auditText() {
        return auditResult.getText();
    }

    String checkpointText() {
        return checkpointInfo.getText();
    }
}
