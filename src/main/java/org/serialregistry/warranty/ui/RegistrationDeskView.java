package org.serialregistry.warranty.ui;

import java.time.Clock;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.OwnershipView;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.WarrantyCoverage;

/** Service desk: register an owner, record a resale, check coverage on a date, and review ownership conflicts. */
@Route("warranty/registrations")
@PageTitle("Owners and coverage")
@Menu(title = "Owners and coverage", order = 41, icon = "vaadin:user-check")
@RolesAllowed(Role.WARRANTY_NAME)
class RegistrationDeskView extends VerticalLayout {

    private final OwnershipRegistry owners;
    final Grid<OwnershipView> conflicts = new Grid<>();
    private byte[] proof;
    private String proofName;

    RegistrationDeskView(OwnershipRegistry owners, WarrantyCoverage coverage, MasterData masterData, Clock clock) {
        this.owners = owners;

        // Register
        var product = new Select<ProductView>();
        product.setLabel("Product");
        product.setItems(masterData.products());
        product.setItemLabelGenerator(ProductView::name);
        var serial = new TextField("Serial");
        var purchase = new DatePicker("Purchase date");
        purchase.setMax(LocalDate.now(clock));
        var retailer = new TextField("Retailer");
        var owner = new TextField("Owner");
        var email = new EmailField("E-mail");
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            proof = bytes;
            proofName = meta.fileName();
        }));
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "application/pdf", ".png", ".jpg", ".jpeg", ".pdf");
        var register = new Button("Register owner", e -> {
            if (ClaimFormat.attempt(() -> {
                var outcome = owners.register(new NewRegistration(product.getValue() == null ? null
                        : product.getValue().gtin().value(), serial.getValue(), purchase.getValue(), retailer.getValue(),
                        owner.getValue(), email.getValue(), proof, proofName), RegistrationChannel.PORTAL);
                if (outcome.effective()) {
                    Notifications.success(outcome.message());
                } else {
                    Notifications.error(outcome.message());
                }
            })) {
                proof = null;
                upload.clearFileList();
                refresh();
            }
        });
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(product, serial, purchase, retailer, owner, email, upload);

        // Transfer
        var tSerial = new TextField("Serial");
        var tDate = new DatePicker("Resale date", LocalDate.now(clock));
        var tOwner = new TextField("New owner");
        var tEmail = new EmailField("New owner's e-mail");
        var transfer = new Button("Transfer ownership", e -> {
            if (ClaimFormat.attempt(() -> owners.transfer(tSerial.getValue(), tDate.getValue(), tOwner.getValue(),
                    tEmail.getValue(), null))) {
                Notifications.success("Ownership of " + tSerial.getValue().strip().toUpperCase() + " transferred to "
                        + tOwner.getValue());
            }
        });

        // Coverage
        var cProduct = new Select<ProductView>();
        cProduct.setLabel("Product");
        cProduct.setItems(masterData.products());
        cProduct.setItemLabelGenerator(ProductView::name);
        var cSerial = new TextField("Serial");
        var cDate = new DatePicker("On", LocalDate.now(clock));
        var answer = new Paragraph();
        answer.setId("coverage-answer");
        var check = new Button("Check coverage", e -> ClaimFormat.attempt(() -> {
            if (cProduct.getValue() == null || cSerial.getValue().isBlank()) {
                throw new IllegalArgumentException("serial: choose the product and enter the serial");
            }
            var result = coverage.on(cProduct.getValue().gtin(), new SerialNumber(cSerial.getValue().strip().toUpperCase()),
                    cDate.getValue() == null ? LocalDate.now(clock) : cDate.getValue());
            answer.setText(result.map(c -> (c.covered() ? "Covered. " : "Not covered. ") + c.explanation()
                    + (c.registered() ? "" : " The unit has no registered owner."))
                    .orElse("This registry never issued that serial for " + cProduct.getValue().name() + "."));
        }));

        var columns = Grids.columns(conflicts);
        columns.key("Serial", OwnershipView::serial);
        columns.text("Second registrant", OwnershipView::ownerName, "8rem", 1);
        columns.text("E-mail", OwnershipView::email, "9rem", 1);
        columns.value("Purchase date", o -> o.purchaseDate().toString());
        columns.text("Current owner", o -> owners.owner(o.serial()).map(a -> a.ownerName() + " since " + a.purchaseDate())
                .orElse("–"), "10rem", 1);
        columns.actions(o -> new HorizontalLayout(new Button("Accept new owner", e -> resolve(o, true)),
                new Button("Reject", e -> resolve(o, false)))).setHeader("Decision");
        conflicts.setAllRowsVisible(true);

        add(new H3("Register an owner"), form, register,
                new H3("Resale"), new HorizontalLayout(tSerial, tDate, tOwner, tEmail), transfer,
                new H3("Coverage on a date"), new HorizontalLayout(cProduct, cSerial, cDate), check, answer,
                new H3("Ownership conflicts to review"), conflicts);
        refresh();
    }

    private void resolve(OwnershipView conflict, boolean accept) {
        if (ClaimFormat.attempt(() -> owners.resolveConflict(conflict.id(), accept, accept
                ? "Proof of purchase checked by the service desk" : "Registration rejected by the service desk"))) {
            Notifications.success(accept ? conflict.ownerName() + " is now the owner of " + conflict.serial()
                    : "Registration by " + conflict.ownerName() + " rejected");
            refresh();
        }
    }

    private void refresh() {
        conflicts.setItems(owners.openConflicts());
    }
}
