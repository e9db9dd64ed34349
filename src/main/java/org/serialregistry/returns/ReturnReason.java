package org.serialregistry.returns;

/** Why a unit comes back, as the returning party states it. */
public enum ReturnReason {
    DEFECTIVE("Defective"), DAMAGED_IN_TRANSIT("Damaged in transit"), WRONG_ITEM("Wrong item"),
    NOT_WANTED("Not wanted (commercial return)"), END_OF_LEASE("End of lease");

    private final String label;

    ReturnReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The reason as written in a sheet or a request: the name or the label, any case; null if none fits. */
    public static ReturnReason parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace(' ', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        for (var r : values()) {
            if (r.name().equals(t) || r.label.replace(' ', '_').toUpperCase(java.util.Locale.ROOT).equals(t)) {
                return r;
            }
        }
        return null;
    }
}
