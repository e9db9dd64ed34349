package org.serialregistry.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * The serials that have some fact on record (an ownership registration, a retail sale, a refurbishment), kept
 * in memory so that the public answer can tell "certainly none" without asking the database: at registry size
 * most units have none of these facts, and each question was a query of every verification that missed the
 * caches. A Bloom filter (Guava): never a wrong "none"; about 1 % "maybe" for serials without the fact, which
 * are then asked about as before.
 *
 * <p>Filled from the database off the startup thread; until then every answer is "maybe". Then refreshed every
 * {@code interval}. An append-only {@link Source} is followed from the ids it has seen: each refresh reads the
 * rows after the newest id seen {@value #LOOK_BACK} refreshes earlier, and at least the last {@value #MARGIN}
 * ids again, so that a row another replica committed out of id order is still found; one committed later than
 * that is found by the full read every {@link #FULL_RELOAD}. A {@link #reloading} source (rows that change in
 * place) is read whole every interval. A set that grew past the size its filter was made for is read whole
 * into a filter twice that size at the next refresh. This instance's own writes are {@link #add added} at once.
 * So another replica's fact is seen about one interval late: the same as the public page's other caches. Only
 * the public path asks; decisions (claim adjudication) always read the database.
 */
public final class KnownSerials {

    private static final Logger log = LoggerFactory.getLogger(KnownSerials.class);
    /** The tail always reads this many of the newest ids again. */
    static final long MARGIN = 100;
    /** The tail reads from the newest id seen this many refreshes ago. */
    static final int LOOK_BACK = 5;
    /** An append-only set is read whole again after this long. */
    static final Duration FULL_RELOAD = Duration.ofHours(1);
    private static final int PAGE = 100_000;

    /** Rows of a fact with an increasing id: those after {@code afterId}, in id order, at most {@code limit}. */
    public interface Source {
        List<Row> after(long afterId, int limit);
    }

    /** One row of a fact: its id and the serial it is about. */
    public record Row(long id, String serial) {
    }

    private record Read(long lastId, long count) {
    }

    private final String name;
    private final Source source;
    private final boolean reload;
    private final LongSupplier nanoTime;
    private final AtomicLong inserted = new AtomicLong();
    /** The newest id seen at each of the last refreshes; {@link #next} is the oldest. */
    private final long[] horizons = new long[LOOK_BACK];
    private int next;
    private long newest;
    private long filledAt;
    private volatile long sizedFor;
    private volatile BloomFilter<CharSequence> filter;
    private volatile boolean ready;

    private KnownSerials(String name, Source source, boolean reload, long expected, LongSupplier nanoTime) {
        this.name = name;
        this.source = source;
        this.reload = reload;
        this.nanoTime = nanoTime;
        this.sizedFor = Math.max(expected, 1_000);
        this.filter = newFilter(sizedFor);
    }

    /** Serials of an append-only table: filled once, then read on from the ids seen. */
    public static KnownSerials appendOnly(String name, Source source, long expected) {
        return appendOnly(name, source, expected, System::nanoTime);
    }

    static KnownSerials appendOnly(String name, Source source, long expected, LongSupplier nanoTime) {
        return new KnownSerials(name, source, false, expected, nanoTime);
    }

    /** Serials of rows that change in place (no increasing id to follow): reloaded whole every interval. */
    public static KnownSerials reloading(String name, Source source, long expected) {
        return new KnownSerials(name, source, true, expected, System::nanoTime);
    }

    /** Fills it now in the background and keeps it fresh every {@code interval} on the shared scheduler. */
    public KnownSerials start(TaskScheduler scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval);
        return this;
    }

    /** False only when the serial certainly has no such fact; true when it may have (ask the database then). */
    public boolean mightContain(String serial) {
        return !ready || filter.mightContain(serial);
    }

    /** A fact this instance just wrote (before its commit: a rolled-back one only costs a query later). */
    public void add(String serial) {
        filter.put(serial);
        inserted.incrementAndGet();
    }

    /** Whether the first fill is done. */
    public boolean ready() {
        return ready;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the answers stay as good as the last refresh; a database that is away is told by the health state
            if (Databases.unreachable(e)) {
                log.debug("{}: refresh skipped, the database is unreachable", name);
            } else {
                log.warn("{}: refresh failed: {}", name, e.toString());
            }
        }
    }

    /** One refresh (the scheduler calls it; tests may too). */
    public synchronized void refresh() {
        if (reload || !ready || inserted.get() > sizedFor || nanoTime.getAsLong() - filledAt > FULL_RELOAD.toNanos()) {
            fill();
        } else {
            follow();
        }
    }

    private void fill() {
        long size = Math.max(sizedFor, inserted.get() * 2);
        var fresh = newFilter(size);
        var read = readInto(fresh, 0, 0);
        filter = fresh;
        sizedFor = size;
        inserted.set(read.count());
        newest = read.lastId();
        Arrays.fill(horizons, newest);
        filledAt = nanoTime.getAsLong();
        if (!ready) {
            log.info("{}: {} serials known", name, read.count());
        }
        ready = true;
    }

    private void follow() {
        var read = readInto(filter, Math.max(0, Math.min(horizons[next], newest - MARGIN)), newest);
        inserted.addAndGet(read.count());
        newest = Math.max(newest, read.lastId());
        horizons[next] = newest;
        next = (next + 1) % LOOK_BACK;
    }

    /** Reads every row after {@code afterId} into the filter, page by page; counts those after {@code newerThan}. */
    private Read readInto(BloomFilter<CharSequence> into, long afterId, long newerThan) {
        long last = afterId;
        long count = 0;
        while (true) {
            var rows = source.after(last, PAGE);
            for (var row : rows) {
                into.put(row.serial());
                last = Math.max(last, row.id());
                if (row.id() > newerThan) {
                    count++;
                }
            }
            if (rows.size() < PAGE) {
                return new Read(last, count);
            }
        }
    }

    private static BloomFilter<CharSequence> newFilter(long capacity) {
        return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.US_ASCII), capacity, 0.01);
    }
}
