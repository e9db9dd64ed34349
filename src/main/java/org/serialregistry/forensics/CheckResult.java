package org.serialregistry.forensics;

/** Outcome of one checklist item. */
public enum CheckResult {
    PASS, FAIL, NOT_DONE
}
