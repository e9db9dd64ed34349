package org.serialregistry.recall;

/** The meaning of an electronic signature on a campaign decision (21 CFR 11.50). */
public enum SignatureMeaning {
    APPROVAL, RESPONSIBILITY
}
