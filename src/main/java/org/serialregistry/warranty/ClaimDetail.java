package org.serialregistry.warranty;

import java.util.List;

/** A claim with every check, signature and evidence file. */
public record ClaimDetail(ClaimView claim, List<CheckResult> checks, List<SignatureView> signatures,
                          List<EvidenceFile> evidence) {

    /** The failed checks, in plain words. */
    public List<String> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).map(c -> c.check().label() + ": " + c.detail()).toList();
    }
}
