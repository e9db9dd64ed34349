/**
 * Append-only audit trail of every change made through the portal or the API: who, when, what,
 * the state before and after. Depends on no feature; every feature records into it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
@NullMarked
package org.serialregistry.audit;

import org.jspecify.annotations.NullMarked;
