package org.serialregistry.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.verification.internal.ScanLogStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the scan log, for channel managers and forensic reviewers: pages of scans, counts, and
 * scans per day and per country. "Scans" count rows; "people" count distinct anonymous sessions.
 */
@Service
public class ScanLog {

    private static final int MAX_PAGE = 1000;
    /** The days the statistics screen shows: today (UTC) and the 29 before. */
    public static final int STATISTICS_DAYS = 30;
    /** The longest range of one statistics request: each figure is a count over the scan log. */
    public static final int MAX_STATISTICS_DAYS = 366;

    private final ScanLogStore store;
    private final Verifications verifications;
    private final Clock clock;

    ScanLog(ScanLogStore store, Verifications verifications, Clock clock) {
        this.store = store;
        this.verifications = verifications;
        this.clock = clock;
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public List<UnitScanned> find(ScanFilter filter, int offset, int limit) {
        return store.find(criteria(filter), Math.max(0, offset), Math.min(Math.max(1, limit), MAX_PAGE));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public long count(ScanFilter filter) {
        return store.count(criteria(filter));
    }

    /**
     * The newest scans since {@code from}, at most {@code max}, oldest first: what counterfeit
     * detection replays into its memory after a restart.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<UnitScanned> since(Instant from, int max) {
        return store.since(from, Math.max(0, max));
    }

    /**
     * Up to {@code max} scans after position {@code seq}, in position order: how counterfeit
     * detection's one leader follows the log that every replica writes.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<LoggedScan> after(long seq, int max) {
        return store.after(seq, Math.max(0, max));
    }

    /**
     * The scans at these positions that have been committed by now, in position order: a position
     * skipped by {@link #after} may belong to a batch another replica had not committed yet.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<LoggedScan> at(Collection<Long> seqs) {
        return store.at(seqs);
    }

    /** As {@link #since}, with each scan's position. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<LoggedScan> loggedSince(Instant from, int max) {
        return store.loggedSince(from, Math.max(0, max));
    }

    /** Distinct anonymous sessions: repeated scans by one person count once. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public long people(ScanFilter filter) {
        return store.people(criteria(filter));
    }

    /** Scans per UTC day, oldest first; days without scans are left out. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public Map<LocalDate, Long> perDay(ScanFilter filter) {
        return store.perDay(criteria(filter));
    }

    /** Scans per country, most first; scans without a known country under "unknown". */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public Map<String, Long> perCountry(ScanFilter filter) {
        return store.perCountry(criteria(filter));
    }

    /**
     * The figures of the scan statistics screen (see {@link ScanStatistics}) for the UTC days
     * {@code from} to {@code to}, both inclusive; without {@code to} through today, without
     * {@code from} the {@value #STATISTICS_DAYS} days up to {@code to}, as the screen shows them.
     *
     * @throws InvalidInput "to: ..." when {@code to} is before {@code from} or the range is longer than
     *                      {@value #MAX_STATISTICS_DAYS} days
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS')")
    public ScanStatistics statistics(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = from != null ? from : last.minusDays(STATISTICS_DAYS - 1);
        var errors = new InvalidInput.Collector();
        if (errors.require(!last.isBefore(first), "to", "must not be before from")) {
            errors.require(java.time.temporal.ChronoUnit.DAYS.between(first, last) < MAX_STATISTICS_DAYS, "to",
                    "the statistics cover at most " + MAX_STATISTICS_DAYS + " days; ask for a shorter range");
        }
        errors.throwIfAny();
        var all = new ScanFilter(null, null, null, first, last);
        return new ScanStatistics(first, last, count(all), people(all),
                count(new ScanFilter(null, ScanOutcome.FORGED, null, first, last)),
                count(new ScanFilter(null, ScanOutcome.NOT_ISSUED, null, first, last)), perDay(all), perCountry(all));
    }

    /**
     * Scans of codes that passed their check are indexed under {@code unit_serial}; scans that failed
     * it (FORGED, MALFORMED) are not, and are found by the serial as scanned (a search through the
     * log: narrow it by date on a large one). Without an outcome, a code our keys made is looked up in
     * the index: its failed scans (a mistyped GTIN) show with that outcome.
     */
    private ScanLogStore.Criteria criteria(ScanFilter f) {
        if (f.serial() == null || f.serial().isBlank()) {
            return new ScanLogStore.Criteria(f, false);
        }
        String serial = f.serial().strip().toUpperCase(java.util.Locale.ROOT);
        boolean failedOutcome = f.outcome() == ScanOutcome.FORGED || f.outcome() == ScanOutcome.MALFORMED;
        boolean indexed = f.outcome() != null ? !failedOutcome : verifications.passesCodeCheck(serial);
        return new ScanLogStore.Criteria(f, indexed);
    }
}
