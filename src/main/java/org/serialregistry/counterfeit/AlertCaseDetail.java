package org.serialregistry.counterfeit;

import java.util.List;

/** A case with its evidence (signals and their scans) and its notes, oldest first. */
public record AlertCaseDetail(AlertCaseSummary summary, List<SignalView> signals, List<CaseNote> notes) {
}
