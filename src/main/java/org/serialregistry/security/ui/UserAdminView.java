package org.serialregistry.security.ui;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.NewUserAccount;
import org.serialregistry.security.PasswordPolicy;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAccountView;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.ui.Confirmation;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Notifications;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/** Administration of portal users: create, edit roles, disable and enable, reset passwords. */
@Route("admin/users")
@PageTitle("Users")
@Menu(title = "Users", order = 10, icon = "vaadin:users")
@RolesAllowed(Role.ADMIN_NAME)
class UserAdminView extends VerticalLayout implements BeforeEnterObserver {

    private final UserAdministration users;
    private final Grid<UserAccountView> grid = new Grid<>();

    UserAdminView(UserAdministration users) {
        this.users = users;
        setSizeFull();
        var create = new Button("New user", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.addColumn(UserAccountView::username).setHeader("User name").setSortable(true).setAutoWidth(true);
        grid.addColumn(UserAccountView::displayName).setHeader("Name").setSortable(true).setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().map(Role::workspace).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles").setFlexGrow(1);
        grid.addComponentColumn(u -> {
            var badge = new Span(u.enabled() ? "Active" : "Disabled");
            badge.getElement().getThemeList().add(u.enabled() ? "badge success" : "badge error");
            return badge;
        }).setHeader("Status").setAutoWidth(true);
        Grids.actions(grid.addComponentColumn(this::actions).setKey("actions").setHeader("Actions"));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        add(new HorizontalLayout(create), grid);
    }

    /** Opening the page again (e.g. from the side navigation) reuses this view: read the users afresh. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private HorizontalLayout actions(UserAccountView user) {
        var edit = new Button("Edit", e -> openEditDialog(user));
        var toggle = new Button(user.enabled() ? "Disable" : "Enable", e -> {
            if (!user.enabled()) {
                run(() -> users.setEnabled(user.id(), user.version(), true), "Enabled " + user.username());
                return;
            }
            Confirmation.ask("Disable " + user.username() + "?", user.displayName() + " can no longer sign in, and "
                    + "sessions already open end at their next request. Records they signed stay as they are. You can "
                    + "enable the account again later.", "Disable user", () -> {
                        try {
                            users.setEnabled(user.id(), user.version(), false);
                        } catch (ObjectOptimisticLockingFailureException changed) {
                            refresh();
                            throw new IllegalStateException("Someone else changed this user meanwhile. The list is "
                                    + "refreshed: please try again.");
                        }
                        refresh();
                        return user.username() + " is disabled and can no longer sign in.";
                    });
        });
        var reset = new Button("Reset password", e -> openResetDialog(user));
        for (var b : new Button[]{edit, toggle, reset}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(edit, toggle, reset);
    }

    private void openCreateDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        var username = new TextField("User name");
        var displayName = new TextField("Name");
        var password = new PasswordField("Initial password");
        password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
        var roles = roleChoice(EnumSet.noneOf(Role.class));
        var errors = new FieldErrors().bind("username", username).bind("displayName", displayName)
                .bind("password", password).bind("roles", roles);
        var save = new Button("Create", e -> {
            if (errors.run(() -> users.create(new NewUserAccount(username.getValue(), displayName.getValue(),
                    password.getValue(), roles.getValue())))) {
                Notifications.success("Created " + username.getValue().trim().toLowerCase());
                refresh();
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(username, displayName, password, roles), errors.summary());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openEditDialog(UserAccountView user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Edit " + user.username());
        var displayName = new TextField("Name", user.displayName(), "");
        var roles = roleChoice(user.roles());
        var save = new Button("Save", e -> {
            if (run(() -> users.update(user.id(), user.version(), displayName.getValue(), roles.getValue()),
                    "Saved " + user.username())) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(displayName, roles));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openResetDialog(UserAccountView user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Reset password of " + user.username());
        var password = new PasswordField("New password");
        password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters; tell the user in person");
        var save = new Button("Reset", e -> {
            if (run(() -> users.resetPassword(user.id(), user.version(), password.getValue()),
                    "Password of " + user.username() + " reset")) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private static CheckboxGroup<Role> roleChoice(Set<Role> selected) {
        var roles = new CheckboxGroup<Role>("Roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::workspace);
        roles.setValue(selected);
        return roles;
    }

    /** Runs a change; shows its error in words and keeps the dialog open when it fails. */
    private boolean run(Runnable change, String success) {
        try {
            change.run();
            Notifications.success(success);
            refresh();
            return true;
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        } catch (ObjectOptimisticLockingFailureException e) {
            Notifications.error("Someone else changed this user meanwhile. The list is refreshed: please try again.");
            refresh();
        }
        return false;
    }

    private void refresh() {
        grid.setItems(users.findAll());
    }
}
