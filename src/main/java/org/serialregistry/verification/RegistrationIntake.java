package org.serialregistry.verification;

/**
 * Implemented by the warranty module: takes an ownership registration from the public form that
 * verification serves ({@code ?linkType=gs1:registerProduct}). Throws IllegalArgumentException
 * naming the field for bad input.
 */
public interface RegistrationIntake {

    RegistrationResult register(PublicRegistration registration);
}
