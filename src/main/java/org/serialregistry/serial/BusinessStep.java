package org.serialregistry.serial;

/** CBV 2.0 business steps the registry records; {@link #cbv()} is the EPCIS name. */
public enum BusinessStep {
    COMMISSIONING, ENCODING, PACKING, SHIPPING, RECEIVING, RETAIL_SELLING, INSTALLING, INSPECTING,
    REPAIRING, REPLACING, HOLDING, DECOMMISSIONING, DESTROYING, OTHER;

    public String cbv() {
        return name().toLowerCase();
    }
}
