package org.serialregistry.counterfeit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.DetectionThresholds;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.counterfeit.Severity;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.counterfeit.Thresholds;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.security.Role;
import org.serialregistry.security.SystemIdentity;
import org.serialregistry.shared.Caches;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.ScanLog;
import org.serialregistry.verification.ScansRecorded;
import org.serialregistry.verification.UnitScanned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

// Over 400 lines on purpose: every rule (clone sessions, geo speed, off-market, enumeration, new
// country) reads and updates the same bounded in-memory state (serials, clients, forged codes,
// products) under one lock in one pass per scan; splitting the rules apart would hand that state
// around or take the lock once per rule. Split out first: the replay after start and the rebuild
// of memory for a new leader (replay, restartFrom, replayIntoMemory), which only fill the state.
/**
 * Computes signals from the scan log, one batch ({@link ScansRecorded}) at a time, on its own
 * single thread: the publisher (verification's scan-log writer) hands the batch over and returns
 * at once, so no public answer ever waits for detection.
 *
 * <p>State kept in memory, bounded: per serial (least recently scanned evicted first) the last
 * few scans, the distinct sessions within the window, the sessions seen off-market and when each
 * signal type last fired; per client key the forged, malformed and unknown codes within the
 * enumeration window. Persisted: per product the countries seen and the scan count (for the
 * "new country" warm-up), and every signal with its evidence scans in its case.
 */
@Component
public class ScanSignalDetector {

    private static final Logger log = LoggerFactory.getLogger(ScanSignalDetector.class);
    private static final int RECENT_SCANS = 10;
    private static final int MAX_EVIDENCE = 50;
    private static final double MIN_ANOMALY_KM = 50;
    /** Distinct sessions that must scan the same forged code before it counts as printed on fakes. */
    static final int FORGED_CODE_SESSIONS = 2;

    private final Units units;
    private final MasterData masterData;
    private final DetectionThresholds thresholds;
    private final GeoCentroids geo;
    private final SignalSink sink;
    private final ProductScanStore productScans;
    private final CounterfeitProperties properties;
    private final ScanLog scanLog;

    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object lock = new Object();
    private boolean replaying;
    private volatile @Nullable Runnable scanLogFollower;
    private final LinkedHashMap<String, SerialState> serials;
    private final LinkedHashMap<String, ClientState> clients;
    private final LinkedHashMap<String, ForgedState> forgedCodes;
    private final Map<String, ProductState> products = new HashMap<>();
    /** Known products by GTIN (unknown GTINs are not kept: forged codes carry any GTIN they like). */
    private final Cache<String, ProductView> productViews;
    /**
     * Units destroyed or reported stolen in the last hour. Only needed until verification's unit cache
     * has expired (seconds): from then on every scan carries the unit's terminal status itself.
     */
    private final Cache<String, Instant> inactiveSince;

