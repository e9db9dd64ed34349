package org.serialregistry.serial;

/**
 * Status of a unit, after the EU FMD pack states. STOLEN, DESTROYED, DECOMMISSIONED (the original
 * of a refurbished unit, which now carries a new serial) and ARCHIVED are terminal: a unit in any of
 * them takes no further change (a destroyed unit may still be archived), and a code of such a unit
 * seen in the field is suspect. ARCHIVED is the end of life: the record and history are kept, the
 * unit leaves the working lists, the public page answers "end of life".
 */
public enum UnitStatus {
    ACTIVE, SUPPLIED, EXPORTED, SAMPLE, LOCKED, RECALLED, STOLEN, DESTROYED, DECOMMISSIONED, ARCHIVED;

    public boolean terminal() {
        return this == STOLEN || this == DESTROYED || this == DECOMMISSIONED || this == ARCHIVED;
    }

    /** Active units circulate normally; all other states deserve a word on the verification page. */
    public boolean active() {
        return this == ACTIVE || this == SUPPLIED;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
