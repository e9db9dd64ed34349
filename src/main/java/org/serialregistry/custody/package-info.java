/** Custody: parties, shipments and receipts, the chain of custody, diversion. */
@org.springframework.modulith.ApplicationModule(displayName = "Custody")
@NullMarked
package org.serialregistry.custody;

import org.jspecify.annotations.NullMarked;
