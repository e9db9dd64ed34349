package org.serialregistry.warranty.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.warranty.ClaimConflictException;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.SignatureMeaning;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Electronic signature of a decision (21 CFR Part 11): the signer's printed name, the meaning, and
 * the password entered again. The decision runs only when the password matches. The reason is
 * checked before the password, every refusal is shown at its field, and the dialog stays open with
 * what was written until the decision went through.
 */
class SignatureDialog extends Dialog {

    record Signature(SignatureMeaning meaning, String note, String password) {
    }

    final FieldErrors errors = new FieldErrors();

    SignatureDialog(String printedName, ClaimDecision decision, String subject, Consumer<Signature> sign) {
        // sign throws to refuse: the dialog then stays open and shows why
        boolean approve = decision == ClaimDecision.APPROVED;
        setHeaderTitle((approve ? "Approve " : "Deny ") + subject);
        var meaning = new Select<SignatureMeaning>();
        meaning.setLabel("Meaning of signature");
        meaning.setItems(SignatureMeaning.values());
        meaning.setItemLabelGenerator(SignatureMeaning::label);
        meaning.setValue(approve ? SignatureMeaning.APPROVAL : SignatureMeaning.REVIEW);
        var note = new TextArea(approve ? "Note (optional)" : "Reason for denial");
        note.setMaxLength(1000);
        note.setWidthFull();
        var password = new PasswordField("Password");
        password.setHelperText("Enter your password again to sign");
        var who = new Paragraph("Signed by " + printedName + ", now.");
        errors.bind("meaning", meaning).bind("note", note).bind("password", password);
        var confirm = new Button(approve ? "Sign and approve" : "Sign and deny", e -> {
            errors.clear();
            try {
                sign.accept(new Signature(meaning.getValue(), note.getValue(), password.getValue()));
                close();
            } catch (IllegalArgumentException | ClaimConflictException refused) {
                errors.show(refused);
            } catch (ConcurrencyFailureException changed) {
                errors.show(new IllegalArgumentException("Someone else changed this claim meanwhile. Cancel and "
                        + "reload it before deciding."));
            }
        });
        confirm.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        var layout = new VerticalLayout(who, meaning, note, password, errors.summary());
        layout.setPadding(false);
        add(layout);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
