package org.serialregistry.serial;

/** Where a batch is: queued and running batches have no units yet (a batch is all or nothing). */
public enum BatchStatus {
    QUEUED, RUNNING, COMPLETED, FAILED
}
