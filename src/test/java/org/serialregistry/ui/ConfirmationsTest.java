package org.serialregistry.ui;

import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.ApiKeyView;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAccountView;
import org.serialregistry.security.UserAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 6, one class of problem: an action that cannot be undone asks first, saying what it
 * will do; Cancel changes nothing; afterwards the screen says what happened. (The receipt with
 * missing and counterfeit units is covered in {@code DistributorReceivingViewTest}.)
 */
@IntegrationTest
@WithUserDetails("admin")
class ConfirmationsTest extends SpringBrowserlessTest {

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    UserAdministration users;

    @SuppressWarnings("unchecked")
    private int rowOf(Grid<?> grid, java.util.function.Predicate<Object> which) {
        var rows = test((Grid<Object>) grid);
        for (int i = 0; i < rows.size(); i++) {
            if (which.test(rows.getRow(i))) {
                return i;
            }
        }
        throw new AssertionError("row not found");
    }

    @Test
    void revokingAnApiKeyAsksFirstAndThenSaysCallsAreRefused() {
        var issued = apiKeys.create("Confirm test ERP", Role.PRODUCTION, "MFG-DE");
        long id = apiKeys.findAll().stream().filter(k -> k.name().equals("Confirm test ERP")).findFirst().orElseThrow().id();
        navigate("admin/api-keys", Component.class);
        Grid<?> grid = $(Grid.class).first();
        int row = rowOf(grid, k -> ((ApiKeyView) k).id() == id);

        test((Button) test(grid).getCellComponent(row, grid.getColumns().size() - 1)).click();
        var dialog = $(Dialog.class).single();
        assertThat(dialog.getElement().getTextRecursively()).contains("cannot be turned on again");
        $(Button.class, dialog).withText("Cancel").single().click();
        assertThat(apiKeys.findAll().stream().filter(k -> k.id() == id).findFirst().orElseThrow().active()).isTrue();

        test((Button) test(grid).getCellComponent(row, grid.getColumns().size() - 1)).click();
        $(Button.class, $(Dialog.class).last()).withText("Revoke key").single().click();

        assertThat(apiKeys.findAll().stream().filter(k -> k.id() == id).findFirst().orElseThrow().active()).isFalse();
        assertThat(test($(Notification.class).last()).getText()).contains("Confirm test ERP revoked")
                .contains("refused");
        assertThat(issued.token()).isNotBlank();
    }

    @Test
    void disablingAUserAsksFirstAndThenSaysTheyCanNoLongerSignIn() {
        users.createIfAbsent("confirm.me", "Connie Confirm", "confirm-me-pass", Set.of(Role.QUALITY));
        navigate("admin/users", Component.class);
        Grid<?> grid = $(Grid.class).first();
        int row = rowOf(grid, u -> ((UserAccountView) u).username().equals("confirm.me"));
        var actions = (HorizontalLayout) test(grid).getCellComponent(row, "actions");

        test($(Button.class, actions).withText("Disable").single()).click();
        var dialog = $(Dialog.class).single();
        assertThat(dialog.getElement().getTextRecursively()).contains("can no longer sign in");
        assertThat(users.findByUsername("confirm.me").orElseThrow().enabled()).isTrue();
        $(Button.class, dialog).withText("Disable user").single().click();

        assertThat(users.findByUsername("confirm.me").orElseThrow().enabled()).isFalse();
        assertThat(test($(Notification.class).last()).getText()).isEqualTo("confirm.me is disabled and can no longer sign in.");
    }
}
