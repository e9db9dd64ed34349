package org.serialregistry.serial;

/** What kind of product a GTIN is; thresholds of other modules are set per category. */
public enum ProductCategory {
    ELECTRONICS("Electronics"), MEDICAL_DEVICE("Medical device"), AUTOMOTIVE("Automotive");

    private final String label;

    ProductCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
