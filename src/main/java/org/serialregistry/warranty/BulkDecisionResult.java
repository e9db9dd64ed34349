package org.serialregistry.warranty;

import java.util.List;

/** How a bulk decision went: claims decided and, per claim that was not, why. */
public record BulkDecisionResult(int decided, List<String> problems) {
}
