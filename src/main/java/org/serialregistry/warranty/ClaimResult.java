package org.serialregistry.warranty;

import java.util.List;

/**
 * The answer to a submitted claim: the claim with its decision and every check.
 *
 * @param created false when the submitter's reference named an earlier claim, which is returned instead
 */
public record ClaimResult(ClaimView claim, List<CheckResult> checks, boolean created) {
}
