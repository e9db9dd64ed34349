/**
 * Serial issuance: products, facilities and production lines; cryptographic serials; units and
 * their immutable production records; the append-only lifecycle event log; labels. Every other
 * module refers to a unit by GTIN and serial through this module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Serial issuance")
@NullMarked
package org.serialregistry.serial;

import org.jspecify.annotations.NullMarked;