    ScanSignalDetector(Units units, MasterData masterData, DetectionThresholds thresholds, GeoCentroids geo,
                       SignalSink sink, ProductScanStore productScans, CounterfeitProperties properties, ScanLog scanLog,
                       @Qualifier(DetectionExecutors.DETECTOR) ThreadPoolTaskExecutor executor, Clock clock,
                       CacheManager caches) {
        this.executor = executor;
        this.clock = clock;
        this.productViews = Caches.register(caches, "counterfeit.products", Caffeine.newBuilder()
                .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)));
        this.inactiveSince = Caches.register(caches, "counterfeit.inactive-units", Caffeine.newBuilder()
                .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)));
        this.scanLog = scanLog;
        this.units = units;
        this.masterData = masterData;
        this.thresholds = thresholds;
        this.geo = geo;
        this.sink = sink;
        this.productScans = productScans;
        this.properties = properties;
        int maxSerials = properties.trackedSerials();
        this.serials = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SerialState> eldest) {
                return size() > maxSerials;
            }
        };
        this.forgedCodes = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ForgedState> eldest) {
                return size() > maxSerials / 4;
            }
        };
        int maxClients = properties.trackedClients();
        this.clients = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ClientState> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * After a restart, the detector's memory (recent scans per serial, sessions, cooldowns, bad codes
     * per client) is rebuilt from the scan log of the last {@code replay-window}, at most
     * {@code replay-max-scans} scans, on the detector's thread once the application is ready (not
     * earlier: the security context strategy is settled only then). Serials and clients the detector
     * has already seen since the start are not replayed. Replayed scans raise no signals (they were
     * judged when they came in) and do not count again in the stored per-product figures.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void replayAfterStart() {
        if (properties.replayMaxScans() > 0 && scanLogFollower == null) {
            executor.execute(this::replay);
        }
    }

    void replay() {
        try {
            var from = Instant.now(clock).minus(properties.replayWindow());
            var scans = new ArrayList<UnitScanned>();
            SystemIdentity.runAs("counterfeit-detection", () -> scans.addAll(scanLog.since(from,
                    properties.replayMaxScans())), Role.FORENSICS);
            int replayed = replayIntoMemory(scans, false);
            log.info("Counterfeit detection: replayed {} scans of the last {} hours into memory", replayed,
                    properties.replayWindow().toHours());
        } catch (RuntimeException e) {
            log.warn("Counterfeit detection: could not replay the scan log ({}); starting with empty memory", e.toString());
        }
    }

    /**
     * A new detection leader: forgets what this replica remembered (another leader may have judged
     * scans since) and rebuilds its memory from {@code judged}, the scans already judged, oldest
     * first. Runs on the detector's thread.
     */
    int restartFrom(List<UnitScanned> judged) {
        return replayIntoMemory(judged, true);
    }

    private int replayIntoMemory(List<UnitScanned> scans, boolean forget) {
        int replayed = 0;
        synchronized (lock) {
            if (forget) {
                serials.clear();
                clients.clear();
                forgedCodes.clear();
                products.clear();
            }
            // memory already holds what it has seen since the start: replay only what it lacks
            var knownSerials = new HashSet<>(serials.keySet());
            var knownClients = new HashSet<>(clients.keySet());
            replaying = true;
            try {
                var discard = new ArrayList<NewSignal>();
                var discardCountries = new ArrayList<Object[]>();
                var discardTouched = new HashSet<String>();
                for (UnitScanned s : scans) {
                    if (knownSerials.contains(s.serial()) || knownClients.contains(s.clientKey())) {
                        continue;
                    }
                    detect(s, discard, discardCountries, discardTouched);
                    discard.clear();
                    replayed++;
                }
            } finally {
                replaying = false;
            }
        }
        return replayed;
    }

    /**
     * Verification published a flushed batch of scans: queue it and return at once. When a leader
     * follows the scan log (several replicas), the batch only tells it to read the log now.
     */
    @EventListener
    void onScansRecorded(ScansRecorded event) {
        var follower = scanLogFollower;
        if (follower != null) {
            follower.run();
        } else {
            submit(event.scans());
        }
    }

    /**
     * From now on scans come from the scan log through {@link DetectionLeader} (which judges them
     * with {@link #judge}), not from this replica's own flushes; {@code wake} asks it to read now.
     */
    void followScanLog(Runnable wake) {
        this.scanLogFollower = wake;
    }

    /** The leader's batch from the scan log; {@code inTransaction} runs in the transaction that stores its signals. */
    void judge(List<UnitScanned> scans, Runnable inTransaction) {
        process(scans, inTransaction);
        processed.addAndGet(scans.size());
    }

    public void submit(List<UnitScanned> scans) {
        if (scans == null || scans.isEmpty()) {
            return;
        }
        var copy = List.copyOf(scans);
        try {
            executor.execute(() -> {
                try {
                    process(copy);
                } catch (RuntimeException e) {
                    log.error("Counterfeit detection failed for a batch of {} scans", copy.size(), e);
                } finally {
                    processed.addAndGet(copy.size());
                }
            });
        } catch (TaskRejectedException e) {
            dropped.addAndGet(copy.size());
            log.warn("Counterfeit detection is {} batches behind: {} scans not judged (still in the scan log)",
                    executor.getQueueSize(), copy.size());
        }
    }

    /** Scans not judged because the detector's queue was full (they are still in the scan log). */
    public long droppedScans() {
        return dropped.get();
    }

    /** Waits until every batch handed over so far has been processed (for tests and shutdown). */
    public boolean awaitIdle(Duration timeout) {
        try {
            executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public long processedScans() {
        return processed.get();
    }

    /** A unit was destroyed or reported stolen (from the lifecycle log): later scans are suspect. */
    public void unitBecameInactive(String serial, Instant since) {
        inactiveSince.put(serial, since);
    }

    public void unitReactivated(String serial) {
        inactiveSince.invalidate(serial);
    }

    /** The last scans of a serial kept in memory, newest first (empty once evicted or after a restart). */
    public List<EvidenceScan> recentScans(String serial) {
        synchronized (lock) {
            var st = serials.get(serial);
            if (st == null) {
                return List.of();
            }
            var list = new ArrayList<>(st.recent);
            java.util.Collections.reverse(list);
            return list;
        }
    }

    // ---- detection

    void process(List<UnitScanned> scans) {
        process(scans, null);
    }

    private void process(List<UnitScanned> scans, @Nullable Runnable inTransaction) {
        var signals = new ArrayList<NewSignal>();
        var newCountries = new ArrayList<Object[]>();
        var touchedProducts = new HashSet<String>();
        synchronized (lock) {
            for (UnitScanned s : scans) {
                detect(s, signals, newCountries, touchedProducts);
            }
        }
        var counts = new ArrayList<Object[]>();
        for (String gtin : touchedProducts) {
            counts.add(new Object[] {products.get(gtin).scans, gtin});
        }
        sink.store(signals, newCountries, counts, inTransaction);
    }

    private void detect(UnitScanned s, List<NewSignal> out, List<Object[]> newCountries, Set<String> touched) {
        switch (s.outcome()) {
            case NOT_ISSUED -> {
                var th = thresholdsOf(s.gtin());
                var st = serials.computeIfAbsent(s.serial(), k -> new SerialState());
                if (st.cooldownOver(SignalType.NOT_ISSUED, s.at(), Duration.ofDays(th.sessionWindowDays()))) {
                    out.add(signal(SignalType.NOT_ISSUED, s, cut(s.serial()), s.gtin(), null, List.of(evidence(s)),
                            "Code " + s.serial() + " carries a valid tag but was never issued: a signing key may have leaked"));
                }
                badCode(s, out);
            }
            case FORGED, MALFORMED, MISMATCH -> badCode(s, out);
            case GENUINE, GENUINE_WITH_WARNING, LISTED_COUNTERFEIT -> genuineCode(s, out, newCountries, touched);
        }
    }

    private void badCode(UnitScanned s, List<NewSignal> out) {
        var th = thresholdsOf(s.gtin());
        var window = Duration.ofMinutes(th.enumerationWindowMinutes());
        var client = clients.computeIfAbsent(s.clientKey(), k -> new ClientState());
        client.bad.addLast(evidence(s));
        while (!client.bad.isEmpty() && client.bad.peekFirst().at().isBefore(s.at().minus(window))) {
            client.bad.removeFirst();
        }
        while (client.bad.size() > Math.max(th.enumerationCount(), MAX_EVIDENCE) * 2) {
            client.bad.removeFirst();
        }
        if (s.outcome() == org.serialregistry.verification.ScanOutcome.FORGED) {
            // One person mistyping a code is no attack; the same made-up code in several sessions is a printed fake
            var forged = forgedCodes.computeIfAbsent(s.gtin() + "/" + s.serial(), k -> new ForgedState());
            if (forged.sessions.size() < 64) {
                forged.sessions.add(s.sessionId());
            }
            if (forged.evidence.size() < MAX_EVIDENCE) {
                forged.evidence.add(evidence(s));
            }
            if (!forged.raised && forged.sessions.size() >= FORGED_CODE_SESSIONS && isSerial(s.serial())) {
                forged.raised = true;
                out.add(signal(SignalType.FORGED_CODE, s, s.serial(), gtinOrNull(s.gtin()), null,
                        new ArrayList<>(forged.evidence), "Code " + s.serial()
                                + (s.gtin() == null ? "" : " for GTIN " + s.gtin()) + " fails its cryptographic check and was scanned in "
                                + forged.sessions.size() + " sessions: a made-up code printed on copies"));
            }
        }
        if (client.bad.size() >= th.enumerationCount()
                && (client.lastEnumeration == null || s.at().isAfter(client.lastEnumeration.plus(window)))) {
            client.lastEnumeration = s.at();
            var ev = new ArrayList<>(client.bad);
            var shown = ev.subList(Math.max(0, ev.size() - MAX_EVIDENCE), ev.size());
            out.add(signal(SignalType.ENUMERATION, s, null, gtinOrNull(s.gtin()), null, shown,
                    client.bad.size() + " forged, malformed or unknown codes within " + th.enumerationWindowMinutes()
                            + " minutes from one client (threshold " + th.enumerationCount() + ")"));
        }
    }

    private void genuineCode(UnitScanned s, List<NewSignal> out, List<Object[]> newCountries, Set<String> touched) {
        var st = serials.computeIfAbsent(s.serial(), k -> new SerialState());
        if (st.unit == null) {
            // the unit's own row (its lot, its intended market) is read only when a decision needs it: a located
            // scan, or a signal. At registry size nearly every genuine scan is of a serial not seen before and
            // carries no location: reading each one's row doubled the database work of a verification.
            st.unit = s.country() == null ? productOnly(s.gtin()) : UnitInfo.NONE;
            if (st.unit == UnitInfo.NONE) {
                st.unit = lookup(s.serial());
            }
        }
        UnitInfo unit = st.unit;
        if (unit == UnitInfo.NONE) {
            return;
        }
        if (s.country() != null && unit.partial()) {
            unit = full(st, s);
            if (unit == UnitInfo.NONE) {
                return;
            }
        }
        Thresholds th = thresholds.current(unit.category);
        Duration window = Duration.ofDays(th.sessionWindowDays());
        EvidenceScan ev = evidence(s);
        String country = s.country() == null ? null : s.country().value();

        // scanned while destroyed or stolen
        UnitStatus status = s.unitStatus();
        Instant inactive = inactiveSince.getIfPresent(s.serial());
        boolean terminal = status != null && status.terminal();
        if ((terminal || inactive != null && !s.at().isBefore(inactive))
                && st.cooldownOver(SignalType.SCANNED_WHILE_INACTIVE, s.at(), window)) {
            out.add(signal(SignalType.SCANNED_WHILE_INACTIVE, s, full(st, s), List.of(ev), "Scanned"
                    + (country == null ? "" : " in " + country) + " although the unit is "
                    + (terminal ? status.label().toLowerCase() : "recorded as destroyed or stolen")));
        }

        // distinct sessions within the window
        st.sessions.remove(s.sessionId());
        st.sessions.put(s.sessionId(), s.at());
        var it = st.sessions.entrySet().iterator();
        while (it.hasNext() && (it.next().getValue().isBefore(s.at().minus(window)) || st.sessions.size() > th.maxSessions() + 1)) {
            it.remove();
        }
        if (st.sessions.size() > th.maxSessions() && st.cooldownOver(SignalType.SCAN_COUNT, s.at(), window)) {
            var evidence = new ArrayList<>(st.recent);
            evidence.add(ev);
            out.add(signal(SignalType.SCAN_COUNT, s, full(st, s), evidence, "Scanned in " + st.sessions.size()
                    + " distinct sessions within " + th.sessionWindowDays() + " days (threshold " + th.maxSessions() + ")"));
        }

        // travel faster than allowed since the previous located scan
        GeoCentroids.Point here = point(s);
        if (here != null && st.lastPoint != null && st.lastLocated != null) {
            GeoCentroids.Point before = st.lastPoint;
            boolean sameCountryVague = here.country().equals(before.country()) && (!here.precise() || !before.precise());
            double km = sameCountryVague ? 0 : GeoCentroids.distanceKm(here, before) - uncertainty(here) - uncertainty(before);
            double hours = Math.max(Duration.between(st.lastLocated.at(), s.at()).abs().toSeconds(), 60) / 3600.0;
            double speed = km / hours;
            if (km > MIN_ANOMALY_KM && speed > th.maxSpeedKmh() && st.cooldownOver(SignalType.GEO_ANOMALY, s.at(), window)) {
                // a location the client typed or sent is its own claim: it may add to a case, never raise a HIGH one alone
                boolean claimed = s.locationClaimed() || st.lastClaimed;
                var signal = signal(SignalType.GEO_ANOMALY, s, full(st, s), List.of(st.lastLocated, ev), String.format(
                        java.util.Locale.ROOT, "Scanned %.0f km apart within %.1f h (%s → %s): %.0f km/h, limit %d km/h%s",
                        km, hours, before.country(), here.country(), speed, th.maxSpeedKmh(),
                        claimed ? " (location given by the scanning client, not by the network)" : ""));
                out.add(claimed && signal.severity().high() ? signal.withSeverity(Severity.MEDIUM) : signal);
            }
        }

        // outside the intended market
        if (country != null && !unit.inMarket(country)) {
            if (st.offMarketSessions.size() < 100) {
                st.offMarketSessions.add(s.sessionId());
            }
            st.offMarketScans.addLast(ev);
            if (st.offMarketScans.size() > 20) {
                st.offMarketScans.removeFirst();
            }
            if (st.offMarketSessions.size() >= th.offMarketSessions()
                    && st.cooldownOver(SignalType.OFF_MARKET, s.at(), window)) {
                out.add(signal(SignalType.OFF_MARKET, s, full(st, s), new ArrayList<>(st.offMarketScans), "Scanned in " + country
                        + " by " + st.offMarketSessions.size() + " session(s); intended market " + unit.intendedMarket
                        + " (product markets " + String.join(", ", unit.productMarkets) + ")"));
            }
        }

        // per product: the scan count and a country never seen before (both stored in the database
        // when the scan first came in, so a replay leaves them alone)
        if (!replaying) {
            var ps = product(unit.gtin);
            touched.add(unit.gtin);
            long before = ps.scans++;
            if (country != null && ps.countries.add(country)) {
                newCountries.add(new Object[] {unit.gtin, country, CaseStore.utc(s.at())});
                if (before >= th.newCountryWarmupScans()) {
                    out.add(signal(SignalType.NEW_COUNTRY, s, full(st, s), List.of(ev), "First scan of GTIN " + unit.gtin
                            + " in " + country + " after " + before + " scans elsewhere"));
                }
            }
        }

        st.recent.addLast(ev);
        if (st.recent.size() > RECENT_SCANS) {
            st.recent.removeFirst();
        }
        if (here != null) {
            st.lastPoint = here;
            st.lastLocated = ev;
            st.lastClaimed = s.locationClaimed();
        }
    }

    // ---- helpers

    private NewSignal signal(SignalType type, UnitScanned s, UnitInfo unit, List<EvidenceScan> evidence, String detail) {
        return signal(type, s, s.serial(), unit.gtin, unit.lot, evidence, detail);
    }

    private NewSignal signal(SignalType type, UnitScanned s, @Nullable String serial, @Nullable String gtin,
                             @Nullable String lot, List<EvidenceScan> evidence, String detail) {
        return new NewSignal(type, type.severity(), serial, gtin, lot, cut(s.clientKey(), 64),
                s.country() == null ? null : s.country().value(), s.at(), detail, evidence);
    }

    private double uncertainty(GeoCentroids.Point p) {
        return p.precise() ? 0 : properties.centroidUncertaintyKm();
    }

    private GeoCentroids.@Nullable Point point(UnitScanned s) {
        String country = s.country() == null ? "??" : s.country().value();
        if (s.latitude() != null && s.longitude() != null && Math.abs(s.latitude()) <= 90
                && Math.abs(s.longitude()) <= 180) {
            return new GeoCentroids.Point(s.latitude(), s.longitude(), true, country);
        }
        return s.country() == null ? null : geo.centroid(country).orElse(null);
    }

    /** The unit with its own row read (once per serial in memory). */
    private UnitInfo full(SerialState st, UnitScanned s) {
        if (st.unit == null || st.unit.partial()) {
            var unit = lookup(s.serial());
            // a unit that vanished (never, for a genuine scan) keeps what the product tells
            st.unit = unit == UnitInfo.NONE && st.unit != null ? st.unit : unit;
        }
        return st.unit;
    }

    /**
     * What the scanned GTIN's product tells (category, markets) without the unit's row; {@link UnitInfo#partial()}.
     * Unknown or missing GTIN: the unit's row is read instead.
     */
    private UnitInfo productOnly(@Nullable String gtin) {
        var product = productView(gtin);
        if (gtin == null || product.isEmpty()) {
            return UnitInfo.NONE;
        }
        var markets = product.get().intendedMarkets().stream().map(CountryCode::value).sorted().toList();
        return new UnitInfo(gtin, null, null, new LinkedHashSet<>(markets), product.get().category());
    }

    private UnitInfo lookup(String serial) {
        try {
            var unit = units.lookup(new SerialNumber(serial)).orElse(null); // one query; the components are not needed here
            if (unit == null) {
                return UnitInfo.NONE;
            }
            var product = productView(unit.gtin().value());
            var category = product.map(ProductView::category).orElse(ProductCategory.ELECTRONICS);
            var markets = product.map(p -> p.intendedMarkets().stream().map(CountryCode::value).sorted().toList())
                    .orElse(List.of());
            return new UnitInfo(unit.gtin().value(), unit.lot().value(), unit.intendedMarket().value(),
                    new LinkedHashSet<>(markets), category);
        } catch (IllegalArgumentException malformed) {
            return UnitInfo.NONE;
        }
    }

    private Optional<ProductView> productView(@Nullable String gtin) {
        if (gtin == null) {
            return Optional.empty();
        }
        var cached = productViews.getIfPresent(gtin);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProductView> found;
        try {
            found = masterData.product(new Gtin(gtin));
        } catch (IllegalArgumentException malformed) {
            found = Optional.empty();
        }
        found.ifPresent(p -> productViews.put(gtin, p));
        return found;
    }

    /** Thresholds of the scanned product's category; the strictest of all when the GTIN is unknown. */
    private Thresholds thresholdsOf(@Nullable String gtin) {
        var product = productView(gtin);
        if (product.isPresent()) {
            return thresholds.current(product.get().category());
        }
        Thresholds strictest = null;
        for (ProductCategory c : ProductCategory.values()) {
            var t = thresholds.current(c);
            if (strictest == null || t.enumerationCount() < strictest.enumerationCount()) {
                strictest = t;
            }
        }
        return strictest;
    }

    private ProductState product(String gtin) {
        return products.computeIfAbsent(gtin, g -> {
            var ps = new ProductState();
            ps.countries.addAll(productScans.countriesSeen(g));
            ps.scans = productScans.scanCount(g);
            return ps;
        });
    }

    private static @Nullable String gtinOrNull(@Nullable String gtin) {
        return gtin != null && gtin.length() == 14 && gtin.chars().allMatch(Character::isDigit) ? gtin : null;
    }

    private static boolean isSerial(String s) {
        return s.length() >= 1 && s.length() <= 20 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'Z');
    }

    private static String cut(String s) {
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static EvidenceScan evidence(UnitScanned s) {
        return new EvidenceScan(s.scanId(), s.at(), gtinOrNull(s.gtin()), s.serial(), s.outcome().name(),
                s.clientKey(), s.sessionId(), s.country() == null ? null : s.country().value(), s.latitude(),
                s.longitude(), s.unitStatus() == null ? null : s.unitStatus().name());
    }

    // ---- state

    /** What detection knows of a unit; lot and intended market are null until its row is read ({@link #partial}). */
    private record UnitInfo(String gtin, @Nullable String lot, @Nullable String intendedMarket, Set<String> productMarkets,
                            ProductCategory category) {
        static final UnitInfo NONE = new UnitInfo("", "", "", Set.of(), ProductCategory.ELECTRONICS);

        boolean partial() {
            return intendedMarket == null;
        }

        boolean inMarket(String country) {
            return country.equals(intendedMarket) || productMarkets.contains(country);
        }
    }

    private static final class SerialState {
        @Nullable UnitInfo unit;
        final ArrayDeque<EvidenceScan> recent = new ArrayDeque<>();
        final LinkedHashMap<String, Instant> sessions = new LinkedHashMap<>();
        final Set<String> offMarketSessions = new HashSet<>();
        final ArrayDeque<EvidenceScan> offMarketScans = new ArrayDeque<>();
        final EnumMap<SignalType, Instant> lastRaised = new EnumMap<>(SignalType.class);
        GeoCentroids.@Nullable Point lastPoint;
        @Nullable EvidenceScan lastLocated;
        boolean lastClaimed;

        boolean cooldownOver(SignalType type, Instant at, Duration quiet) {
            Instant last = lastRaised.get(type);
            if (last == null || at.isAfter(last.plus(quiet))) {
                lastRaised.put(type, at);
                return true;
            }
            return false;
        }
    }

    private static final class ClientState {
        final ArrayDeque<EvidenceScan> bad = new ArrayDeque<>();
        @Nullable Instant lastEnumeration;
    }

    private static final class ForgedState {
        final Set<String> sessions = new HashSet<>();
        final List<EvidenceScan> evidence = new ArrayList<>();
        boolean raised;
    }

    private static final class ProductState {
        final Set<String> countries = new HashSet<>();
        long scans;
    }
}
