package org.serialregistry.serial;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;

/**
 * Extra text printed on a unit's label and written to the exports for the label printer, supplied by
 * a module that serial must not depend on (the scratch-off code of the second factors). Optional:
 * without an implementation, labels carry the code only.
 */
public interface LabelExtras {

    /** One more field on each label of a product: its heading and the value per unit. */
    record LabelField(String heading, Function<SerialNumber, String> valueOf) {
    }

    /** The extra field for this product's labels, or null when its labels carry none. */
    @Nullable LabelField fieldFor(Gtin gtin);
}
