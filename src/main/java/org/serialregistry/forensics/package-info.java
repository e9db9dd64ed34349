/** Forensic review of suspect units: submissions, pre-checks, checklist, signed verdicts. */
@org.springframework.modulith.ApplicationModule(displayName = "Forensics")
@NullMarked
package org.serialregistry.forensics;

import org.jspecify.annotations.NullMarked;
