package org.serialregistry.warranty;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The defect-code catalogue used by policies, claims and quality figures. */
public enum DefectCode {
    DISPLAY("Display"),
    BATTERY("Battery"),
    POWER("Power supply"),
    SENSOR("Sensor"),
    MECHANICAL("Mechanical"),
    CONNECTIVITY("Connectivity"),
    SOFTWARE("Software"),
    LEAK("Leak or seal"),
    WATER_DAMAGE("Water damage"),
    PHYSICAL_DAMAGE("Physical damage"),
    OTHER("Other");

    private final String label;

    DefectCode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a code as users type it ("display", "Water damage", "WATER_DAMAGE"). */
    public static DefectCode parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": name a defect code (" + all() + ")");
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (DefectCode c : values()) {
            if (c.name().equals(t) || c.label.toUpperCase(Locale.ROOT).replace(' ', '_').equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException(field + ": unknown defect code '" + text.strip() + "'; known: " + all());
    }

    private static String all() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
