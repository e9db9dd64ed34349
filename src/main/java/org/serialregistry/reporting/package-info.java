/**
 * Reporting: exports that read other modules' APIs, such as the custody report (Excel and EPCIS
 * 2.0 JSON-LD). Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting")
@NullMarked
package org.serialregistry.reporting;

import org.jspecify.annotations.NullMarked;
