package org.serialregistry.quality;

/** How claim rates are grouped. */
public enum RateDimension {
    LOT("Lot"), LINE("Line"), FACILITY("Facility"), PRODUCT("Product"), DEFECT("Defect code");

    private final String label;

    RateDimension(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
