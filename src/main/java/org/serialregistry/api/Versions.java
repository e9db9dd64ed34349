package org.serialregistry.api;

import org.jspecify.annotations.Nullable;

/** The version a client read, which every change of a versioned record must send back (optimistic locking). */
public final class Versions {

    private Versions() {
    }

    /**
     * @param what the record, in user words ("claim", "alert")
     * @throws IllegalArgumentException naming {@code version} when the request left it out
     */
    public static long required(@Nullable Long version, String what) {
        if (version == null) {
            throw new IllegalArgumentException("version: send the version of the " + what + " you read");
        }
        return version;
    }
}
