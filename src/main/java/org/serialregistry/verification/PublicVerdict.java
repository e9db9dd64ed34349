package org.serialregistry.verification;

/**
 * What the public is told, one level coarser than {@link ScanOutcome}: a forged code, a code the
 * registry never issued and a code not in our format all read "not genuine", so that the answer
 * never says which check failed.
 */
public enum PublicVerdict {
    /** Genuine and in circulation. */
    GENUINE,
    /** Genuine code, but the unit is recalled, reported stolen or destroyed, locked, expired... */
    GENUINE_WITH_WARNING,
    /** Not issued by the manufacturer. */
    NOT_GENUINE,
    /** On the public counterfeit list. */
    REPORTED_COUNTERFEIT,
    /** The serial belongs to another GTIN, lot or expiry date than the label states. */
    MISMATCH,
    /** Not a well-formed GS1 code at all (bad check digit, characters, length). */
    INVALID
}
