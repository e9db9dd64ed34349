package org.serialregistry.forensics;

/** Inspection headings after SAE AS6171 (test methods for suspect counterfeit parts). */
public enum ChecklistItem {
    EXTERNAL_VISUAL_INSPECTION("External visual inspection"),
    MARKING_AND_LABEL_PRINT("Marking and label print"),
    PACKAGING("Packaging"),
    DIMENSIONS_AND_WEIGHT("Dimensions and weight"),
    COMPONENT_SERIALS_MATCH("Component serials match"),
    FURTHER_LAB_TESTS("Further lab tests (X-ray, XRF, ...)");

    private final String label;

    ChecklistItem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
