package org.serialregistry.verification;

import java.util.List;

/**
 * A batch of scans was committed to the scan log (published once per flush, off the request
 * path). Counterfeit detection listens to this; the list is in the order scans happened.
 */
public record ScansRecorded(List<UnitScanned> scans) {
}
