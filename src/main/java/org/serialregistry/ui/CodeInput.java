package org.serialregistry.ui;

import java.util.Optional;

import com.vaadin.flow.component.textfield.TextField;
import org.serialregistry.shared.UnitCode;

/**
 * The input for one unit's code on every screen: it takes what a scanner or a person writes (a
 * serial in any case, a Digital Link, a GS1 element string) and reads it with the one shared
 * {@link UnitCode} reader; a problem is shown at the field in words.
 */
public final class CodeInput {

    public static final String HELPER = "Serial, Digital Link or GS1 code, as scanned or typed";

    private CodeInput() {
    }

    /** Makes {@code field} a code input: wide enough for a link, with a helper saying what it takes. */
    public static TextField configure(TextField field) {
        field.setManualValidation(true);
        field.setMaxLength(UnitCode.MAX_INPUT);
        field.setClearButtonVisible(true);
        if (field.getHelperText() == null) {
            field.setHelperText(HELPER);
        }
        field.setMinWidth("min(24rem, 100%)");
        return field;
    }

    /**
     * Adds "Scan with camera" to {@code field}: the decoded code is put in the field and read like a
     * typed one; when it reads, {@code then} runs (the screen's own action, such as looking the unit up).
     */
    public static TextField withCamera(TextField field, Runnable then) {
        field.setSuffixComponent(CameraScan.button(text -> {
            field.setValue(text);
            if (read(field).isPresent()) {
                then.run();
            }
        }));
        return field;
    }

    /** The code in {@code field}, or empty with the problem shown at the field. */
    public static Optional<UnitCode> read(TextField field) {
        try {
            var code = UnitCode.parse(field.getValue());
            field.setInvalid(false);
            return Optional.of(code);
        } catch (IllegalArgumentException e) {
            field.setErrorMessage(FieldErrors.sentence(e.getMessage()));
            field.setInvalid(true);
            return Optional.empty();
        }
    }
}
