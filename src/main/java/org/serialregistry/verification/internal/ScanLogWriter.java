package org.serialregistry.verification.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.serialregistry.shared.OutageTolerantRollback;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.ScansRecorded;
import org.serialregistry.verification.UnitScanned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the scan log off the request path. Requests put scans into a bounded queue and never
 * wait; one writer thread takes them out in batches (every {@code flush-interval} or
 * {@code flush-size} scans, whichever comes first), inserts each batch in one transaction and then
 * publishes {@link ScansRecorded} in its own thread. When the queue is full a scan is dropped and
 * counted ({@code verification.scans.dropped}). While the database is away a batch waits and is tried
 * again, so scans are buffered up to the queue's capacity ({@link #write}). On shutdown the queue is
 * written out after the web server has stopped taking requests. A crash loses at most the scans of the last flush interval;
 * registry data is never written here.
 */
@Component
public class ScanLogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScanLogWriter.class);

    private final BlockingQueue<UnitScanned> queue;
    private final JdbcTemplate jdbc;
    /** One batch, one transaction; a rollback on a lost connection does not hide the batch's own failure. */
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ScanProperties properties;
    private final Counter dropped;
    private final Counter written;
    private final Counter failed;
    private final java.time.Clock clock;
    private final java.time.Duration retryPause;
    private volatile boolean running;
    private volatile @Nullable Instant failingSince;
    private volatile @Nullable String lastFailure;
    private volatile Thread thread;

    ScanLogWriter(JdbcTemplate jdbc, ApplicationEventPublisher events,
                  ScanProperties properties, OutageProperties outage, MeterRegistry meters, java.time.Clock clock) {
        this.clock = clock;
        this.retryPause = outage.scanRetry();
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(OutageTolerantRollback.dataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getDataSource())));
        this.events = events;
        this.properties = properties;
        this.dropped = Counter.builder("verification.scans.dropped").description("Scans not logged: queue full")
                .register(meters);
        this.written = Counter.builder("verification.scans.written").register(meters);
        this.failed = Counter.builder("verification.scans.failed").description("Scans lost: batch insert failed")
                .register(meters);
        meters.gauge("verification.scans.queued", queue, BlockingQueue::size);
    }

    /** Queues a scan; returns at once. False when the queue is full (the scan is dropped and counted). */
    public boolean submit(UnitScanned scan) {
        if (queue.offer(scan)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    public long droppedCount() {
        return (long) dropped.count();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("scan-log-writer").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            // no interrupt: a JDBC write in progress must finish; the loop sees the flag within one interval
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!queue.isEmpty()) {
            writeOut(); // whatever came in while stopping
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at a higher phase), so late scans are still written. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void loop() {
        long interval = properties.flushInterval().toNanos();
        var batch = new ArrayList<UnitScanned>(properties.flushSize());
        while (running) {
            try {
                UnitScanned first = queue.poll(interval, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + interval;
                while (batch.size() < properties.flushSize()) {
                    queue.drainTo(batch, properties.flushSize() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= properties.flushSize() || left <= 0) {
                        break;
                    }
                    UnitScanned next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            if (!batch.isEmpty()) {
                write(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    private void writeOut() {
        var rest = new ArrayList<UnitScanned>();
        while (queue.drainTo(rest, properties.flushSize()) > 0) {
            write(List.copyOf(rest));
            rest.clear();
        }
    }

    /**
     * Writes one batch. While the database cannot be reached (down, restarting, disk full on
     * PostgreSQL) the batch is tried again every {@code scan-retry} and new scans wait in the queue,
     * so that nothing is lost until the queue is full (then each scan is dropped and counted). Any
     * other failure is tried three times, then the batch is counted as lost. Either way the health
     * state {@code scanLog} says so until a write succeeds again.
     */
    private void write(List<UnitScanned> scans) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) con -> {
                    if (con.isWrapperFor(PGConnection.class)) {
                        copy(con.unwrap(PGConnection.class), scans);
                    } else {
                        insert(con, scans);
                    }
                    return null;
                }));
                if (failingSince != null) {
                    stored();
                }
                written.increment(scans.size());
                if (failingSince != null) {
                    log.info("The scan log is written again ({} scans were waiting)", scans.size() + queue.size());
                }
                failingSince = null;
                lastFailure = null;
                break;
            } catch (RuntimeException e) {
                boolean unreachable = DatabaseOutage.unreachable(e);
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                lastFailure = describe(e);
                if (!running || (!unreachable && attempt >= 3)) {
                    failed.increment(scans.size());
                    log.error("Could not write {} scan records; they are lost: {}", scans.size(), e.toString());
                    return;
                }
                log.warn("Could not write {} scan records (attempt {}); they wait, {} more queued: {}", scans.size(),
                        attempt, queue.size(), e.toString());
                try {
                    Thread.sleep(retryPause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        try {
            events.publishEvent(new ScansRecorded(scans));
        } catch (RuntimeException e) {
            log.error("A listener of ScansRecorded failed: {}", e.toString(), e);
        }
    }

    /**
     * After a failure, a write counts only once it is in the file. PostgreSQL's commit is durable (WAL); H2
     * writes its commits to the file up to {@code WRITE_DELAY} (500 ms) later, so on a disk that is still full
     * a commit on the reopened database returns and is lost when H2 then fails to store it and closes the
     * database again (seen: 204 scans "written again", none in the file). H2's {@code CHECKPOINT} stores at
     * once and fails as the disk does; the batch then waits and is tried again. Only while recovering: in
     * normal operation a synchronous store per batch costs about four times the rows' inserts.
     */
    private void stored() {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            if (!con.isWrapperFor(PGConnection.class)) {
                try (var st = con.createStatement()) {
                    st.execute("checkpoint");
                }
            }
            return null;
        });
    }

    /**
     * The failure in the words of its cause ("the disk under the database is full: ...", "Connection refused"),
     * not of Spring's wrapper around it ("Failed to obtain JDBC Connection").
     */
    static String describe(RuntimeException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** What the health state {@code scanLog} reports. */
    public record State(@Nullable Instant failingSince, @Nullable String lastFailure, int queued, long dropped,
                        long lost) {
    }

    public State state() {
        return new State(failingSince, lastFailure, queue.size(), (long) dropped.count(), (long) failed.count());
    }

    private static final String COLUMNS = "id, scanned_at, gtin, serial, outcome, client_key, session_id, country, "
            + "latitude, longitude, user_agent_class, unit_status, unit_serial, location_claimed";

    private static void insert(Connection con, List<UnitScanned> scans) throws SQLException {
        try (var ps = con.prepareStatement("insert into scan_record (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (UnitScanned s : scans) {
                ps.setObject(1, s.scanId());
                ps.setObject(2, s.at().atOffset(ZoneOffset.UTC));
                ps.setString(3, s.gtin());
                ps.setString(4, s.serial());
                ps.setString(5, s.outcome().name());
                ps.setString(6, s.clientKey());
                ps.setString(7, s.sessionId());
                ps.setString(8, s.country() == null ? null : s.country().value());
                ps.setObject(9, s.latitude(), Types.DOUBLE);
                ps.setObject(10, s.longitude(), Types.DOUBLE);
                ps.setString(11, s.userAgentClass());
                ps.setString(12, s.unitStatus() == null ? null : s.unitStatus().name());
                ps.setString(13, unitSerial(s));
                ps.setBoolean(14, s.locationClaimed());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The serial under which the scan is indexed: that of a code that passed its check; none for a
     * code that failed it (made up, often in floods: not worth a random index insert each).
     */
    static @Nullable String unitSerial(UnitScanned s) {
        return s.outcome() == ScanOutcome.FORGED || s.outcome() == ScanOutcome.MALFORMED ? null : s.serial();
    }

    /** PostgreSQL: one COPY per batch, several times cheaper per row than batched INSERT. */
    private static void copy(PGConnection con, List<UnitScanned> scans) throws SQLException {
        var text = new StringBuilder(scans.size() * 160);
        for (UnitScanned s : scans) {
            text.append(s.scanId()).append('\t').append(s.at()).append('\t');
            field(text, s.gtin()).append('\t');
            field(text, s.serial()).append('\t').append(s.outcome().name()).append('\t');
            field(text, s.clientKey()).append('\t');
            field(text, s.sessionId()).append('\t');
            field(text, s.country() == null ? null : s.country().value()).append('\t');
            field(text, s.latitude() == null ? null : s.latitude().toString()).append('\t');
            field(text, s.longitude() == null ? null : s.longitude().toString()).append('\t');
            field(text, s.userAgentClass()).append('\t');
            field(text, s.unitStatus() == null ? null : s.unitStatus().name()).append('\t');
            field(text, unitSerial(s)).append('\t').append(s.locationClaimed() ? 't' : 'f').append('\n');
        }
        try {
            con.getCopyAPI().copyIn("copy scan_record (" + COLUMNS + ") from stdin",
                    new java.io.StringReader(text.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY of scan records failed: " + e.getMessage(), e);
        }
    }

    /** A value in COPY text format: {@code \N} for null; backslash, tab and line breaks escaped. */
    static StringBuilder field(StringBuilder out, @Nullable String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
