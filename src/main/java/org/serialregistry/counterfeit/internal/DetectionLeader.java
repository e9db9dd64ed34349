package org.serialregistry.counterfeit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.serialregistry.security.Role;
import org.serialregistry.security.SystemIdentity;
import org.serialregistry.shared.Databases;
import org.serialregistry.verification.LoggedScan;
import org.serialregistry.verification.ScanLog;
import org.serialregistry.verification.UnitScanned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several replicas, one detector. On PostgreSQL every replica asks for an advisory lock (see
 * {@link DetectionLock}) every {@code tail-interval}; the one that holds it is the leader: it reads
 * the scan log that all replicas write, in position order, and judges each scan once, whichever
 * replica served it. The others judge nothing. When the leader stops or dies, its session ends,
 * the lock is free, and the next replica to ask takes over from the position the old leader
 * committed (with its signals, in one transaction), after rebuilding the detector's memory from the
 * scans already judged.
 *
 * <p>Rows may become visible out of position order (each replica's writer commits its own
 * batches), so a position skipped while reading is kept "open" and read again until its row
 * appears or {@code open-timeout} has passed (a rolled-back batch leaves a gap for good).
 *
 * <p>On H2 (one instance) nothing here runs: the detector judges each batch as it is flushed.
 */
@Component
class DetectionLeader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectionLeader.class);
    /** Open positions kept at most (and read again per round): a larger jump is taken as a gap. */
    static final int MAX_OPEN = 5_000;
    private static final int OPEN_PER_READ = 1_000;

    private final DataSource dataSource;
    private final DetectionLock lock;
    private final DetectionPositionStore positions;
    private final ScanSignalDetector detector;
    private final ScanLog scanLog;
    private final CounterfeitProperties counterfeit;
    private final DetectionLeaderProperties properties;
    private final ThreadPoolTaskExecutor executor;
    private final TaskScheduler scheduler;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String name;
    private final SecurityContextHolderStrategy security;

    private final AtomicBoolean tailQueued = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean leading;
    private @Nullable ScheduledFuture<?> ticks;

    // owned by the detector's thread
    private boolean ready;
    private long epoch;
    private long lastSeq;
    private TreeMap<Long, Instant> open = new TreeMap<>();

    DetectionLeader(DataSource dataSource, DetectionPositionStore positions, ScanSignalDetector detector, ScanLog scanLog,
                    CounterfeitProperties counterfeit, DetectionLeaderProperties properties,
                    @Qualifier(DetectionExecutors.DETECTOR) ThreadPoolTaskExecutor executor,
                    @Qualifier("taskScheduler") TaskScheduler scheduler, PlatformTransactionManager transactions,
                    Clock clock, SecurityContextHolderStrategy security) {
        this.security = security;
        this.dataSource = dataSource;
        this.lock = new DetectionLock(dataSource);
        this.positions = positions;
        this.detector = detector;
        this.scanLog = scanLog;
        this.counterfeit = counterfeit;
        this.properties = properties;
        this.executor = executor;
        this.scheduler = scheduler;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.name = ProcessHandle.current().pid() + "@" + hostName() + "/" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public void start() {
        running = true;
        if (properties.mode() == DetectionLeaderProperties.Mode.EVENTS || !Databases.isPostgresql(dataSource)) {
            return;
        }
        detector.followScanLog(this::wake);
        ticks = scheduler.scheduleWithFixedDelay(this::tick, properties.tailInterval());
        log.info("Counterfeit detection: replica {} follows the shared scan log when it holds the leader lock", name);
    }

    @Override
    public void stop() {
        running = false;
        var t = ticks;
        if (t != null) {
            t.cancel(false);
        }
        if (leading) {
            stepDown("the replica stops");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this replica judges the scans of all replicas now. */
    boolean leading() {
        return leading;
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            if (!leading) {
                if (lock.tryAcquire()) {
                    leading = true;
                    log.info("Counterfeit detection: replica {} is the leader now", name);
                    executor.execute(this::takeOver);
                }
            } else if (!lock.stillHeld()) {
                stepDown("its lock's database session ended");
                return;
            }
            wake();
        } catch (RuntimeException e) {
            log.warn("Counterfeit detection: leader round failed: {}", e.toString());
        }
    }

    /** Reads the scan log now (when leading); one read queued at a time. */
    void wake() {
        if (leading && tailQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    tailQueued.set(false);
                    tail();
                });
            } catch (TaskRejectedException e) {
                tailQueued.set(false);
            }
        }
    }

    private void stepDown(String reason) {
        leading = false;
        lock.release();
        log.warn("Counterfeit detection: replica {} is no longer the leader: {}", name, reason);
    }

    /** On the detector's thread: start where the last leader committed, with memory rebuilt from what it judged. */
    private void takeOver() {
        try {
            ready = false;
            Instant now = clock.instant();
            var position = tx.execute(status -> positions.takeOver(name, now));
            epoch = position.epoch();
            lastSeq = position.lastSeq();
            open = OpenPositions.decode(position.openSeqs(), now);
            var judged = new ArrayList<UnitScanned>();
            if (counterfeit.replayMaxScans() > 0) {
                for (LoggedScan s : read(() -> scanLog.loggedSince(now.minus(counterfeit.replayWindow()),
                        counterfeit.replayMaxScans()))) {
                    if (s.seq() <= lastSeq && !open.containsKey(s.seq())) {
                        judged.add(s.scan());
                    }
                }
            }
            int replayed = detector.restartFrom(judged);
            ready = true;
            log.info("Counterfeit detection: leader {} (epoch {}) goes on after scan-log position {} ({} positions open), "
                    + "memory rebuilt from {} scans", name, epoch, lastSeq, open.size(), replayed);
        } catch (RuntimeException e) {
            log.error("Counterfeit detection: taking over as leader failed", e);
            stepDown("taking over failed");
        }
    }

    /** On the detector's thread: judges what has been committed to the scan log since the last read. */
    private void tail() {
        if (!leading || !ready) {
            return;
        }
        try {
            while (leading) {
                Instant now = clock.instant();
                var found = open.isEmpty() ? List.<LoggedScan>of()
                        : read(() -> scanLog.at(List.copyOf(open.navigableKeySet()).subList(0, Math.min(open.size(), OPEN_PER_READ))));
                var next = read(() -> scanLog.after(lastSeq, properties.batchSize()));
                var nowOpen = new TreeMap<>(open);
                found.forEach(s -> nowOpen.remove(s.seq()));
                long last = lastSeq;
                for (LoggedScan s : next) {
                    for (long gap = last + 1; gap < s.seq() && nowOpen.size() < MAX_OPEN; gap++) {
                        nowOpen.put(gap, now);
                    }
                    last = s.seq();
                }
                int expired = nowOpen.size();
                nowOpen.values().removeIf(noticed -> noticed.isBefore(now.minus(properties.openTimeout())));
                expired -= nowOpen.size();
                if (found.isEmpty() && next.isEmpty() && expired == 0) {
                    return;
                }
                if (expired > 0) {
                    log.info("Counterfeit detection: {} scan-log positions never appeared within {}; taken as gaps",
                            expired, properties.openTimeout());
                }
                var scans = new ArrayList<UnitScanned>(found.size() + next.size());
                found.forEach(s -> scans.add(s.scan()));
                next.forEach(s -> scans.add(s.scan()));
                long newLast = last;
                String encoded = OpenPositions.encode(nowOpen);
                detector.judge(scans, () -> {
                    if (!positions.advance(epoch, newLast, encoded, now)) {
                        throw new IllegalStateException("another replica has taken over counterfeit detection");
                    }
                });
                lastSeq = newLast;
                open = nowOpen;
                if (next.size() < properties.batchSize()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            if (Databases.unreachable(e)) {
                // stopped, connection lost, disk full: an outage, not a bug; the next leader goes on from the position
                log.warn("Counterfeit detection: the leader could not judge the scan log after position {}, the "
                        + "database cannot work now: {}", lastSeq, e.toString());
            } else {
                log.error("Counterfeit detection: the leader could not judge the scan log after position {}", lastSeq, e);
            }
            ready = false;
            stepDown("reading or judging the scan log failed");
        }
    }

    private <T> T read(Supplier<T> query) {
        var result = new ArrayList<T>(1);
        SystemIdentity.runAs(security, "counterfeit-detection", () -> result.add(query.get()), Role.FORENSICS);
        return result.getFirst();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** Stops after the scan-log writer has written out its last batch (it stops at a lower phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }
}
