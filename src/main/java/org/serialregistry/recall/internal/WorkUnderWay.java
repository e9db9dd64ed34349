package org.serialregistry.recall.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What this instance has queued or running on the shared executor, by key (a campaign's id, the
 * notifier's round): at most one piece of work per key, and a shutdown that waits for the work under
 * way. The job and the notifier run on the application's pool, not on threads of their own, so this
 * is what keeps their "one at a time" promise.
 */
final class WorkUnderWay {

    private final Set<Object> keys = new HashSet<>();

    /** @return true when no work for {@code key} was under way; the caller then owns it until {@link #end} */
    synchronized boolean begin(Object key) {
        return keys.add(key);
    }

    synchronized void end(Object key) {
        keys.remove(key);
        notifyAll();
    }

    synchronized boolean isUnderWay(Object key) {
        return keys.contains(key);
    }

    /** Waits until nothing is under way, at most {@code max}; false if something still is (or on interrupt). */
    synchronized boolean awaitNone(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!keys.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return keys.toString();
    }
}
