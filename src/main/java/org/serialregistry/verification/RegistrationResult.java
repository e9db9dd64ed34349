package org.serialregistry.verification;

/** The answer shown to the person who registered. */
public record RegistrationResult(boolean accepted, String message) {
}
