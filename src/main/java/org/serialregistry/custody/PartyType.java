package org.serialregistry.custody;

/** The kinds of party a unit passes through on its way to the end customer. */
public enum PartyType {
    MANUFACTURER_SITE("Manufacturer site"), DISTRIBUTOR("Distributor"), RETAILER("Retailer"),
    SERVICE_CENTRE("Service centre");

    private final String label;

    PartyType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
