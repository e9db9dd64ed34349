package org.serialregistry.audit;

/**
 * A hash chain whose head is checkpointed: each module with a chained log offers one bean. The
 * checkpoint scheduler signs {@link #head()} of each regularly.
 */
public interface ChainHead {

    /** Short name of the chain, e.g. "lifecycle" or "audit". */
    String chain();

    /** The newest entry's sequence number and MAC (0 and 64 zeros for an empty chain). */
    Head head();

    record Head(long sequence, String mac) {
    }
}
