/** Warranty: policies, ownership registration, coverage, claims and their automatic adjudication. */
@org.springframework.modulith.ApplicationModule(displayName = "Warranty")
@NullMarked
package org.serialregistry.warranty;

import org.jspecify.annotations.NullMarked;
