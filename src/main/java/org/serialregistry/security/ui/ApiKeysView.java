package org.serialregistry.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.ApiKeyView;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Confirmation;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;

/** API keys for ERP, MES and partner systems: create (the token is shown once) and revoke. */
@Route("admin/api-keys")
@PageTitle("API keys")
@Menu(title = "API keys", order = 11, icon = "vaadin:key")
@RolesAllowed(Role.ADMIN_NAME)
class ApiKeysView extends VerticalLayout implements com.vaadin.flow.router.BeforeEnterObserver {

    private final ApiKeys apiKeys;
    private static final java.time.format.DateTimeFormatter CREATED = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    private final Grid<ApiKeyView> grid = new Grid<>();

    ApiKeysView(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        setSizeFull();
        var create = new Button("New API key", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.addColumn(ApiKeyView::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ApiKeyView::prefix).setHeader("Prefix").setAutoWidth(true);
        grid.addColumn(k -> k.role().workspace()).setHeader("Role").setAutoWidth(true);
        grid.addColumn(k -> k.partyRef() == null ? "" : k.partyRef()).setHeader("Party").setAutoWidth(true);
        grid.addColumn(ApiKeyView::createdBy).setHeader("Created by").setAutoWidth(true);
        grid.addColumn(k -> CREATED.format(k.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(k -> k.active() ? "Active" : "Revoked by " + k.revokedBy()).setHeader("Status").setAutoWidth(true);
        Grids.actions(grid.addComponentColumn(k -> {
            var revoke = new Button("Revoke", e -> Confirmation.ask("Revoke API key " + k.name() + "?",
                    "Every call with this key (prefix " + k.prefix() + ", acting as " + k.role().workspace()
                            + ") is refused from now on. A revoked key cannot be turned on again; the system that uses it "
                            + "needs a new key.", "Revoke key", () -> {
                        apiKeys.revoke(k.id());
                        refresh();
                        return "Key " + k.name() + " revoked: calls with it are now refused.";
                    }));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setEnabled(k.active());
            return revoke;
        }).setHeader("Actions"));
        grid.setSizeFull();
        add(new HorizontalLayout(create), grid);
    }

    /** Vaadin reuses this view when it is opened again: read the keys afresh each time. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        refresh();
    }

    private void openCreateDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New API key");
        var name = new TextField("Name");
        name.setHelperText("Which system uses it, e.g. 'SAP line 3'");
        var role = new ComboBox<Role>("Acts as role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::workspace);
        var party = new TextField("Bound to party (optional)");
        party.setHelperText("Party code, e.g. MFG-DE: production, distributor and service-centre keys act only for "
                + "it, and for no party without one");
        var save = new Button("Create", e -> {
            try {
                var issued = apiKeys.create(name.getValue(), role.getValue(), party.getValue());
                dialog.removeAll();
                dialog.getFooter().removeAll();
                var token = new TextArea("Token");
                token.setValue(issued.token());
                token.setReadOnly(true);
                token.setWidthFull();
                dialog.add(new Paragraph("Copy the token now: it is shown only once and stored only as a hash."), token);
                dialog.getFooter().add(new Button("Done", d -> dialog.close()));
                refresh();
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(name, role, party));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(apiKeys.findAll());
    }
}
