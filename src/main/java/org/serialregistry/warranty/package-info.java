/** Warranty: policies, ownership registration, coverage, claims and their automatic adjudication. */
@org.springframework.modulith.ApplicationModule(displayName = "Warranty")
package org.serialregistry.warranty;
