package org.serialregistry.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
 * {@code interval}: an append-only {@link Source} from the last row id seen (less a margin, for rows another
 * replica committed out of id order), a {@link #reloading} source (rows that change in place) by a full reload.
 * This instance's own writes are {@link #add added} at once. So another replica's fact is seen at most one
 * interval late: the same as the public page's other caches. Only the public path asks; decisions (claim
 * adjudication) always read the database.
 */
public final class KnownSerials {

    private static final Logger log = LoggerFactory.getLogger(KnownSerials.class);
    /** Rows committed out of id order by concurrent writers are read again within this many ids. */
    private static final long MARGIN = 10_000;
    private static final int PAGE = 100_000;

    /** Rows of a fact with an increasing id: those after {@code afterId}, in id order, at most {@code limit}. */
    public interface Source {
        List<Row> after(long afterId, int limit);
    }

    /** One row of a fact: its id and the serial it is about. */
    public record Row(long id, String serial) {
    }

    private final String name;
    private final Source source;
    private final boolean reload;
    private final AtomicLong lastId = new AtomicLong();
    private volatile long capacity;
    private volatile BloomFilter<CharSequence> filter;
    private final AtomicLong inserted = new AtomicLong();
    private volatile boolean ready;

    private KnownSerials(String name, Source source, boolean reload, long expected) {
        this.name = name;
        this.source = source;
        this.reload = reload;
        this.capacity = Math.max(expected, 1_000);
        this.filter = newFilter(capacity);
    }

    /** Serials of an append-only table: filled once, then read on from the last id. */
    public static KnownSerials appendOnly(String name, Source source, long expected) {
        return new KnownSerials(name, source, false, expected);
    }

    /** Serials of rows that change in place (no increasing id to follow): reloaded whole every interval. */
    public static KnownSerials reloading(String name, Source source, long expected) {
        return new KnownSerials(name, source, true, expected);
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
    public void refresh() {
        if (reload || !ready || inserted.get() > capacity) {
            var fresh = newFilter(Math.max(capacity, inserted.get() * 2));
            long count = 0;
            long last = 0;
            for (var rows = source.after(0, PAGE); !rows.isEmpty(); rows = source.after(last, PAGE)) {
                for (var row : rows) {
                    fresh.put(row.serial());
                    last = Math.max(last, row.id());
                    count++;
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
            if (count * 2 > capacity) {
                capacity = count * 2;
                fresh = rebuild(count);
            }
            filter = fresh;
            inserted.set(count);
            lastId.set(last);
            if (!ready) {
                log.info("{}: {} serials known", name, count);
            }
            ready = true;
            return;
        }
        long from = Math.max(0, lastId.get() - MARGIN);
        for (var rows = source.after(from, PAGE); !rows.isEmpty(); rows = source.after(from, PAGE)) {
            for (var row : rows) {
                filter.put(row.serial());
                from = Math.max(from, row.id());
            }
            if (rows.size() < PAGE) {
                break;
            }
        }
        lastId.accumulateAndGet(from, Math::max);
    }

    /** A filter sized for twice the rows there are now (so that growth does not raise the false "maybe"s at once). */
    private BloomFilter<CharSequence> rebuild(long count) {
        var fresh = newFilter(capacity);
        long last = 0;
        for (var rows = source.after(0, PAGE); !rows.isEmpty(); rows = source.after(last, PAGE)) {
            rows.forEach(r -> fresh.put(r.serial()));
            last = rows.getLast().id();
            if (rows.size() < PAGE) {
                break;
            }
        }
        return fresh;
    }

    private static BloomFilter<CharSequence> newFilter(long capacity) {
        return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.US_ASCII), capacity, 0.01);
    }
}
