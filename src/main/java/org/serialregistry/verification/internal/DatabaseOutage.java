package org.serialregistry.verification.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.serialregistry.shared.Databases;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Whether the public path should leave the database alone for a moment. When a request could not get
 * a connection, the next requests for {@link OutageProperties#backoff()} answer from memory or with a
 * quick 503 instead of each waiting for the pool's connection timeout, which under load would tie up
 * every web thread. The first request after the back-off tries the database again, so the path
 * recovers by itself when the database returns.
 */
@Component
public class DatabaseOutage {

    private final long backoffNanos;
    private final Counter unavailable;
    private volatile long quietUntil = System.nanoTime();

    DatabaseOutage(OutageProperties properties, MeterRegistry meters) {
        this.backoffNanos = properties.backoff().toNanos();
        this.unavailable = Counter.builder("verification.database.unavailable")
                .description("Public requests answered 503 because the database could not be reached")
                .register(meters);
    }

    /** True while a recent connection failure says: do not wait for the database now. */
    public boolean suspected() {
        return System.nanoTime() - quietUntil < 0;
    }

    /** Records a failure; true when it means the database cannot be reached (not a bug in a query). */
    public boolean failed(RuntimeException e) {
        if (!unreachable(e)) {
            return false;
        }
        quietUntil = System.nanoTime() + backoffNanos;
        return true;
    }

    /** Counts a public answer given as 503 for want of the database. */
    void answeredUnavailable() {
        unavailable.increment();
    }

    /** Connection refused, pool timed out, no transaction could start, the server went away. */
    public static boolean unreachable(Throwable e) {
        return Databases.unreachable(e);
    }

    /** Thrown instead of asking the database while it is suspected to be away. */
    public static class DatabaseUnavailableException extends DataAccessResourceFailureException {
        public DatabaseUnavailableException() {
            super("the database was unreachable a moment ago; not asked again yet");
        }
    }
}
