package org.serialregistry.warranty;

/**
 * State of an ownership registration. A unit has at most one ACTIVE registration; a registration
 * by a different person while one is active is kept as CONFLICT until someone reviews it.
 */
public enum RegistrationStatus {
    ACTIVE, CONFLICT, TRANSFERRED, SUPERSEDED, REJECTED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
