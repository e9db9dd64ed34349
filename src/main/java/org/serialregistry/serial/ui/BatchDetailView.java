package org.serialregistry.serial.ui;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.BatchExports;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.Labels;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.ui.Kpi;

/** One batch: its record, progress while it runs, downloads (CSV, Excel, ZPL, label sheet) and its serials. */
@Route("production/batch")
@PageTitle("Batch")
@RolesAllowed({Role.PRODUCTION_NAME})
class BatchDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final SerialIssuance issuance;
    private final BatchExports exports;
    private final Labels labels;
    private final VerticalLayout content = new VerticalLayout();
    private BatchView batch;
    private Registration pollListener;

    BatchDetailView(SerialIssuance issuance, BatchExports exports, Labels labels) {
        this.issuance = issuance;
        this.exports = exports;
        this.labels = labels;
        content.setPadding(false);
        add(content);
    }

    static QueryParameters query(UUID batchId) {
        return QueryParameters.simple(Map.of("id", batchId.toString()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var id = event.getLocation().getQueryParameters().getSingleParameter("id");
        batch = null;
        try {
            batch = id.map(UUID::fromString).flatMap(issuance::batch).orElse(null);
        } catch (IllegalArgumentException e) {
            // not a UUID: same as unknown
        }
        render();
    }

    private void render() {
        content.removeAll();
        if (batch == null) {
            content.add(new Paragraph("No such batch. Choose one in the batch list."));
            return;
        }
        var b = batch;
        var facts = new FlexLayout(new Kpi("Product", b.productName()), new Kpi("GTIN", b.gtin()), new Kpi("Lot", b.lot()),
                new Kpi("Facility / line", b.facility() + " / " + b.line()),
                new Kpi("Quantity", String.format("%,d", b.quantity())), new Kpi("Market", b.intendedMarket()),
                new Kpi("Production date", b.productionDate()),
                new Kpi("Expiry", b.expiryDate() == null ? "-" : b.expiryDate()));
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facts.getStyle().set("gap", "var(--lumo-space-m)");
        content.add(new H3("Batch " + b.lot()), facts, BatchGrid.status(b));
        if (b.status() == BatchStatus.FAILED) {
            content.add(new Paragraph("Failed: " + b.failure() + ". Nothing of it was written; issue it again."));
            return;
        }
        if (b.status() != BatchStatus.COMPLETED) {
            content.add(new Paragraph("The serials appear here once the batch is completed."));
            return;
        }
        var downloads = new HorizontalLayout(
                download("CSV", ".csv", "text/csv", exports::writeCsv, false),
                download("Excel", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        exports::writeXlsx, false),
                download("ZPL (thermal printer)", ".zpl", "text/plain", exports::writeZpl, false));
        if (b.quantity() <= BatchExports.MAX_LABEL_SHEET) {
            downloads.add(download("Label sheet (print)", "-labels.html", "text/html", exports::writeLabelSheet, true));
        }
        content.add(new H3("Downloads"), downloads);

        var gtin = new Gtin(b.gtin());
        var lot = new LotNumber(b.lot());
        var serials = new Grid<SerialNumber>();
        serials.addColumn(SerialNumber::value).setHeader("Serial").setAutoWidth(true);
        serials.addColumn(s -> labels.digitalLink(gtin, lot, s)).setHeader("Digital Link").setFlexGrow(1);
        serials.setItems(query -> issuance.serials(b.id(), query.getPage(), query.getPageSize()).stream(),
                query -> b.issuedCount());
        serials.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(UnitLookupView.class,
                QueryParameters.simple(Map.of("serial", e.getItem().value())))));
        serials.setHeight("28rem");
        content.add(new H3(String.format("Serials (%,d)", b.issuedCount())), serials);
    }

    private interface Writer {
        void write(UUID batchId, java.io.OutputStream out);
    }

    private Anchor download(String text, String suffix, String contentType, Writer writer, boolean inline) {
        UUID id = batch.id();
        String stem = exports.fileStem(id);
        DownloadHandler handler = event -> {
            event.setFileName(stem + suffix);
            event.setContentType(contentType);
            if (inline) {
                event.inline(stem + suffix);
            }
            writer.write(id, event.getOutputStream());
        };
        var anchor = new Anchor(handler, text);
        if (inline) {
            anchor.setTarget("_blank");
        }
        return anchor;
    }

    List<Anchor> downloads() {
        return content.getChildren().filter(c -> c instanceof HorizontalLayout)
                .flatMap(c -> c.getChildren()).filter(Anchor.class::isInstance).map(Anchor.class::cast).toList();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        pollListener = event.getUI().addPollListener(e -> {
            if (batch == null) {
                return;
            }
            batch = issuance.batch(batch.id()).orElse(batch);
            if (batch.status() == BatchStatus.COMPLETED || batch.status() == BatchStatus.FAILED) {
                e.getSource().setPollInterval(-1);
            }
            render();
        });
        if (batch != null && (batch.status() == BatchStatus.QUEUED || batch.status() == BatchStatus.RUNNING)) {
            event.getUI().setPollInterval(BatchesView.POLL_MS);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (pollListener != null) {
            pollListener.remove();
        }
    }
}
