package org.serialregistry.audit;

/** The formats the audit trail exports to. */
public enum AuditExportFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    AuditExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** @throws IllegalArgumentException naming {@code format} for anything but csv or xlsx */
    public static AuditExportFormat of(String value) {
        if (value != null) {
            for (var f : values()) {
                if (f.extension.equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("format: csv or xlsx, got '" + (value == null ? "" : value) + "'");
    }
}
