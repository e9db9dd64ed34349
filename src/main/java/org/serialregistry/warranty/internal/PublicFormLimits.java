package org.serialregistry.warranty.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caps of the anonymous registration form ({@code serial-registry.warranty.public-form.*}): each
 * registration with a proof of purchase stores up to 1 MB that nobody has vouched for.
 *
 * @param proofsPerUnitPerDay   registrations with a proof kept per unit per UTC day
 * @param proofsPerClientPerDay registrations with a proof kept per client (keyed address) per UTC day
 */
@ConfigurationProperties("serial-registry.warranty.public-form")
public record PublicFormLimits(@DefaultValue("3") int proofsPerUnitPerDay, @DefaultValue("10") int proofsPerClientPerDay) {
}
