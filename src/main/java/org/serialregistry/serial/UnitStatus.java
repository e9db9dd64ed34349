package org.serialregistry.serial;

/**
 * Status of a unit, after the EU FMD pack states. STOLEN, DESTROYED and DECOMMISSIONED (the
 * original of a refurbished unit, which now carries a new serial) are terminal: a unit in such a
 * state takes no further change, and a code of such a unit seen in the field is suspect.
 */
public enum UnitStatus {
    ACTIVE, SUPPLIED, EXPORTED, SAMPLE, LOCKED, RECALLED, STOLEN, DESTROYED, DECOMMISSIONED;

    public boolean terminal() {
        return this == STOLEN || this == DESTROYED || this == DECOMMISSIONED;
    }

    /** Active units circulate normally; all other states deserve a word on the verification page. */
    public boolean active() {
        return this == ACTIVE || this == SUPPLIED;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
