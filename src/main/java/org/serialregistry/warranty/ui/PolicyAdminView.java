package org.serialregistry.warranty.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.CoverageKind;
import org.serialregistry.warranty.CoverageLine;
import org.serialregistry.warranty.CoverageStart;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewPolicyVersion;
import org.serialregistry.warranty.StartRule;
import org.serialregistry.warranty.WarrantyPolicies;
import org.serialregistry.warranty.WarrantyPolicyView;

/** Administrators keep warranty policies: a change is a new version from a date; old versions stay as they were. */
@Route("admin/warranty-policies")
@PageTitle("Warranty policies")
@Menu(title = "Warranty policies", order = 14, icon = "vaadin:file-text")
@RolesAllowed(Role.ADMIN_NAME)
class PolicyAdminView extends VerticalLayout {

    final Grid<WarrantyPolicyView> grid = new Grid<>();
    final Map<CoverageKind, IntegerField> lineTerms = new EnumMap<>(CoverageKind.class);
    final Map<CoverageKind, Select<CoverageStart>> lineStarts = new EnumMap<>(CoverageKind.class);
    private final WarrantyPolicies policies;

    PolicyAdminView(WarrantyPolicies policies, MasterData masterData, Clock clock) {
        this.policies = policies;
        var names = new HashMap<String, String>();
        masterData.products().forEach(p -> names.put(p.gtin().value(), p.name()));

        var columns = Grids.columns(grid);
        columns.key("Product", p -> names.getOrDefault(p.gtin(), p.gtin()));
        columns.value("Version", WarrantyPolicyView::version);
        columns.value("In force from", p -> p.effectiveFrom().toString());
        columns.text("Term", WarrantyPolicyView::termInWords, "8rem", 1);
        columns.text("Covered", p -> p.coveredDefects().stream().map(DefectCode::label).collect(Collectors.joining(", ")),
                "12rem", 2);
        columns.text("Excluded", p -> p.excludedDefects().stream().map(DefectCode::label).collect(Collectors.joining(", ")),
                "8rem", 1);
        columns.text("Pays", p -> !p.lines().isEmpty() ? p.lines().stream().map(l -> l.kind().label().toLowerCase())
                .collect(Collectors.joining(" + ")) : (p.partsCovered() ? "parts" : "") + (p.partsCovered() && p.labourCovered() ? " + " : "")
                + (p.labourCovered() ? "labour" : ""), "7rem", 1);
        columns.value("Claims per unit", WarrantyPolicyView::claimLimit);
        grid.setAllRowsVisible(true);

        var product = new Select<ProductView>();
        product.setLabel("Product");
        product.setItems(masterData.products());
        product.setItemLabelGenerator(ProductView::name);
        var from = new DatePicker("In force from", LocalDate.now(clock));
        var term = new IntegerField("Term (months)");
        term.setValue(24);
        var rule = new Select<StartRule>();
        rule.setLabel("Term starts");
        rule.setItems(StartRule.values());
        rule.setItemLabelGenerator(StartRule::words);
        rule.setValue(StartRule.FROM_PURCHASE);
        var grace = new IntegerField("Grace (days)");
        grace.setValue(0);
        var covered = new CheckboxGroup<DefectCode>("Covered defects");
        covered.setItems(DefectCode.values());
        covered.setItemLabelGenerator(DefectCode::label);
        var excluded = new CheckboxGroup<DefectCode>("Excluded defects");
        excluded.setItems(DefectCode.values());
        excluded.setItemLabelGenerator(DefectCode::label);
        var parts = new Checkbox("Parts covered", true);
        var labour = new Checkbox("Labour covered", true);
        var limit = new IntegerField("Claims per unit");
        limit.setValue(3);
        var note = new TextField("Note");
        for (var kind : CoverageKind.values()) {
            var lineTerm = new IntegerField(kind.label() + " term (months)");
            lineTerm.setHelperText("Empty: no " + kind.label().toLowerCase() + " line");
            var lineStart = new Select<CoverageStart>();
            lineStart.setLabel(kind.label() + " from");
            lineStart.setItems(CoverageStart.values());
            lineStart.setItemLabelGenerator(CoverageStart::words);
            lineStart.setValue(CoverageStart.SALE);
            lineTerms.put(kind, lineTerm);
            lineStarts.put(kind, lineStart);
        }
        var errors = new FieldErrors().bind("gtin", product).bind("effectiveFrom", from).bind("termMonths", term)
                .bind("startRule", rule).bind("graceDays", grace).bind("claimLimit", limit)
                .bind("coveredDefects", covered).bind("excludedDefects", excluded).bind("note", note);
        var add = new Button("Add policy version", e -> {
            if (errors.run(() -> {
                var saved = policies.addVersion(new NewPolicyVersion(product.getValue() == null ? null
                        : product.getValue().gtin().value(), from.getValue(), value(term), rule.getValue(), value(grace),
                        covered.getValue().isEmpty() ? EnumSet.noneOf(DefectCode.class) : EnumSet.copyOf(covered.getValue()),
                        excluded.getValue().isEmpty() ? EnumSet.noneOf(DefectCode.class) : EnumSet.copyOf(excluded.getValue()),
                        parts.getValue(), labour.getValue(), value(limit), note.getValue(), lines()));
                Notifications.success("Version " + saved.version() + " is in force from " + saved.effectiveFrom());
            })) {
                refresh();
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var linesForm = new FormLayout();
        for (var kind : CoverageKind.values()) {
            linesForm.add(lineTerms.get(kind), lineStarts.get(kind));
        }
        add(new Paragraph("A claim is judged by the version in force on the unit's sale date (registered purchase "
                        + "date, else production date). Versions are never edited."),
                grid, new H3("New version"), new FormLayout(product, from, term, rule, grace, limit, covered, excluded,
                        parts, labour, note),
                new Paragraph("Coverage lines (optional): each with its own term and start. With lines, they say what "
                        + "is paid and for how long, instead of the term, start and parts/labour above."),
                linesForm, errors.summary(), add);
        refresh();
    }

    /** The lines whose term is filled in, in kind order. */
    private List<CoverageLine> lines() {
        return Arrays.stream(CoverageKind.values()).filter(k -> lineTerms.get(k).getValue() != null)
                .map(k -> new CoverageLine(k, lineTerms.get(k).getValue(), lineStarts.get(k).getValue())).toList();
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }

    private void refresh() {
        grid.setItems(policies.all());
    }
}
