package org.serialregistry.warranty;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Someone else decided or changed the claim since it was read; the message says who and what. An
 * optimistic-locking failure, so the API answers 409 with this message.
 */
public class ClaimConflictException extends OptimisticLockingFailureException {

    public ClaimConflictException(String message) {
        super(message);
    }
}
