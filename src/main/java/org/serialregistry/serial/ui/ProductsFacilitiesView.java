package org.serialregistry.serial.ui;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.serialregistry.security.Role;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.ProductWorkbook;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Products, facilities and lines: create them one by one, or import products from Excel (all or
 * nothing: every rejected row is listed with its reason) and export them to Excel.
 */
@Route("production/master-data")
@PageTitle("Products & facilities")
@Menu(title = "Products & facilities", order = 23, icon = "vaadin:cubes")
@RolesAllowed({Role.PRODUCTION_NAME})
class ProductsFacilitiesView extends VerticalLayout {

    private final MasterData masterData;
    private final AsyncTaskExecutor background;
    private final ProductWorkbook workbook;
    final Grid<ProductView> products = new Grid<>();
    final Grid<FacilityView> facilities = new Grid<>();
    final UnorderedList importReport = new UnorderedList();
    final ProgressBar importProgress = new ProgressBar();
    final Paragraph importStatus = new Paragraph();

    ProductsFacilitiesView(MasterData masterData, ProductWorkbook workbook, AsyncTaskExecutor background) {
        this.background = background;
        this.masterData = masterData;
        this.workbook = workbook;

        products.addColumn(p -> p.gtin().value()).setHeader("GTIN").setAutoWidth(true);
        products.addColumn(ProductView::name).setHeader("Name").setAutoWidth(true);
        products.addColumn(p -> p.category().label()).setHeader("Category").setAutoWidth(true);
        products.addColumn(p -> p.riskClass().label()).setHeader("Risk class").setAutoWidth(true);
        products.addColumn(p -> p.intendedMarkets().stream().map(m -> m.value()).sorted()
                .collect(Collectors.joining(", "))).setHeader("Intended markets").setAutoWidth(true);
        products.addColumn(p -> p.udiDeviceIdentifier() == null ? "" : p.udiDeviceIdentifier()).setHeader("UDI-DI")
                .setAutoWidth(true);
        products.setAllRowsVisible(true);

        facilities.addColumn(FacilityView::code).setHeader("Facility").setAutoWidth(true);
        facilities.addColumn(FacilityView::number).setHeader("No.").setAutoWidth(true);
        facilities.addColumn(FacilityView::name).setHeader("Name").setAutoWidth(true);
        facilities.addColumn(f -> f.country().value()).setHeader("Country").setAutoWidth(true);
        facilities.addColumn(f -> f.lines().stream().map(l -> l.code() + " (" + l.number() + ") " + l.name())
                .collect(Collectors.joining(", "))).setHeader("Lines").setFlexGrow(1);
        facilities.setAllRowsVisible(true);
        Grids.wrapping(facilities);

        var newProduct = new Button("New product", VaadinIcon.PLUS.create(), e -> productDialog().open());
        newProduct.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        DownloadHandler exportHandler = event -> {
            event.setFileName("products.xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            workbook.export(event.getOutputStream());
        };
        var export = new Anchor(exportHandler, "Export products (Excel)");

        UI ui = UI.getCurrent();
        var upload = new Upload(UploadHandler.inMemory((metadata, data) -> startImport(ui, data)));
        importProgress.setVisible(false);
        upload.setAcceptedFileTypes(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(ProductWorkbook.MAX_BYTES);
        upload.setUploadButton(new Button("Import products (Excel)", VaadinIcon.UPLOAD.create()));

        var newFacility = new Button("New facility", VaadinIcon.PLUS.create(), e -> facilityDialog().open());
        var newLine = new Button("Add production line", VaadinIcon.PLUS.create(), e -> lineDialog().open());

        add(new H3("Products"), new HorizontalLayout(newProduct, export), products,
                new Paragraph("Import: the first sheet with the header " + String.join(" | ", ProductWorkbook.HEADER)
                        + " (the export is a template). Nothing is imported unless every row is valid."),
                upload, importProgress, importStatus, importReport,
                new H3("Facilities and production lines"), new HorizontalLayout(newFacility, newLine), facilities);
        refresh();
    }

    private void refresh() {
        products.setItems(masterData.products());
        facilities.setItems(masterData.facilities());
    }

    /** Checks and saves the products in the background; the page polls for the progress meanwhile. */
    void startImport(UI ui, byte[] data) {
        ui.access(() -> {
            importReport.removeAll();
            importProgress.setVisible(true);
            importProgress.setValue(0);
            importStatus.setText("Checking the rows…");
            ui.setPollInterval(500);
        });
        background.execute(() -> {
            ProductWorkbook.ImportResult result = null;
            String failure = null;
            try {
                result = workbook.importProducts(new ByteArrayInputStream(data), (done, total) ->
                        ui.access(() -> importProgress.setValue(total == 0 ? 1 : done / (double) total)));
            } catch (IllegalArgumentException e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                failure = "The import failed; nothing was imported. Try again, or ask an administrator.";
            }
            var finished = result;
            var problem = failure;
            ui.access(() -> finishImport(ui, finished, problem));
        });
    }

    private void finishImport(UI ui, ProductWorkbook.@Nullable ImportResult result, @Nullable String failure) {
        ui.setPollInterval(-1);
        importProgress.setValue(1);
        if (result != null && result.accepted()) {
            importStatus.setText("Imported " + result.imported().size() + " products.");
            Notifications.success(importStatus.getText());
            refresh();
        } else if (result != null) {
            importStatus.setText("Nothing imported: " + result.rejected().size()
                    + " rows rejected; correct them and import the file again.");
            Notifications.error(importStatus.getText());
            result.rejected().forEach(r -> importReport.add(new ListItem("Row " + r.row() + ": " + r.reason())));
        } else {
            importStatus.setText("Nothing imported.");
            Notifications.error(failure);
            importReport.add(new ListItem(failure));
        }
    }

    private Dialog productDialog() {
        var dialog = new Dialog("New product");
        var gtin = new TextField("GTIN");
        var name = new TextField("Name");
        var category = new Select<ProductCategory>();
        category.setLabel("Category");
        category.setItems(ProductCategory.values());
        category.setItemLabelGenerator(ProductCategory::label);
        var risk = new Select<RiskClass>();
        risk.setLabel("Risk class");
        risk.setItems(RiskClass.values());
        risk.setItemLabelGenerator(RiskClass::label);
        risk.setValue(RiskClass.STANDARD);
        var markets = new TextField("Intended markets");
        markets.setHelperText("Country codes, e.g. DE, FR, US");
        var udi = new TextField("UDI device identifier");
        udi.setHelperText("Medical devices only; the GTIN when left empty");
        var fields = new java.util.LinkedHashMap<String, Component>();
        fields.put("gtin", gtin);
        fields.put("name", name);
        fields.put("category", category);
        fields.put("intendedMarkets", markets);
        fields.put("udiDeviceIdentifier", udi);
        dialog.add(new FormLayout(gtin, name, category, risk, markets, udi));
        footer(dialog, "Create", fields, () -> {
            var p = masterData.createProduct(new NewProduct(gtin.getValue(), name.getValue(), category.getValue(),
                    risk.getValue(), new LinkedHashSet<>(Arrays.stream(markets.getValue().split("[,;\\s]+"))
                    .filter(s -> !s.isBlank()).map(String::toUpperCase).toList()), udi.getValue()));
            Notifications.success("Created " + p.name());
        });
        return dialog;
    }

    private Dialog facilityDialog() {
        var dialog = new Dialog("New facility");
        var code = new TextField("Code");
        code.setHelperText("e.g. DE-MUC");
        var number = new IntegerField("Number (encoded in serials, 0 to 1023)");
        var name = new TextField("Name");
        var country = new TextField("Country");
        var fields = new java.util.LinkedHashMap<String, Component>();
        fields.put("code", code);
        fields.put("number", number);
        fields.put("code/number", code);
        fields.put("name", name);
        fields.put("country", country);
        dialog.add(new FormLayout(code, number, name, country));
        footer(dialog, "Create", fields, () -> masterData.createFacility(code.getValue(),
                number.getValue() == null ? -1 : number.getValue(), name.getValue(), country.getValue()));
        return dialog;
    }

    private Dialog lineDialog() {
        var dialog = new Dialog("Add production line");
        var facility = new ComboBox<FacilityView>("Facility");
        facility.setItems(masterData.facilities());
        facility.setItemLabelGenerator(f -> f.code() + " " + f.name());
        var code = new TextField("Line code");
        code.setHelperText("e.g. L4");
        var number = new IntegerField("Number (encoded in serials, 0 to 31)");
        var name = new TextField("Name");
        var fields = new java.util.LinkedHashMap<String, Component>();
        fields.put("facility", facility);
        fields.put("code", code);
        fields.put("line", code);
        fields.put("number", number);
        fields.put("name", name);
        dialog.add(new FormLayout(facility, code, number, name));
        footer(dialog, "Add", fields, () -> {
            if (facility.getValue() == null) {
                throw new IllegalArgumentException("facility: choose the facility");
            }
            masterData.addLine(facility.getValue().code(), code.getValue(),
                    number.getValue() == null ? -1 : number.getValue(), name.getValue());
        });
        return dialog;
    }

    /**
     * The dialog's footer: Cancel, and the primary action. When the action succeeds the dialog closes
     * and the lists are read again; when it refuses the input, the message shows at the field it names.
     */
    private void footer(Dialog dialog, String label, java.util.Map<String, Component> fields, Runnable action) {
        var button = new Button(label, e -> {
            try {
                action.run();
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                InvalidInput.of(ex).forEach(p -> showAtField(fields, p));
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), button);
    }

    /** One problem at the field it names; a problem of a field without an input here as a notification. */
    private static void showAtField(java.util.Map<String, Component> fields, InvalidInput.Problem problem) {
        if (fields.get(problem.field()) instanceof com.vaadin.flow.component.HasValidation v) {
            v.setErrorMessage(problem.message());
            v.setInvalid(true);
        } else {
            Notifications.error(problem.field().isEmpty() ? problem.message()
                    : org.serialregistry.ui.FieldErrors.readable(problem.field() + ": " + problem.message()));
        }
    }
}
