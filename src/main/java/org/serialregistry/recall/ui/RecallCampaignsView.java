package org.serialregistry.recall.ui;

import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.recall.NewRecallCampaign;
import org.serialregistry.recall.RecallCampaigns;
import org.serialregistry.recall.RecallRemedy;
import org.serialregistry.recall.RecallSeverity;
import org.serialregistry.security.Role;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.ui.Notifications;

/** Recall campaigns: the list (click one for its page) and the signed start of a new one. */
@Route("quality/recalls")
@PageTitle("Recalls")
@Menu(title = "Recalls", order = 33, icon = "vaadin:warning")
@RolesAllowed({Role.QUALITY_NAME, Role.ADMIN_NAME})
class RecallCampaignsView extends VerticalLayout {

    private final RecallCampaigns recalls;
    final Grid<CampaignView> campaigns = new Grid<>();
    final Button startButton = new Button("Start a recall…", e -> startDialog().open());

    RecallCampaignsView(RecallCampaigns recalls) {
        this.recalls = recalls;
        startButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        campaigns.addColumn(CampaignView::campaignNumber).setHeader("Campaign").setAutoWidth(true);
        campaigns.addColumn(c -> c.state().label()).setHeader("State").setAutoWidth(true);
        campaigns.addColumn(c -> c.severity().name().replace("CLASS_", "Class ")).setHeader("Severity").setAutoWidth(true);
        campaigns.addColumn(c -> c.remedy().label()).setHeader("Remedy").setAutoWidth(true);
        campaigns.addColumn(c -> c.affectedUnits() + " of " + c.expectedUnits()).setHeader("Units recalled").setAutoWidth(true);
        campaigns.addColumn(CampaignView::reason).setHeader("Reason").setFlexGrow(1);
        campaigns.addColumn(c -> c.startedAt().toString().substring(0, 16).replace('T', ' ') + " by " + c.startedBy())
                .setHeader("Started").setAutoWidth(true);
        campaigns.addThemeVariants(GridVariant.LUMO_COMPACT);
        campaigns.setAllRowsVisible(true);
        campaigns.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(RecallCampaignView.class, e.getItem().id().value())));
        campaigns.setItems(recalls.campaigns());
        add(new Paragraph("A recall marks every unit it names RECALLED; the public page warns from the moment it is "
                + "signed. Registered owners are e-mailed, subscribed partners get a signed webhook."), startButton, campaigns);
    }

    final TextField gtin = new TextField("GTIN");
    final TextArea lots = new TextArea("Lots");
    final TextArea serials = new TextArea("Serials");
    final DatePicker producedFrom = new DatePicker("Made from");
    final DatePicker producedTo = new DatePicker("Made until");
    final TextField facility = new TextField("Facility");
    final TextField line = new TextField("Line");
    final TextArea reason = new TextArea("Reason");
    final Select<RecallSeverity> severity = new Select<>();
    final Select<RecallRemedy> remedy = new Select<>();
    final TextArea instructions = new TextArea("What owners should do");
    final RecallSignatureFields signature = new RecallSignatureFields();

    private Dialog startDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Start a recall");
        lots.setHelperText("Lots of the GTIN, one per line or separated by commas");
        serials.setHelperText("Or a list of serials (scanner, Excel column)");
        severity.setLabel("Severity");
        severity.setItems(RecallSeverity.values());
        severity.setItemLabelGenerator(RecallSeverity::label);
        remedy.setLabel("Remedy");
        remedy.setItems(RecallRemedy.values());
        remedy.setItemLabelGenerator(RecallRemedy::label);
        var form = new FormLayout(gtin, lots, serials, producedFrom, producedTo, facility, line, reason, severity, remedy,
                instructions);
        form.setColspan(reason, 2);
        form.setColspan(instructions, 2);
        var sign = new Button("Sign and start the recall", e -> {
            try {
                var started = recalls.start(new NewRecallCampaign(new UnitSelection(gtin.getValue(), split(lots.getValue()),
                        split(serials.getValue()), producedFrom.getValue(), producedTo.getValue(), facility.getValue(),
                        line.getValue()), reason.getValue(), severity.getValue(), remedy.getValue(),
                        instructions.getValue()), signature.signature());
                dialog.close();
                Notifications.success(started.campaignNumber() + " started: " + started.expectedUnits()
                        + " units are being recalled");
                getUI().ifPresent(ui -> ui.navigate(RecallCampaignView.class, started.id().value()));
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        sign.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(form, signature);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), sign);
        return dialog;
    }

    static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    }
}
