package org.serialregistry.factors;

import java.util.List;

/** An all-or-nothing import: how many rows were taken, or every rejected row with its reason (nothing taken). */
public record ImportReport(int imported, List<String> rejected) {
    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    public boolean accepted() {
        return rejected.isEmpty();
    }
}
