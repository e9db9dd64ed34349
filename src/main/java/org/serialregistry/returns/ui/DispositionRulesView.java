package org.serialregistry.returns.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.returns.DispositionRule;
import org.serialregistry.returns.DispositionRules;
import org.serialregistry.returns.NewDispositionRule;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.security.Role;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;

/** The quality team edits how returned units are routed: the first active rule that matches decides. */
@Route("quality/disposition-rules")
@PageTitle("Return routing rules")
@Menu(title = "Return routing rules", order = 45, icon = "vaadin:split")
@RolesAllowed(Role.QUALITY_NAME)
class DispositionRulesView extends VerticalLayout {

    private final DispositionRules rules;
    final Grid<DispositionRule> grid = new Grid<>();
    final IntegerField priority = new IntegerField("Priority");
    final Select<ReturnReason> reason = new Select<>();
    final Select<String> warranty = new Select<>();
    final IntegerField maxAgeDays = new IntegerField("Made at most (days ago)");
    final Select<ReturnDisposition> disposition = new Select<>();
    final TextField explanation = new TextField("Explanation");
    final Checkbox active = new Checkbox("Active", true);
    DispositionRule editing;
    private final FieldErrors errors = new FieldErrors();

    DispositionRulesView(DispositionRules rules) {
        this.rules = rules;
        var columns = Grids.columns(grid);
        columns.key("Priority", DispositionRule::priority);
        columns.text("When", DispositionRule::conditions, "12rem", 1);
        columns.value("Then", r -> r.disposition().label());
        columns.text("Why", DispositionRule::explanation, "14rem", 2);
        columns.value("State", r -> r.active() ? "active" : "off");
        columns.text("Changed", r -> r.changedBy() + ", " + ServiceFormat.TIME.format(r.changedAt()), "8rem", 0);
        grid.addItemClickListener(e -> edit(e.getItem()));
        grid.setAllRowsVisible(true);

        reason.setLabel("Reason");
        reason.setItems(ReturnReason.values());
        reason.setItemLabelGenerator(r -> r == null ? "any reason" : r.label());
        reason.setEmptySelectionAllowed(true);
        reason.setEmptySelectionCaption("any reason");
        warranty.setLabel("Warranty");
        warranty.setItems("any", "under warranty", "out of warranty");
        warranty.setValue("any");
        disposition.setLabel("Disposition");
        disposition.setItems(ReturnDisposition.RESTOCK, ReturnDisposition.REPAIR, ReturnDisposition.REFURBISH,
                ReturnDisposition.RETURN_TO_SUPPLIER, ReturnDisposition.SCRAP);
        disposition.setItemLabelGenerator(ReturnDisposition::label);
        explanation.setWidthFull();
        var save = new Button("Save rule", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        errors.bind("priority", priority).bind("reason", reason).bind("maxAgeDays", maxAgeDays)
                .bind("disposition", disposition).bind("explanation", explanation);
        var form = new FormLayout(priority, reason, warranty, maxAgeDays, disposition, explanation, active);
        add(new Paragraph("Returned units that pass intake are routed by the first active rule, lowest priority "
                + "number first, whose conditions all hold. Click a rule to change it."), grid, form,
                errors.summary(), new HorizontalLayout(save, new Button("New rule", e -> edit(null))));
        refresh();
    }

    void edit(DispositionRule rule) {
        editing = rule;
        errors.clear();
        priority.setValue(rule == null ? null : rule.priority());
        reason.setValue(rule == null ? null : rule.reason());
        warranty.setValue(rule == null || rule.underWarranty() == null ? "any"
                : rule.underWarranty() ? "under warranty" : "out of warranty");
        maxAgeDays.setValue(rule == null ? null : rule.maxAgeDays());
        disposition.setValue(rule == null ? null : rule.disposition());
        explanation.setValue(rule == null ? "" : rule.explanation());
        active.setValue(rule == null || rule.active());
    }

    void save() {
        var rule = new NewDispositionRule(priority.getValue(), reason.getValue(),
                "any".equals(warranty.getValue()) ? null : "under warranty".equals(warranty.getValue()),
                maxAgeDays.getValue(), disposition.getValue(), explanation.getValue(), active.getValue());
        // every problem at its field in one pass (a rule changed meanwhile: in the line under the form)
        var saved = errors.attempt(() -> editing == null ? rules.create(rule) : rules.update(editing.id(), editing.version(), rule));
        if (saved != null) {
            Notifications.success("Rule " + saved.priority() + " saved");
            edit(null);
            refresh();
        }
    }

    private void refresh() {
        grid.setItems(rules.all());
    }
}
