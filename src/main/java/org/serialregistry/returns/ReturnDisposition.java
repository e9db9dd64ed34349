package org.serialregistry.returns;

/**
 * What happens to a returned unit. QUARANTINE is not chosen by rules: it is the intake's answer for
 * a counterfeit code, a listed or inactive unit, or a unit from a party it was never sold or shipped
 * to; such a unit is held for investigation and not refunded.
 */
public enum ReturnDisposition {
    RESTOCK("Restock"), REPAIR("Repair"), REFURBISH("Refurbish"), RETURN_TO_SUPPLIER("Return to supplier"),
    SCRAP("Scrap"), QUARANTINE("Quarantine");

    private final String label;

    ReturnDisposition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
