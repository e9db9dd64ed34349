package org.serialregistry.serial.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;

/** Batches with their status; running ones show a progress bar. */
class BatchGrid extends Grid<BatchView> {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    BatchGrid() {
        addColumn(b -> WHEN.format(b.requestedAt())).setHeader("Requested").setAutoWidth(true);
        addColumn(BatchView::productName).setHeader("Product").setAutoWidth(true);
        addColumn(BatchView::gtin).setHeader("GTIN").setAutoWidth(true);
        addColumn(BatchView::lot).setHeader("Lot").setAutoWidth(true);
        addColumn(b -> b.facility() + " / " + b.line()).setHeader("Facility / line").setAutoWidth(true);
        addColumn(BatchView::quantity).setHeader("Quantity").setAutoWidth(true);
        addColumn(BatchView::intendedMarket).setHeader("Market").setAutoWidth(true);
        addColumn(new ComponentRenderer<>(BatchGrid::status)).setHeader("Status").setKey("status").setAutoWidth(true);
    }

    static com.vaadin.flow.component.Component status(BatchView b) {
        if (b.status() == BatchStatus.RUNNING || b.status() == BatchStatus.QUEUED) {
            var bar = new ProgressBar(0, 1, b.progress());
            bar.setWidth("8rem");
            var label = new Span(b.status() == BatchStatus.QUEUED ? "Queued" : String.format("%,d of %,d",
                    b.issuedCount(), b.quantity()));
            var box = new com.vaadin.flow.component.html.Div(label, bar);
            return box;
        }
        var badge = new Span(switch (b.status()) {
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            default -> b.status().name();
        });
        badge.getElement().getThemeList().add(b.status() == BatchStatus.FAILED ? "badge error" : "badge success");
        if (b.failure() != null) {
            badge.setTitle(b.failure());
        }
        return badge;
    }
}
