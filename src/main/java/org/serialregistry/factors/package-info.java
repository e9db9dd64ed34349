/**
 * Second factors on the unit: NFC tags (NXP NTAG 424 DNA with SUN messages), scratch-off codes
 * and hologram numbers. Which factors a product's units carry, the binding of tags and holograms
 * to units, and the check of what a buyer read. Reads serial's API; verification asks it to check
 * the readings of a tap or a form, and counterfeit listens to {@link org.serialregistry.factors.SecondFactorFailed}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Second factors")
@NullMarked
package org.serialregistry.factors;

import org.jspecify.annotations.NullMarked;
