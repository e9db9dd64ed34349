package org.serialregistry.custody;

/** A transfer refused because the sender does not hold the units; the refusal is stored as a signal. */
public class CustodyRefusedException extends IllegalArgumentException {

    private final long refusalId;

    public CustodyRefusedException(String message, long refusalId) {
        super(message);
        this.refusalId = refusalId;
    }

    public long refusalId() {
        return refusalId;
    }
}
