package org.serialregistry.factors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.factors.internal.FactorCrypto;
import org.serialregistry.serial.LabelExtras;
import org.serialregistry.shared.Gtin;
import org.springframework.stereotype.Service;

/**
 * The scratch-off code printed under the scratch layer of each label, for products whose units carry
 * one. Derived from the serial with a secret key (HMAC-SHA256), so labels and the label printer's
 * exports can be printed at any time; the registry stores no code, only when each was first checked.
 */
@Service
public class ScratchOffCodes implements LabelExtras {

    private final FactorCrypto crypto;
    private final SecondFactors factors;

    ScratchOffCodes(FactorCrypto crypto, SecondFactors factors) {
        this.crypto = crypto;
        this.factors = factors;
    }

    @Override
    public @Nullable LabelField fieldFor(Gtin gtin) {
        if (!factors.forProduct(gtin).carries(SecondFactor.SCRATCH_OFF)) {
            return null;
        }
        return new LabelField("Scratch-off code", serial -> crypto.scratchCode(gtin.value(), serial.value()));
    }
}
