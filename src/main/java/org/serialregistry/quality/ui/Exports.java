package org.serialregistry.quality.ui;

import java.io.ByteArrayInputStream;
import java.util.function.Supplier;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.serialregistry.quality.internal.QualityTables;
import org.serialregistry.quality.internal.TableExport;

/**
 * "Export to Excel" links: the workbook is written when clicked, from the figures of that moment,
 * by the same {@link QualityTables} and {@link TableExport} as the API's exports.
 */
final class Exports {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Exports() {
    }

    static Anchor link(String text, Supplier<QualityTables.Table> table) {
        var anchor = new Anchor(DownloadHandler.fromInputStream(e -> {
            var t = table.get();
            byte[] bytes = workbook(t);
            return new DownloadResponse(new ByteArrayInputStream(bytes), t.name() + ".xlsx", XLSX, bytes.length);
        }), text);
        anchor.addClassName("export-link");
        return anchor;
    }

    static byte[] workbook(QualityTables.Table table) {
        return TableExport.xlsx(table);
    }
}
