package org.serialregistry.warranty;

/** Someone else decided or changed the claim since it was read; the message says who and what. */
public class ClaimConflictException extends RuntimeException {

    public ClaimConflictException(String message) {
        super(message);
    }
}
