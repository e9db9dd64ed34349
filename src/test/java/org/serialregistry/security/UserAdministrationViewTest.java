package org.serialregistry.security;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator manages users in the portal; every change is in the audit log. */
@IntegrationTest
@WithUserDetails("admin")
class UserAdministrationViewTest extends SpringBrowserlessTest {

    @Autowired
    UserAdministration users;
    @Autowired
    AuditTrail audit;
    @Autowired
    org.serialregistry.security.internal.DatabaseUserDetailsService userDetails;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void anAdministratorCreatesAUserWhoCanThenSignIn() {
        navigate("admin/users", Component.class);
        $(Button.class).withText("New user").single().click();
        var dialog = $(Dialog.class).single();
        $(TextField.class, dialog).withCaption("User name").single().setValue("Lena.Lab");
        $(TextField.class, dialog).withCaption("Name").single().setValue("Lena Lab");
        $(PasswordField.class, dialog).withCaption("Initial password").single().setValue("correct-horse-42");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class, dialog).single();
        roles.setValue(Set.of(Role.QUALITY));
        $(Button.class, dialog).withText("Create").single().click();

        var created = users.findByUsername("lena.lab").orElseThrow();
        assertThat(created.roles()).containsExactly(Role.QUALITY);
        assertThat(created.enabled()).isTrue();
        assertThat(passwordEncoder.matches("correct-horse-42", userDetails.loadUserByUsername("lena.lab").getPassword())).isTrue();
        @SuppressWarnings("unchecked")
        Grid<UserAccountView> grid = $(Grid.class).single();
        assertThat(grid.getGenericDataView().getItems().map(UserAccountView::username)).contains("lena.lab");

        var entries = audit.find(new AuditQuery("lena.lab"), PageRequest.of(0, 10));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.created");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.after()).contains("QUALITY").doesNotContain("correct-horse-42");
        });
    }

    @Test
    void aTooShortPasswordIsRefusedWithAReasonAndNothingIsCreated() {
        navigate("admin/users", Component.class);
        $(Button.class).withText("New user").single().click();
        var dialog = $(Dialog.class).single();
        $(TextField.class, dialog).withCaption("User name").single().setValue("shorty");
        $(TextField.class, dialog).withCaption("Name").single().setValue("Shorty");
        $(PasswordField.class, dialog).withCaption("Initial password").single().setValue("short");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class, dialog).single();
        roles.setValue(Set.of(Role.WARRANTY));
        $(Button.class, dialog).withText("Create").single().click();

        assertThat(users.findByUsername("shorty")).isEmpty();
        var password = $(PasswordField.class, dialog).withCaption("Initial password").single();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("at least 10 characters");
        assertThat(dialog.isOpened()).isTrue();
    }

    @Test
    void disablingAUserIsAuditedWithBeforeAndAfter() {
        users.createIfAbsent("temp.worker", "Temp Worker", "temp-worker-pass", Set.of(Role.DISTRIBUTOR));
        navigate("admin/users", Component.class);
        @SuppressWarnings("unchecked")
        Grid<UserAccountView> grid = $(Grid.class).single();
        var gridTester = test(grid);
        int row = -1;
        for (int i = 0; i < gridTester.size(); i++) {
            if (gridTester.getRow(i).username().equals("temp.worker")) {
                row = i;
            }
        }
        var actions = (HorizontalLayout) gridTester.getCellComponent(row, "actions");
        test($(Button.class, actions).withText("Disable").single()).click();
        // disabling asks first (issue 16 item 6)
        assertThat(users.findByUsername("temp.worker").orElseThrow().enabled()).isTrue();
        test($(Button.class).withText("Disable user").single()).click();

        assertThat(users.findByUsername("temp.worker").orElseThrow().enabled()).isFalse();
        var entry = audit.find(new AuditQuery("user.disabled"), PageRequest.of(0, 10)).getFirst();
        assertThat(entry.subjectId()).isEqualTo("temp.worker");
        assertThat(entry.before()).contains("\"enabled\":true");
        assertThat(entry.after()).contains("\"enabled\":false");
    }

    @Test
    void theLastAdministratorCannotBeDisabled() {
        var admin = users.findByUsername("admin").orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.setEnabled(admin.id(), admin.version(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last enabled administrator");
    }
}
