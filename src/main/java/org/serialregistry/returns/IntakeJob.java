package org.serialregistry.returns;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** A large return being taken in on a background thread: lines done so far, then the return. */
public final class IntakeJob {

    private final String rmaNumber;
    private final int total;
    private volatile int done;
    private volatile @Nullable String failure;
    private final CompletableFuture<ReturnView> finished = new CompletableFuture<>();

    IntakeJob(String rmaNumber, int total) {
        this.rmaNumber = rmaNumber;
        this.total = total;
    }

    public String rmaNumber() {
        return rmaNumber;
    }

    public int total() {
        return total;
    }

    public int done() {
        return done;
    }

    /** 0..1 for a progress bar. */
    public double progress() {
        return finished.isDone() ? 1.0 : total == 0 ? 0 : Math.min(1.0, done / (double) total);
    }

    public boolean finished() {
        return finished.isDone();
    }

    public @Nullable String failure() {
        return failure;
    }

    /** Completes with the return and all its lines (exceptionally if the intake failed). */
    public CompletableFuture<ReturnView> result() {
        return finished;
    }

    void progressed(int lines) {
        done = lines;
    }

    void completed(ReturnView view) {
        done = total;
        finished.complete(view);
    }

    void failed(String why) {
        failure = why;
        finished.completeExceptionally(new IllegalStateException(why));
    }
}
