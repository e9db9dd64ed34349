package org.serialregistry.verification;

/**
 * A scan as it sits in the scan log, with its position: the log's insertion sequence, which grows
 * with every row written by any replica (rows may become visible out of that order, as each
 * replica's writer commits its own batches).
 */
public record LoggedScan(long seq, UnitScanned scan) {
}
