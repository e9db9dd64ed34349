package org.serialregistry.verification;

/** What a verification answered, as recorded in the scan log. */
public enum ScanOutcome {
    /** Genuine and in circulation. */
    GENUINE,
    /** Genuine code of a unit that is recalled, stolen, destroyed or otherwise not in circulation. */
    GENUINE_WITH_WARNING,
    /** The code fails its cryptographic check. */
    FORGED,
    /** On the public counterfeit list. */
    LISTED_COUNTERFEIT,
    /** A valid tag for a serial the registry never issued: a leaked key. */
    NOT_ISSUED,
    /** The serial exists for another GTIN or lot. */
    MISMATCH,
    /** Not shaped like a code at all (length, characters, check digit). */
    MALFORMED
}
