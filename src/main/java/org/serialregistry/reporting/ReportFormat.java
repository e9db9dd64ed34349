package org.serialregistry.reporting;

/** Formats of the custody report. */
public enum ReportFormat {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    EPCIS("json", "application/ld+json");

    private final String extension;
    private final String contentType;

    ReportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses {@code xlsx} or {@code epcis} (as the API's {@code format} parameter). */
    public static ReportFormat of(String raw) {
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("xlsx")) {
            return XLSX;
        }
        if (raw.equalsIgnoreCase("epcis") || raw.equalsIgnoreCase("json") || raw.equalsIgnoreCase("jsonld")) {
            return EPCIS;
        }
        throw new IllegalArgumentException("format: xlsx or epcis");
    }
}
