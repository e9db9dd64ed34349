package org.serialregistry.forensics;

import org.jspecify.annotations.Nullable;

/** One checklist item with its result and the reviewer's note. */
public record ChecklistEntry(ChecklistItem item, CheckResult result, @Nullable String note) {
}
