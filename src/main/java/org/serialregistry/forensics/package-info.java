/** Forensic review of suspect units: submissions, pre-checks, checklist, signed verdicts. */
@org.springframework.modulith.ApplicationModule(displayName = "Forensics")
package org.serialregistry.forensics;
