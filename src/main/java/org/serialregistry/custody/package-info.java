/** Custody: parties, shipments and receipts, the chain of custody, diversion. */
@org.springframework.modulith.ApplicationModule(displayName = "Custody")
package org.serialregistry.custody;
