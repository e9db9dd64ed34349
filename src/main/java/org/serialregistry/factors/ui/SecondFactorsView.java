package org.serialregistry.factors.ui;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.factors.HologramBinding;
import org.serialregistry.factors.ImportReport;
import org.serialregistry.factors.Holograms;
import org.serialregistry.factors.NfcTags;
import org.serialregistry.factors.ProductFactors;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.factors.TagBinding;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.Notifications;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Production staff choose which second factors each product's units carry, bind NFC tags to units
 * (one at a time, or the tag encoder's Excel file) and bind hologram numbers to units or lots.
 * Every problem is shown at its field; nothing is written unless everything is right.
 */
@Route("production/second-factors")
@PageTitle("Second factors")
@Menu(title = "Second factors", order = 24, icon = "vaadin:shield")
@RolesAllowed({Role.PRODUCTION_NAME})
class SecondFactorsView extends VerticalLayout {

    private final SecondFactors factors;
    private final AsyncTaskExecutor background;
    private final NfcTags tags;
    private final Holograms holograms;

    final ComboBox<ProductView> product = new ComboBox<>("Product");
    final Checkbox nfc = new Checkbox("NFC tag (NTAG 424 DNA)");
    final Checkbox scratchOff = new Checkbox("Scratch-off code");
    final Checkbox hologram = new Checkbox("Hologram");
    final Button saveFactors = new Button("Save factors");
    final Grid<ProductFactors> configured = new Grid<>();

    final TextField tagUid = new TextField("Tag UID");
    final TextField tagSerial = new TextField("Serial");
    final Button bindTag = new Button("Bind tag");
    final UnorderedList importReport = new UnorderedList();
    final Paragraph importStatus = new Paragraph();
    final Grid<TagBinding> latestTags = new Grid<>();

    final TextField hologramSerial = new TextField("Serial (one unit)");
    final TextField hologramGtin = new TextField("or GTIN");
    final TextField hologramLot = new TextField("and lot");
    final TextField hologramFrom = new TextField("From number");
    final TextField hologramTo = new TextField("To number");
    final Button bindHolograms = new Button("Bind holograms");

    SecondFactorsView(SecondFactors factors, NfcTags tags, Holograms holograms, MasterData masterData,
                      AsyncTaskExecutor background) {
        this.background = background;
        this.factors = factors;
        this.tags = tags;
        this.holograms = holograms;

        product.setItems(masterData.products());
        product.setItemLabelGenerator(p -> p.gtin().value() + " " + p.name());
        product.setWidth("28em");
        product.addValueChangeListener(e -> showFactors());
        saveFactors.addThemeVariants(ButtonVariant.PRIMARY);
        saveFactors.addClickListener(e -> saveFactors());
        configured.addColumn(p -> p.gtin().value()).setHeader("GTIN").setAutoWidth(true);
        configured.addColumn(p -> p.factors().stream().sorted().map(SecondFactor::label)
                .reduce((a, b) -> a + ", " + b).orElse("none")).setHeader("Units carry").setAutoWidth(true);
        configured.setAllRowsVisible(true);

        bindTag.addClickListener(e -> bindTag());
        var upload = new Upload(UploadHandler.inMemory((metadata, data) -> getUI().ifPresent(ui -> importTags(ui, data))));
        upload.setAcceptedFileTypes(".xlsx");
        upload.setMaxFileSize(5 * 1024 * 1024);
        upload.setUploadButton(new Button("Import tags from the encoder (Excel: UID, Serial)", VaadinIcon.UPLOAD.create()));
        latestTags.addColumn(TagBinding::uid).setHeader("Tag UID").setAutoWidth(true);
        latestTags.addColumn(TagBinding::serial).setHeader("Serial").setAutoWidth(true);
        latestTags.addColumn(TagBinding::keyVersion).setHeader("Key version").setAutoWidth(true);
        latestTags.addColumn(t -> t.lastCounter() == null ? "never tapped" : String.valueOf(t.lastCounter()))
                .setHeader("Highest read counter").setAutoWidth(true);
        latestTags.setAllRowsVisible(true);

        bindHolograms.addClickListener(e -> bindHolograms());

        var checks = new HorizontalLayout(nfc, scratchOff, hologram);
        var productRow = new HorizontalLayout(product, saveFactors);
        productRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var tagRow = new HorizontalLayout(tagUid, tagSerial, bindTag);
        tagRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var holoRow = new HorizontalLayout(hologramSerial, hologramGtin, hologramLot, hologramFrom, hologramTo, bindHolograms);
        holoRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        holoRow.setWrap(true);
        add(new H3("Which factors the units carry"), productRow, checks, configured,
                new H3("NFC tags"), new Paragraph("Bind a tag at issue or at packing: its UID (7 bytes, 14 hex digits) "
                        + "and the unit's serial. The encoder gets the tag's keys and URL template from the API."),
                tagRow, upload, importStatus, importReport, latestTags,
                new H3("Holograms"), new Paragraph("Bind a range (e.g. H000100 to H000199) or one number (From only) "
                        + "to one unit, or to every unit of a lot."), holoRow);
        refresh();
    }

    private void refresh() {
        configured.setItems(factors.configured());
        latestTags.setItems(tags.latest(20));
    }

    private void showFactors() {
        var p = product.getValue();
        var current = p == null ? null : factors.forProduct(p.gtin());
        nfc.setValue(current != null && current.carries(SecondFactor.NFC));
        scratchOff.setValue(current != null && current.carries(SecondFactor.SCRATCH_OFF));
        hologram.setValue(current != null && current.carries(SecondFactor.HOLOGRAM));
    }

    private void saveFactors() {
        product.setInvalid(false);
        if (product.getValue() == null) {
            product.setErrorMessage("Choose a product");
            product.setInvalid(true);
            return;
        }
        var set = EnumSet.noneOf(SecondFactor.class);
        if (nfc.getValue()) {
            set.add(SecondFactor.NFC);
        }
        if (scratchOff.getValue()) {
            set.add(SecondFactor.SCRATCH_OFF);
        }
        if (hologram.getValue()) {
            set.add(SecondFactor.HOLOGRAM);
        }
        try {
            factors.configure(product.getValue().gtin(), set);
            Notifications.success("Saved: units of " + product.getValue().name() + " carry "
                    + (set.isEmpty() ? "no second factor" : set.stream().map(SecondFactor::label)
                    .reduce((a, b) -> a + ", " + b).orElseThrow()));
            refresh();
        } catch (IllegalArgumentException e) {
            product.setErrorMessage(e.getMessage());
            product.setInvalid(true);
        }
    }

    private void bindTag() {
        tagUid.setInvalid(false);
        tagSerial.setInvalid(false);
        try {
            var bound = tags.bind(tagUid.getValue(), tagSerial.getValue());
            Notifications.success("Tag " + bound.uid() + " is bound to " + bound.serial());
            tagUid.clear();
            tagSerial.clear();
            refresh();
        } catch (IllegalArgumentException e) {
            showAtFields(e.getMessage(), List.of(new Field("uid:", tagUid), new Field("serial:", tagSerial)));
        }
    }

    /** Checks and binds the encoder's tags in the background (up to 10,000 rows); the page polls meanwhile. */
    private void importTags(UI ui, byte[] data) {
        ui.access(() -> {
            importReport.removeAll();
            importStatus.setText("Checking the rows…");
            ui.setPollInterval(500);
        });
        background.execute(() -> {
            ImportReport report;
            try {
                report = tags.importWorkbook(new ByteArrayInputStream(data));
            } catch (RuntimeException e) {
                report = new ImportReport(0, List.of("The import failed; nothing was imported. Try again, or ask an "
                        + "administrator."));
            }
            var finished = report;
            ui.access(() -> {
                ui.setPollInterval(-1);
                if (finished.accepted()) {
                    importStatus.setText("Imported " + finished.imported() + " tags");
                    refresh();
                } else {
                    importStatus.setText("Nothing was imported: " + finished.rejected().size() + " row(s) are wrong");
                    finished.rejected().forEach(r -> importReport.add(new ListItem(r)));
                }
            });
        });
    }

    private void bindHolograms() {
        for (var f : List.of(hologramSerial, hologramGtin, hologramLot, hologramFrom, hologramTo)) {
            f.setInvalid(false);
        }
        String from = hologramFrom.getValue().strip();
        String to = hologramTo.getValue().strip();
        var request = new HologramBinding(blankToNull(hologramGtin.getValue()), blankToNull(hologramLot.getValue()),
                blankToNull(hologramSerial.getValue()), to.isEmpty() && !from.isEmpty() ? List.of(from) : null,
                to.isEmpty() ? null : from, to.isEmpty() ? null : to);
        try {
            int bound = holograms.bind(request);
            Notifications.success("Bound " + bound + " hologram number" + (bound == 1 ? "" : "s"));
            hologramFrom.clear();
            hologramTo.clear();
        } catch (IllegalArgumentException e) {
            showAtFields(e.getMessage(), List.of(new Field("serial:", hologramSerial), new Field("gtin:", hologramGtin),
                    new Field("lot:", hologramLot), new Field("from:", hologramFrom), new Field("numbers:", hologramFrom),
                    new Field("to:", hologramTo)));
        }
    }

    private record Field(String prefix, TextField field) {
    }

    /** Each "field: problem" part of the message goes to its field. */
    private static void showAtFields(String message, List<Field> fields) {
        boolean shown = false;
        for (String part : message.split("; ")) {
            for (var f : fields) {
                if (part.toLowerCase(Locale.ROOT).startsWith(f.prefix())) {
                    String text = part.substring(f.prefix().length()).strip();
                    f.field().setErrorMessage(f.field().isInvalid() ? f.field().getErrorMessage() + "; " + text : text);
                    f.field().setInvalid(true);
                    shown = true;
                    break;
                }
            }
        }
        if (!shown) {
            fields.getFirst().field().setErrorMessage(message);
            fields.getFirst().field().setInvalid(true);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
