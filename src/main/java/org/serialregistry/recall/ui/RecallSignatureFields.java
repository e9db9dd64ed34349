package org.serialregistry.recall.ui;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import org.serialregistry.recall.RecallSignature;
import org.serialregistry.recall.SignatureMeaning;

/** The signature part of a campaign decision: its meaning and the signer's password entered again. */
class RecallSignatureFields extends HorizontalLayout {

    final Select<SignatureMeaning> meaning = new Select<>();
    final PasswordField password = new PasswordField("Password");

    RecallSignatureFields() {
        meaning.setLabel("Meaning of signature");
        meaning.setItems(SignatureMeaning.values());
        meaning.setItemLabelGenerator(m -> m.name().charAt(0) + m.name().substring(1).toLowerCase());
        meaning.setValue(SignatureMeaning.APPROVAL);
        password.setHelperText("Enter your password again to sign");
        setPadding(false);
        add(meaning, password);
    }

    RecallSignature signature() {
        return new RecallSignature(null, meaning.getValue(), password.getValue());
    }
}
