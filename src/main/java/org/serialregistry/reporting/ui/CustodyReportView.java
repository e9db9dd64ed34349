package org.serialregistry.reporting.ui;

import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyView;
import org.serialregistry.reporting.CustodyReports;
import org.serialregistry.reporting.ReportFormat;
import org.serialregistry.reporting.ReportJob;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.Notifications;

/**
 * Administrators export the custody report for auditors and partners: chosen by product, lot,
 * party and date range; written in the background with a progress bar, then downloaded.
 */
@Route("admin/custody-report")
@PageTitle("Custody report")
@Menu(title = "Custody report", order = 16, icon = "vaadin:file-table")
@RolesAllowed(Role.ADMIN_NAME)
class CustodyReportView extends VerticalLayout {

    final ComboBox<ProductView> product = new ComboBox<>("Product");
    final TextField lot = new TextField("Lot");
    final ComboBox<PartyView> party = new ComboBox<>("Party");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final RadioButtonGroup<ReportFormat> format = new RadioButtonGroup<>("Format");
    final ProgressBar progress = new ProgressBar();
    final Paragraph status = new Paragraph();
    final Div download = new Div();
    private final CustodyReports reports;
    ReportJob job;

    CustodyReportView(CustodyReports reports, MasterData masterData, Parties parties) {
        this.reports = reports;
        product.setItems(masterData.products());
        product.setItemLabelGenerator(p -> p.gtin().value() + " " + p.name());
        product.setClearButtonVisible(true);
        party.setItems(parties.all());
        party.setItemLabelGenerator(p -> p.code() + " — " + p.name());
        party.setClearButtonVisible(true);
        format.setItems(ReportFormat.values());
        format.setItemLabelGenerator(f -> f == ReportFormat.XLSX ? "Excel (.xlsx)" : "EPCIS 2.0 JSON-LD");
        format.setValue(ReportFormat.XLSX);
        progress.setVisible(false);

        var generate = new Button("Generate report", e -> generate());
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new FlexLayout(product, lot, party, from, to);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.getStyle().set("gap", "var(--lumo-space-m)");
        add(new Paragraph("Every custody event (shipping, receiving, sale), one row per unit, with parties, places "
                + "and business references. Leave a criterion empty to include everything."),
                fields, format, generate, progress, status, download);
    }

    void generate() {
        download.removeAll();
        try {
            var filter = reports.filter(product.getValue() == null ? null : product.getValue().gtin().value(),
                    lot.getValue(), party.getValue() == null ? null : party.getValue().code(), from.getValue(), to.getValue());
            job = reports.start(filter, format.getValue());
        } catch (IllegalArgumentException ex) {
            Notifications.error(ex.getMessage());
            return;
        }
        progress.setVisible(true);
        progress.setValue(0);
        status.setText("Writing " + job.total() + " rows ...");
        var ui = UI.getCurrent();
        ui.setPollInterval(500);
        var running = job;
        var registration = new com.vaadin.flow.shared.Registration[1];
        registration[0] = ui.addPollListener(p -> {
            progress.setValue(running.progress());
            status.setText(running.written() + " of " + running.total() + " rows written");
            if (running.done()) {
                finish(running);
                ui.setPollInterval(-1);
                registration[0].remove();
            }
        });
    }

    /** Shows the download link (or the failure) of a finished job. */
    void finish(ReportJob finished) {
        progress.setVisible(false);
        download.removeAll();
        if (finished.failure() != null) {
            status.setText(finished.failure());
            return;
        }
        status.setText("Ready: " + finished.written() + " rows");
        var name = "custody-report." + finished.format().extension();
        var link = new Anchor(DownloadHandler.forFile(finished.file().toFile(), name), "Download " + name);
        link.getElement().setAttribute("download", true);
        download.add(link);
    }

    static List<ReportFormat> formats() {
        return List.of(ReportFormat.values());
    }
}
