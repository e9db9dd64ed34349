package org.serialregistry.warranty;

/** What a registration did: the stored registration (ACTIVE, or CONFLICT for review) and words for the person. */
public record RegistrationOutcome(OwnershipView registration, boolean created, String message) {

    public boolean effective() {
        return registration.status() == RegistrationStatus.ACTIVE;
    }
}
