package org.serialregistry.reporting;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** A report being written in the background to a temporary file. */
public final class ReportJob {

    private final UUID id;
    private final ReportFormat format;
    private final long total;
    private final Path file;
    private volatile long written;
    private volatile @Nullable String failure;
    private final CompletableFuture<Long> finished = new CompletableFuture<>();

    ReportJob(UUID id, ReportFormat format, long total, Path file) {
        this.id = id;
        this.format = format;
        this.total = total;
        this.file = file;
    }

    public UUID id() {
        return id;
    }

    public ReportFormat format() {
        return format;
    }

    /** Rows the report will have (counted when it started). */
    public long total() {
        return total;
    }

    public long written() {
        return written;
    }

    public Path file() {
        return file;
    }

    /** 0..1 for a progress bar. */
    public double progress() {
        return finished.isDone() ? 1.0 : total == 0 ? 0 : Math.min(1.0, written / (double) total);
    }

    public boolean done() {
        return finished.isDone();
    }

    public @Nullable String failure() {
        return failure;
    }

    /** Completes with the number of rows written (exceptionally if the job failed). */
    public CompletableFuture<Long> finished() {
        return finished;
    }

    void progress(long rows) {
        written = rows;
    }

    void done(long rows) {
        written = rows;
        finished.complete(rows);
    }

    void failed(String why) {
        failure = why;
        finished.completeExceptionally(new IllegalStateException(why));
    }
}
