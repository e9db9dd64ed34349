package org.serialregistry.recall;

/** How far the remedy got for one affected unit. */
public enum RecallUnitState {
    IN_FIELD, RETURNED, REMEDIED
}
