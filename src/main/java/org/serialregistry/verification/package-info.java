/**
 * Public verification: the GS1 Digital Link resolver (HTML page and JSON answer), the scan log,
 * and the public counterfeit list. Reads serial's API; never waits on other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Verification")
@NullMarked
package org.serialregistry.verification;

import org.jspecify.annotations.NullMarked;
