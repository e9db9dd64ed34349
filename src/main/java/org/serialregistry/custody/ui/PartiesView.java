package org.serialregistry.custody.ui;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.serialregistry.custody.NewParty;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.PartyView;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.ui.Notifications;

/** Parties of the supply chain: list, create, bind portal users; per-product market exceptions. */
abstract class PartiesView extends VerticalLayout {

    private final Parties parties;
    final Grid<PartyView> grid = new Grid<>();

    PartiesView(Parties parties) {
        this.parties = parties;
        grid.addColumn(PartyView::code).setHeader("Code").setAutoWidth(true);
        grid.addColumn(PartyView::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(p -> p.type().label()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(p -> p.country().value()).setHeader("Country").setAutoWidth(true);
        grid.addColumn(p -> markets(p.authorisedMarkets())).setHeader("Authorised markets").setAutoWidth(true);
        grid.addColumn(p -> p.facilityCode() == null ? "" : p.facilityCode()).setHeader("Facility").setAutoWidth(true);
        grid.addColumn(p -> String.join(", ", p.users())).setHeader("Portal users").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        refresh();

        var create = new Button("New party", e -> openCreate());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        var user = new TextField("User name");
        var party = new ComboBox<PartyView>("Party");
        party.setItems(parties.all());
        party.setItemLabelGenerator(PartyView::code);
        var bind = new Button("Bind user", e -> {
            try {
                parties.bindUser(user.getValue(), party.getValue() == null ? null : party.getValue().code());
                Notifications.success(user.getValue() + " now acts for " + party.getValue().code());
                refresh();
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        var bindRow = new FlexLayout(user, party, bind);
        bindRow.setAlignItems(Alignment.BASELINE);
        bindRow.getStyle().set("gap", "var(--lumo-space-m)");

        var gtin = new TextField("GTIN");
        var extra = new TextField("Extra markets");
        extra.setHelperText("Country codes, comma-separated; empty removes the exception");
        var note = new TextField("Why");
        var saveExtra = new Button("Save exception", e -> {
            try {
                parties.setExtraMarkets(gtin.getValue(), split(extra.getValue()), note.getValue());
                Notifications.success("Market exception saved for " + gtin.getValue());
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        var extraRow = new FlexLayout(gtin, extra, note, saveExtra);
        extraRow.setAlignItems(Alignment.BASELINE);
        extraRow.getStyle().set("gap", "var(--lumo-space-m)");

        add(create, grid, new H3("Bind a portal user to a party"), bindRow,
                new H3("Per-product market exceptions (no diversion alert)"), extraRow);
    }

    private void refresh() {
        grid.setItems(parties.all());
    }

    private void openCreate() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New party");
        var code = new TextField("Code");
        var name = new TextField("Name");
        var type = new ComboBox<PartyType>("Type");
        type.setItems(PartyType.values());
        type.setItemLabelGenerator(PartyType::label);
        var country = new TextField("Country");
        var markets = new TextField("Authorised markets");
        markets.setHelperText("Country codes, comma-separated");
        var facility = new TextField("Facility (manufacturer sites)");
        var save = new Button("Create", e -> {
            try {
                var created = parties.create(new NewParty(code.getValue(), name.getValue(), type.getValue(),
                        country.getValue(), split(markets.getValue()), facility.getValue()));
                Notifications.success("Party " + created.code() + " created");
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(code, name, type, country, markets, facility));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    static Set<String> split(String text) {
        return Arrays.stream(text == null ? new String[0] : text.split("[,;\\s]+")).filter(s -> !s.isBlank())
                .collect(Collectors.toSet());
    }

    static String markets(Set<CountryCode> markets) {
        return markets.stream().map(CountryCode::value).sorted().collect(Collectors.joining(", "));
    }
}
