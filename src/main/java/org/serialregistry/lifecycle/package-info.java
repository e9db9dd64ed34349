/**
 * End of life and status changes: scrap or destroy units with a reason and evidence, archive them
 * (end of life: the record and history stay), report one's own units stolen (scoped by custody),
 * undo a decommissioning within a configurable window (same party), and correct any status change
 * by a signed EPCIS error declaration, never by an edit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "End of life")
@NullMarked
package org.serialregistry.lifecycle;

import org.jspecify.annotations.NullMarked;
