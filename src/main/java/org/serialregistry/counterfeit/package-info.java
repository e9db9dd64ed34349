/**
 * Counterfeit detection: signals computed from the scan log and lifecycle events, off the
 * verification path; alert cases that group them by serial, lot or client; thresholds per
 * product category; the webhook for security tooling; the Counterfeit workspace. Confirming a
 * counterfeit puts the serial on verification's public counterfeit list.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Counterfeit detection")
@NullMarked
package org.serialregistry.counterfeit;

import org.jspecify.annotations.NullMarked;
