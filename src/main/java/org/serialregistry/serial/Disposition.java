package org.serialregistry.serial;

/** CBV 2.0 dispositions the registry records; {@link #cbv()} is the EPCIS name. */
public enum Disposition {
    ACTIVE, IN_TRANSIT, SELLABLE_ACCESSIBLE, RETAIL_SOLD, IN_PROGRESS, RETURNED, DAMAGED, RECALLED, STOLEN,
    EXPIRED, DESTROYED, DISPOSED, NON_CONFORMANT, INACTIVE;

    public String cbv() {
        return name().toLowerCase();
    }
}
