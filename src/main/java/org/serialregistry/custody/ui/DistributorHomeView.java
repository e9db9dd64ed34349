package org.serialregistry.custody.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.ReceiptLine;
import org.serialregistry.custody.ReceiptOutcome;
import org.serialregistry.custody.ReceiptReport;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.ShipmentId;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.internal.ScannedCodeFile;
import org.serialregistry.custody.internal.Workbooks;
import org.serialregistry.security.Role;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.ui.CameraScan;
import org.serialregistry.ui.Confirmation;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.Notifications;

/**
 * Distributor workspace: receive an incoming shipment by scanning or typing serials, or by
 * uploading them; check them against the manifest, confirm, and download the report per serial.
 */
@Route("distributor")
@PageTitle("Receive shipments")
@Menu(title = "Receive shipments", order = 80, icon = "vaadin:package")
@RolesAllowed(Role.DISTRIBUTOR_NAME)
class DistributorHomeView extends VerticalLayout implements AfterNavigationObserver {

    private final Shipments shipments;
    private final Receiving receiving;
    private final ComboBox<ShipmentView> shipment = new ComboBox<>("Shipment");
    private final TextArea codes = new TextArea("Scanned serials");
    private final Div reportArea = new Div();
    private ReceiptReport report;
    private String partyCode;

