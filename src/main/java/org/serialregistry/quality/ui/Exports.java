package org.serialregistry.quality.ui;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.serialregistry.quality.internal.TableExport;

/** "Export to Excel" links: the workbook is written when clicked, from the figures of that moment. */
final class Exports {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Exports() {
    }

    static Anchor link(String text, String filename, List<String> headers, Supplier<List<? extends List<?>>> rows) {
        var anchor = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = workbook(filename, headers, rows);
            return new DownloadResponse(new ByteArrayInputStream(bytes), filename, XLSX, bytes.length);
        }), text);
        anchor.addClassName("export-link");
        return anchor;
    }

    static byte[] workbook(String filename, List<String> headers, Supplier<List<? extends List<?>>> rows) {
        return TableExport.xlsx(filename.replace(".xlsx", ""), headers, rows.get());
    }
}
