package org.serialregistry.counterfeit.internal;

import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.factors.SecondFactorFailed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Second factors that did not belong to the code they were read with (a copied NFC tap link, another
 * unit's tag or hologram, a scratch-off code used before) become signals in the serial's case.
 */
@Component
class SecondFactorSignals {

    private final SignalSink sink;

    SecondFactorSignals(SignalSink sink) {
        this.sink = sink;
    }

    @ApplicationModuleListener
    void on(SecondFactorFailed event) {
        SignalType type = switch (event.failure()) {
            case COPIED_TAG_LINK -> SignalType.COPIED_TAG_LINK;
            case TAG_NOT_THIS_UNIT -> SignalType.TAG_NOT_THIS_UNIT;
            case SCRATCH_CODE_REUSED -> SignalType.SCRATCH_CODE_REUSED;
            case SCRATCH_CODE_WRONG -> SignalType.SCRATCH_CODE_WRONG;
            case HOLOGRAM_NOT_THIS_UNIT -> SignalType.HOLOGRAM_NOT_THIS_UNIT;
        };
        sink.storeInCurrentTransaction(new NewSignal(type, type.severity(), event.serial(), event.gtin(), event.lot(),
                null, null, event.at(), event.detail(), java.util.List.of()));
    }
}
