package org.serialregistry.warranty;

/**
 * The result of one adjudication check.
 *
 * @param onFailure what this check does when it fails (configured when the claim was judged)
 * @param detail    plain words with the figures used, e.g. "Failure on 2026-11-02 is after cover ended on 2026-10-31"
 */
public record CheckResult(ClaimCheck check, boolean passed, FailureAction onFailure, String detail) {
}
