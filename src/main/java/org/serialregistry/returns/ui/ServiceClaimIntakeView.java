package org.serialregistry.returns.ui;

import java.time.Clock;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
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
import org.serialregistry.ui.Badges;
import org.serialregistry.ui.CodeInput;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.CheckResult;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimResult;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.ClaimIntake;

/** A service centre enters a claim and sees the decision with every check at once. */
@Route("service/claims/new")
@PageTitle("New claim")
@Menu(title = "New claim", order = 71, icon = "vaadin:plus")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ServiceClaimIntakeView extends VerticalLayout {

    final Select<ProductView> product = new Select<>();
    final TextField serial = new TextField("Serial");
    final Select<DefectCode> defect = new Select<>();
    final DatePicker failure = new DatePicker("Failure date");
    final TextField claimant = new TextField("Claimant");
    final EmailField email = new EmailField("Claimant e-mail");
    final TextArea description = new TextArea("Description");
    final TextField reference = new TextField("Your reference");
    final TextField receipt = new TextField("Purchase receipt");
    final H3 decision = new H3();
    final Grid<CheckResult> checks = new Grid<>();
    ClaimResult last;
    final FieldErrors errors = new FieldErrors();
    private byte[] evidence;
    private String evidenceName;

    ServiceClaimIntakeView(ClaimIntake claims, MasterData masterData, Clock clock) {
        product.setLabel("Product");
        product.setItems(masterData.products());
        product.setItemLabelGenerator(ProductView::name);
        defect.setLabel("Defect");
        defect.setItems(DefectCode.values());
        defect.setItemLabelGenerator(DefectCode::label);
        failure.setValue(LocalDate.now(clock));
        failure.setMax(LocalDate.now(clock));
        receipt.setHelperText("Receipt or invoice number of the sale, when no owner registered the unit");
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            evidence = bytes;
            evidenceName = meta.fileName();
        }));
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "application/pdf", ".png", ".jpg", ".jpeg", ".pdf");
        // a scanned code is read at once: a problem shows at the field before the claim is sent
        CodeInput.withCamera(CodeInput.configure(serial), () -> { });
        errors.bind("gtin", product).bind("serial", serial).bind("defectCode", defect).bind("failureDate", failure)
                .bind("claimantName", claimant).bind("claimantEmail", email).bind("description", description)
                .bind("externalReference", reference).bind("purchaseReceipt", receipt).label("file", "Evidence");
        var submit = new Button("Submit claim", e -> errors.run(() -> {
            var result = claims.submit(new NewClaim(product.getValue() == null ? null : product.getValue().gtin().value(),
                    serial.getValue(), defect.getValue() == null ? null : defect.getValue().name(), failure.getValue(),
                    claimant.getValue(), email.getValue(), description.getValue(), reference.getValue(), receipt.getValue()),
                    ClaimChannel.PORTAL);
            show(result);
            if (evidence != null) {
                // the claim stands; a file that is refused is said so, not dropped behind an upload tick
                String name = evidenceName;
                byte[] file = evidence;
                evidence = null;
                upload.clearFileList();
                errors.run(() -> claims.addEvidence(result.claim().id(), file, name));
                if (errors.summary().isVisible()) {
                    errors.summary().setText("The claim was filed without the evidence " + name + ": "
                            + errors.summary().getText().replaceFirst("^[^:]*: ", "") + ". Add it on the claim's page.");
                }
            }
        }));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        checks.addColumn(k -> k.check().label()).setHeader("Check").setAutoWidth(true);
        checks.addComponentColumn(k -> Badges.check(k.passed())).setHeader("Result").setAutoWidth(true);
        checks.addColumn(CheckResult::detail).setHeader("Detail").setFlexGrow(1);
        checks.setAllRowsVisible(true);
        checks.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        checks.setVisible(false);
        add(new FormLayout(product, serial, defect, failure, claimant, email, description, reference, receipt, upload),
                errors.summary(), submit, decision, checks);
    }

    private void show(ClaimResult result) {
        last = result;
        var c = result.claim();
        String text = c.claimNumber() + ": " + (c.decision() == null ? c.state().label() : c.decision().label())
                + (c.rmaNumber() == null ? "" : " · " + c.rmaNumber()) + (result.created() ? "" : " (submitted before)");
        decision.setText(text);
        checks.setItems(result.checks());
        checks.setVisible(true);
        // a decision is an outcome, not an error: approved is good news, review and denial are news to read
        if (c.rmaNumber() != null) {
            Notifications.success(text);
        } else {
            Notifications.outcome(text + ": " + c.decisionReasons());
        }
    }
}
