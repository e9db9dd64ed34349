package org.serialregistry.counterfeit;

/**
 * What a signal says, with its default severity and what it groups by. The last three come from
 * other modules (warranty claims, custody transfers) and are wired at merge; see
 * {@code counterfeit.internal.ExternalSignals}.
 */
public enum SignalType {
    NOT_ISSUED("Unknown serial with a valid tag (key leak?)", Severity.CRITICAL, Grouping.SERIAL),
    FORGED_CODE("Code failing its cryptographic check, seen in several sessions", Severity.HIGH, Grouping.SERIAL),
    ENUMERATION("Burst of forged or malformed codes from one client", Severity.HIGH, Grouping.CLIENT),
    SCAN_COUNT("Scanned in too many distinct sessions", Severity.HIGH, Grouping.SERIAL),
    GEO_ANOMALY("Scanned farther apart than travel allows", Severity.HIGH, Grouping.SERIAL),
    OFF_MARKET("Scanned outside its intended market", Severity.MEDIUM, Grouping.SERIAL),
    SCANNED_WHILE_INACTIVE("Scanned after it was destroyed or reported stolen", Severity.CRITICAL, Grouping.SERIAL),
    NEW_COUNTRY("First scan of this product in a country", Severity.LOW, Grouping.SERIAL),
    DUPLICATE_CLAIM("Duplicate warranty claim", Severity.MEDIUM, Grouping.SERIAL),
    SERIAL_HOPPING_CLAIM("Warranty claims hopping between serials", Severity.HIGH, Grouping.SERIAL),
    REFUSED_TRANSFER("Custody transfer refused", Severity.MEDIUM, Grouping.SERIAL),
    FORENSIC_VERDICT("Forensic verdict: counterfeit", Severity.HIGH, Grouping.SERIAL),
    COPIED_TAG_LINK("NFC tap link replayed or copied (read counter did not go up)", Severity.CRITICAL, Grouping.SERIAL),
    TAG_NOT_THIS_UNIT("NFC tag of another unit, unknown, or with a wrong key", Severity.HIGH, Grouping.SERIAL),
    SCRATCH_CODE_REUSED("Scratch-off code checked again after its first use", Severity.HIGH, Grouping.SERIAL),
    SCRATCH_CODE_WRONG("Scratch-off code that is not the unit's", Severity.MEDIUM, Grouping.SERIAL),
    HOLOGRAM_NOT_THIS_UNIT("Hologram number seen with a code it does not belong to", Severity.HIGH, Grouping.SERIAL),
    SUSPECT_RETURN("Returned unit quarantined: not genuine, inactive, or from an unexpected party", Severity.HIGH,
            Grouping.SERIAL);

    /** What signals of a type are grouped by, before falling back to the lot. */
    public enum Grouping { SERIAL, CLIENT }

    private final String label;
    private final Severity severity;
    private final Grouping grouping;

    SignalType(String label, Severity severity, Grouping grouping) {
        this.label = label;
        this.severity = severity;
        this.grouping = grouping;
    }

    public String label() {
        return label;
    }

    public Severity severity() {
        return severity;
    }

    public Grouping grouping() {
        return grouping;
    }

    /** Signals about one serial: confirming their case as counterfeit lists the serial. */
    public boolean aboutSerial() {
        return grouping == Grouping.SERIAL;
    }

    /**
     * What a signal suggests: copies (counterfeit), genuine goods in the wrong place (diversion)
     * or claim fraud. Signals of different serials of one lot share a case only within a family,
     * so confirming a lot of clones never lists merely diverted units.
     */
    public String family() {
        return switch (this) {
            case OFF_MARKET, NEW_COUNTRY, REFUSED_TRANSFER -> "DIVERSION";
            case DUPLICATE_CLAIM, SERIAL_HOPPING_CLAIM -> "CLAIMS";
            default -> "COUNTERFEIT";
        };
    }
}
