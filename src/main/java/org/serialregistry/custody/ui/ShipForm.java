package org.serialregistry.custody.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import org.serialregistry.custody.ManifestImport;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.PartyView;
import org.serialregistry.custody.Shipping;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.custody.internal.Workbooks;
import org.serialregistry.ui.Notifications;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Ship units from a party: a form for typed or scanned serials, and an Excel manifest upload
 * (all or nothing) that runs off the request thread with a progress indicator.
 */
class ShipForm extends VerticalLayout {

    final ComboBox<PartyView> from = new ComboBox<>("From");
    final ComboBox<PartyView> to = new ComboBox<>("To");
    final TextField number = new TextField("Shipment number");
    final TextField po = new TextField("Purchase order");
    final TextArea serials = new TextArea("Serials");
    private final Div manifestResult = new Div();
    private final ProgressBar progress = new ProgressBar();

    ShipForm(Shipping shipping, ManifestImport manifests, List<PartyView> senders, List<PartyView> receivers,
             Consumer<ShipmentView> shipped, AsyncTaskExecutor background) {
        setPadding(false);
        from.setItems(senders);
        from.setItemLabelGenerator(p -> p.code() + " — " + p.name());
        if (senders.size() == 1) {
            from.setValue(senders.getFirst());
            from.setReadOnly(true);
        }
        to.setItems(receivers);
        to.setItemLabelGenerator(p -> p.code() + " — " + p.name() + " (" + p.country().value() + ")");
        serials.setWidthFull();
        serials.setMinHeight("8rem");
        serials.setHelperText("One serial (or Digital Link) per line");
        var ship = new Button("Ship", e -> {
            try {
                var list = Arrays.stream(serials.getValue().split("[\\r\\n,;\\s]+")).filter(s -> !s.isBlank()).toList();
                var result = shipping.ship(new NewShipment(number.getValue(), from.getValue() == null ? null
                        : from.getValue().code(), to.getValue() == null ? null : to.getValue().code(), list, List.of(),
                        po.getValue().isBlank() ? Map.of() : Map.of("po", po.getValue().strip()), null));
                Notifications.success("Shipment " + result.shipmentNumber() + " with " + result.unitCount()
                        + " units is on its way to " + result.toParty()
                        + (result.divertedCount() > 0 ? "; " + result.divertedCount() + " units leave their market: diversion alert raised" : ""));
                serials.clear();
                number.clear();
                shipped.accept(result);
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        ship.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new FlexLayout(from, to, number, po);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.getStyle().set("gap", "var(--lumo-space-m)");

        progress.setIndeterminate(true);
        progress.setVisible(false);
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            var ui = getUI().orElse(UI.getCurrent());
            if (ui == null) {
                return;
            }
            ui.access(() -> {
                progress.setVisible(true);
                manifestResult.removeAll();
                ui.setPollInterval(500);
            });
            // the import checks every row before anything is written; off the request thread, as the same user
            background.execute(() -> {
                try {
                    var result = manifests.importManifest(new ByteArrayInputStream(bytes));
                    ui.access(() -> showManifest(result, shipped));
                } catch (IllegalArgumentException ex) {
                    ui.access(() -> Notifications.error(ex.getMessage()));
                } catch (RuntimeException ex) {
                    ui.access(() -> Notifications.error("The manifest could not be processed"));
                } finally {
                    ui.access(() -> {
                        progress.setVisible(false);
                        ui.setPollInterval(-1);
                    });
                }
            });
        }));
        upload.setAcceptedFileTypes(".xlsx");
        upload.setMaxFileSize(50 * 1024 * 1024);
        upload.setDropLabel(new Paragraph("Drop a manifest (.xlsx with columns " + String.join(", ", ManifestImport.COLUMNS) + ")"));

        add(new H3("Ship units"), fields, serials, ship, new H3("Upload a shipment manifest"),
                new Paragraph("All or nothing: if any row is wrong, nothing is shipped and every rejected row is listed."),
                upload, progress, manifestResult);
    }

    void showManifest(ManifestImport.Result result, Consumer<ShipmentView> shipped) {
        manifestResult.removeAll();
        if (result.applied()) {
            Notifications.success(result.shipments().size() + " shipment(s) with " + result.rows() + " units created");
            result.shipments().forEach(shipped);
            manifestResult.add(new Paragraph("Created: " + String.join(", ",
                    result.shipments().stream().map(ShipmentView::shipmentNumber).toList())));
            return;
        }
        Notifications.error("Nothing was shipped: " + result.rejected().size() + " of " + result.rows() + " rows are rejected");
        var grid = new Grid<ManifestImport.RejectedRow>();
        grid.addColumn(ManifestImport.RejectedRow::row).setHeader("Row").setAutoWidth(true);
        grid.addColumn(ManifestImport.RejectedRow::reason).setHeader("Reason").setFlexGrow(1);
        grid.setItems(result.rejected());
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        var rows = result.rejected();
        var download = new Anchor(DownloadHandler.fromInputStream(event -> {
            var out = new ByteArrayOutputStream();
            Workbooks.rejectedRows(rows, out);
            byte[] bytes = out.toByteArray();
            return new DownloadResponse(new ByteArrayInputStream(bytes), "rejected-rows.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes.length);
        }), "Download the rejected rows (Excel)");
        download.getElement().setAttribute("download", true);
        manifestResult.add(new Paragraph(result.rejected().size() + " rejected rows; nothing was shipped."), download, grid);
    }
}