    DistributorHomeView(Shipments shipments, Receiving receiving, Parties parties) {
        this.shipments = shipments;
        this.receiving = receiving;
        var party = parties.actingParty().flatMap(parties::find);
        if (party.isEmpty()) {
            add(new Paragraph("Your account is bound to no party. Ask an administrator to bind it to your "
                    + "distributor, then you can receive shipments here."));
            return;
        }
        var p = party.get();
        partyCode = p.code();
        var incoming = shipments.incoming(p.code());
        var kpis = new FlexLayout(new Kpi("Incoming shipments", incoming.size()),
                new Kpi("Units on the way", incoming.stream().mapToInt(ShipmentView::unitCount).sum()));
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        add(new Paragraph("You act for " + p.code() + " — " + p.name() + " (" + p.country().value()
                + "; authorised markets " + String.join(", ", p.authorisedMarkets().stream().map(c -> c.value()).sorted()
                .toList()) + ")."), kpis);

        shipment.setItems(incoming);
        shipment.setItemLabelGenerator(s -> s.shipmentNumber() + " from " + s.fromParty() + " (" + s.unitCount() + " units)");
        shipment.setWidth("28rem");
        shipment.setPlaceholder(incoming.isEmpty() ? "No shipment is on its way to you" : "Choose the shipment");
        shipment.addValueChangeListener(e -> {
            // a confirmed receipt takes its shipment out of the list: its report stays on screen
            if (e.getValue() != null) {
                clearReport();
            }
        });

        codes.setWidthFull();
        codes.setMinHeight("10rem");
        codes.setHelperText("One code per line: the serial or the unit's Digital Link, as the scanner reads it");
        codes.setSuffixComponent(CameraScan.button(this::addScannedCode));

        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            var ui = getUI().orElse(UI.getCurrent());
            if (ui != null) {
                ui.access(() -> addCodesFromFile(meta.fileName(), bytes));
            } else {
                addCodesFromFile(meta.fileName(), bytes);
            }
        }));
        upload.setAcceptedFileTypes(".xlsx", ".txt", ".csv");
        upload.setMaxFileSize((int) ScannedCodeFile.MAX_BYTES);
        upload.setDropLabel(new Paragraph("or drop a file of serials (.xlsx first column, or text)"));

        var check = new Button("Check against manifest", e -> run(false));
        var confirm = new Button("Confirm receipt", e -> run(true));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        add(new H3("Receive a shipment"), shipment, codes, upload, new HorizontalLayout(check, confirm), reportArea);
        reportArea.setWidthFull();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        // shipments may have been sent since this view was built
        if (partyCode != null) {
            shipment.setItems(shipments.incoming(partyCode));
        }
    }

    /** A code decoded by the camera: read like a typed one, added as the next line when it reads. */
    void addScannedCode(String text) {
        try {
            UnitCode.parse(text);
        } catch (IllegalArgumentException e) {
            codes.setErrorMessage("The scanned code " + text + " is not a unit's code: " + e.getMessage());
            codes.setInvalid(true);
            return;
        }
        codes.setInvalid(false);
        String before = codes.getValue().strip();
        codes.setValue((before.isEmpty() ? "" : before + "\n") + text);
    }

    /** Codes read from an uploaded file are appended to the scanned list. */
    void addCodesFromFile(String fileName, byte[] bytes) {
        try {
            var read = ScannedCodeFile.read(fileName, bytes);
            String before = codes.getValue().strip();
            codes.setValue((before.isEmpty() ? "" : before + "\n") + String.join("\n", read));
            Notifications.success(read.size() + " codes read from " + fileName);
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void run(boolean confirm) {
        if (shipment.getValue() == null) {
            shipment.setErrorMessage("Choose the shipment you are receiving");
            shipment.setInvalid(true);
            return;
        }
        shipment.setInvalid(false);
        var scanned = Arrays.stream(codes.getValue().split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        var id = shipment.getValue().id();
        ReceiptReport preview;
        try {
            preview = receiving.check(id, scanned);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            Notifications.error(e.getMessage());
            return;
        }
        if (!confirm) {
            report = preview;
            showReport();
            return;
        }
        long missing = preview.count(ReceiptOutcome.MISSING);
        long notGenuine = preview.count(ReceiptOutcome.NOT_GENUINE) + preview.count(ReceiptOutcome.UNKNOWN);
        if (missing == 0 && notGenuine == 0) {
            confirmReceipt(id, scanned);
            return;
        }
        // missing and counterfeit units are recorded for good: ask first, with the figures
        report = preview;
        showReport();
        Confirmation.ask("Confirm receipt of " + preview.shipment().shipmentNumber() + " with differences?",
                (missing == 0 ? "" : missing + (missing == 1 ? " unit was" : " units were") + " shipped but not scanned: "
                        + "they are recorded as missing from this shipment. ")
                        + (notGenuine == 0 ? "" : notGenuine + (notGenuine == 1 ? " code is" : " codes are")
                        + " not genuine: each is reported as a suspect counterfeit. ")
                        + "A confirmed receipt cannot be undone; scan again first if units are still in the box.",
                "Confirm receipt", () -> confirmReceipt(id, scanned));
    }

    /** Applies the receipt; returns what happened, as shown to the user. */
    private String confirmReceipt(ShipmentId id, List<String> scanned) {
        report = receiving.receive(id, scanned);
        showReport();
        String happened = "Receipt of " + report.shipment().shipmentNumber() + " confirmed: "
                + report.shipment().status().label().toLowerCase() + " (" + report.count(ReceiptOutcome.EXPECTED)
                + " received, " + report.count(ReceiptOutcome.MISSING) + " missing, "
                + (report.count(ReceiptOutcome.NOT_GENUINE) + report.count(ReceiptOutcome.UNKNOWN)) + " not genuine)";
        Notifications.success(happened);
        shipment.setItems(new ArrayList<>(shipments.incoming(report.shipment().toParty())));
        return happened;
    }

    private void clearReport() {
        report = null;
        reportArea.removeAll();
    }

    private void showReport() {
        reportArea.removeAll();
        var counts = new LinkedHashMap<String, Long>();
        report.counts().forEach((o, n) -> counts.put(o.label(), n));
        var grid = new Grid<ReceiptLine>();
        var columns = Grids.columns(grid);
        columns.code("Code", ReceiptLine::code);
        columns.value("Outcome", l -> l.outcome().label()).setKey("outcome");
        columns.text("Detail", ReceiptLine::detail, "10rem", 2);
        grid.setItems(sorted(report.lines()));
        var ready = report;
        var download = new Anchor(DownloadHandler.fromInputStream(event -> {
            var out = new ByteArrayOutputStream();
            Workbooks.receiptReport(ready, out);
            byte[] bytes = out.toByteArray();
            return new DownloadResponse(new ByteArrayInputStream(bytes), "receipt-" + ready.shipment().shipmentNumber()
                    + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes.length);
        }), "Download report (Excel)");
        download.getElement().setAttribute("download", true);
        String title = report.applied() ? "Receipt of " + report.shipment().shipmentNumber() + ": "
                + report.shipment().status().label() : "Check of " + report.shipment().shipmentNumber() + " (not confirmed yet)";
        reportArea.add(new H3(title), new FigurePanel("Serials by outcome", "Serials", FigurePanel.Kind.BAR, counts),
                download, grid);
    }

    private static List<ReceiptLine> sorted(List<ReceiptLine> lines) {
        var list = new ArrayList<>(lines);
        list.sort((a, b) -> Boolean.compare(b.outcome().difference(), a.outcome().difference()));
        return list;
    }

    ReceiptReport currentReport() {
        return report;
    }

    static String label(ReceiptOutcome o) {
        return o.label();
    }
}
