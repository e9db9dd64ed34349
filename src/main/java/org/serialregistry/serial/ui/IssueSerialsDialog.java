package org.serialregistry.serial.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Notifications;
import org.springframework.security.access.AccessDeniedException;

/**
 * Asks for what a batch needs and issues it. The service checks everything; each problem it names
 * is shown at its field. A batch of up to 10,000 units is issued before the dialog closes; larger
 * ones continue in the background with a progress bar in the batch list. The dialog's idempotency
 * key keeps a double click from issuing twice.
 */
class IssueSerialsDialog extends Dialog {

    final ComboBox<ProductView> product = new ComboBox<>("Product");
    final TextField lot = new TextField("Lot");
    final ComboBox<FacilityView> facility = new ComboBox<>("Facility");
    final ComboBox<FacilityView.LineView> line = new ComboBox<>("Production line");
    final IntegerField quantity = new IntegerField("Quantity");
    final DatePicker productionDate = new DatePicker("Production date");
    final DatePicker expiryDate = new DatePicker("Expiry date");
    final ComboBox<String> market = new ComboBox<>("Intended market");

    final FieldErrors errors = new FieldErrors();
    private final String idempotencyKey = "portal-" + UUID.randomUUID();

    IssueSerialsDialog(MasterData masterData, SerialIssuance issuance, Clock clock, Consumer<BatchView> onIssued) {
        setHeaderTitle("Issue serials");
        productionDate.setValue(LocalDate.now(clock));
        product.setItems(masterData.products());
        product.setItemLabelGenerator(p -> p.name() + " (" + p.gtin().value() + ")");
        product.addValueChangeListener(e -> {
            var markets = e.getValue() == null ? java.util.List.<String>of()
                    : e.getValue().intendedMarkets().stream().map(CountryCode::value).sorted().toList();
            market.setItems(markets);
            market.setValue(markets.size() == 1 ? markets.getFirst() : null);
        });
        lot.setMaxLength(20);
        lot.setHelperText("Up to 20 uppercase letters and digits (GS1 AI 10)");
        facility.setItems(masterData.facilities());
        facility.setItemLabelGenerator(f -> f.code() + " " + f.name());
        facility.addValueChangeListener(e -> {
            line.setItems(e.getValue() == null ? java.util.List.of() : e.getValue().lines());
            line.setValue(null);
        });
        line.setItemLabelGenerator(l -> l.code() + " " + l.name());
        quantity.setMin(1);
        quantity.setMax(SerialIssuance.MAX_QUANTITY);
        quantity.setStepButtonsVisible(true);
        quantity.setHelperText("1 to 1,000,000; up to 10,000 are issued at once");

        // The service decides what is valid, all fields at once; each input shows its problem until the next try
        errors.bind("gtin", product).bind("lot", lot).bind("facility", facility).bind("line", line)
                .bind("quantity", quantity).bind("productionDate", productionDate).bind("expiryDate", expiryDate)
                .bind("intendedMarket", market).label("components", "Components");

        var form = new FormLayout(product, lot, facility, line, quantity, market, productionDate, expiryDate);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        add(form, errors.summary());

        var issue = new Button("Issue", e -> issue(issuance, onIssued));
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), issue);
    }

    private void issue(SerialIssuance issuance, Consumer<BatchView> onIssued) {
        errors.clear();
        var request = new IssueBatchRequest(product.getValue() == null ? null : product.getValue().gtin().value(),
                lot.getValue() == null ? null : lot.getValue().trim().toUpperCase(),
                facility.getValue() == null ? null : facility.getValue().code(),
                line.getValue() == null ? null : line.getValue().code(),
                quantity.getValue() == null ? 0 : quantity.getValue(), productionDate.getValue(),
                expiryDate.getValue(), market.getValue(), null);
        try {
            var batch = issuance.issue(request, idempotencyKey, true).batch();
            close();
            Notifications.success(batch.status() == BatchStatus.COMPLETED
                    ? String.format("Issued %,d serials for lot %s", batch.issuedCount(), batch.lot())
                    : String.format("Issuing %,d serials for lot %s in the background", batch.quantity(), batch.lot()));
            onIssued.accept(batch);
        } catch (IllegalArgumentException e) {
            errors.show(e);
        } catch (SerialIssuance.IdempotencyConflictException e) {
            Notifications.error("This dialog already issued a different batch; close it and start again.");
        } catch (AccessDeniedException e) {
            Notifications.error("Your role may not issue serials.");
        }
    }
}
