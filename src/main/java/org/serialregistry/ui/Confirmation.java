package org.serialregistry.ui;

import java.util.function.Supplier;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Asks before an action that cannot be undone, saying what it will do, and afterwards says what
 * it did. The action runs only on the explicit confirm button; Cancel and Escape do nothing. A
 * refusal by the service is shown in the dialog, which then stays open.
 */
public final class Confirmation extends Dialog {

    private final Paragraph problem = new Paragraph();

    /**
     * @param title       the question, such as "Revoke API key SAP line 3?"
     * @param consequence what will happen, in words, including that it cannot be undone
     * @param confirm     the button's text, naming the action ("Revoke key")
     * @param action      does it and returns what happened, shown to the user afterwards
     */
    public Confirmation(String title, String consequence, String confirm, Supplier<String> action) {
        setHeaderTitle(title);
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        add(new Paragraph(consequence), problem);
        var go = new Button(confirm, e -> {
            try {
                String happened = action.get();
                close();
                Notifications.success(happened);
            } catch (IllegalArgumentException | IllegalStateException refused) {
                problem.setText(FieldErrors.readable(refused.getMessage()));
                problem.setVisible(true);
            }
        });
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        var cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, go);
        setCloseOnOutsideClick(false);
    }

    /** Opens a confirmation; see {@link #Confirmation(String, String, String, Supplier)}. */
    public static Confirmation ask(String title, String consequence, String confirm, Supplier<String> action) {
        var dialog = new Confirmation(title, consequence, confirm, action);
        dialog.open();
        return dialog;
    }
}
