package org.serialregistry.forensics;

/**
 * Too many images are being decoded right now: the upload was not looked at and may be sent again
 * after {@link #retryAfterSeconds()}. Nothing was stored.
 */
public class DecodingBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public DecodingBusyException(int limit, long retryAfterSeconds) {
        super("codePhoto: the registry is reading " + limit + " other images right now (at most " + limit
                + " at once); please send it again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
