package org.serialregistry.verification.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.util.Collection;

import org.serialregistry.shared.Rows;
import org.serialregistry.verification.LoggedScan;
import org.serialregistry.verification.ScanFilter;
import org.serialregistry.verification.UnitScanned;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the scan log ({@code scan_record}); rows map onto {@link UnitScanned} by column name.
 * Writes are {@link ScanLogWriter}'s (batched, COPY on PostgreSQL).
 */
@Repository
public class ScanLogStore {

    /** The scan log's columns under {@link UnitScanned}'s component names. */
    private static final String SCAN = "select id as scan_id, scanned_at as \"AT\", gtin, serial, outcome, client_key, "
            + "session_id, country, latitude, longitude, user_agent_class, unit_status, location_claimed from scan_record";

    private static final String SCAN_AT = SCAN.replace("select id as scan_id", "select seq, id as scan_id");

    /** Which scans a filter selects; {@code indexedSerial} says whether its serial is looked up in the unit index. */
    public record Criteria(ScanFilter filter, boolean indexedSerial) {
    }

    private record Where(String sql, List<Object> args) {
    }

    private record DayCount(LocalDate scanDay, long scans) {
    }

    private record CountryCount(String country, long scans) {
    }

    private static final RowMapper<UnitScanned> SCANS = Rows.of(UnitScanned.class);
    private static final RowMapper<LoggedScan> LOGGED = (rs, row) -> new LoggedScan(rs.getLong("seq"), SCANS.mapRow(rs, row));

    private final JdbcClient jdbc;

    ScanLogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    public List<UnitScanned> find(Criteria criteria, int offset, int limit) {
        var where = where(criteria);
        return jdbc.sql(SCAN + where.sql + " order by scanned_at desc, seq desc offset ? rows fetch next ? rows only")
                .params(where.args).param(offset).param(limit).query(Rows.of(UnitScanned.class)).list();
    }

    public long count(Criteria criteria) {
        var where = where(criteria);
        return jdbc.sql("select count(*) from scan_record" + where.sql).params(where.args).query(Long.class).single();
    }

    /** Distinct anonymous sessions. */
    public long people(Criteria criteria) {
        var where = where(criteria);
        return jdbc.sql("select count(distinct session_id) from scan_record" + where.sql).params(where.args)
                .query(Long.class).single();
    }

    /** The newest {@code max} scans since {@code from}, oldest first. */
    public List<UnitScanned> since(Instant from, int max) {
        return jdbc.sql(SCAN + " where scanned_at >= ? order by scanned_at desc, seq desc fetch first ? rows only")
                .param(from.atOffset(ZoneOffset.UTC)).param(max).query(Rows.of(UnitScanned.class)).list().reversed();
    }

    /** Up to {@code max} scans after position {@code seq}, in position order. */
    public List<LoggedScan> after(long seq, int max) {
        return jdbc.sql(SCAN_AT + " where seq > ? order by seq fetch first ? rows only").param(seq).param(max)
                .query(LOGGED).list();
    }

    /** The scans at these positions that are in the log (those not yet committed are not), in position order. */
    public List<LoggedScan> at(Collection<Long> seqs) {
        return seqs.isEmpty() ? List.of() : jdbc.sql(SCAN_AT + " where seq in (:seqs) order by seq")
                .param("seqs", seqs).query(LOGGED).list();
    }

    /** The newest {@code max} scans since {@code from} with their positions, oldest first. */
    public List<LoggedScan> loggedSince(Instant from, int max) {
        return jdbc.sql(SCAN_AT + " where scanned_at >= ? order by scanned_at desc, seq desc fetch first ? rows only")
                .param(from.atOffset(ZoneOffset.UTC)).param(max).query(LOGGED).list().reversed();
    }

    /** Scans per UTC day, oldest first; days without scans are left out. */
    public Map<LocalDate, Long> perDay(Criteria criteria) {
        var where = where(criteria);
        var days = new TreeMap<LocalDate, Long>();
        jdbc.sql("select cast(scanned_at at time zone 'UTC' as date) as scan_day, count(*) as scans from scan_record"
                        + where.sql + " group by cast(scanned_at at time zone 'UTC' as date)")
                .params(where.args).query(Rows.of(DayCount.class)).list().forEach(d -> days.put(d.scanDay(), d.scans()));
        return days;
    }

    /** Scans per country, most first; scans without a known country under "unknown". */
    public Map<String, Long> perCountry(Criteria criteria) {
        var where = where(criteria);
        var result = new LinkedHashMap<String, Long>();
        jdbc.sql("select coalesce(country, 'unknown') as country, count(*) as scans from scan_record" + where.sql
                        + " group by coalesce(country, 'unknown') order by scans desc, country")
                .params(where.args).query(Rows.of(CountryCount.class)).list().forEach(c -> result.put(c.country(), c.scans()));
        return result;
    }

    private static Where where(Criteria criteria) {
        var f = criteria.filter();
        var parts = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (f.serial() != null && !f.serial().isBlank()) {
            parts.add(criteria.indexedSerial() ? "unit_serial = ?" : "serial = ?");
            args.add(f.serial().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.outcome() != null) {
            parts.add("outcome = ?");
            args.add(f.outcome().name());
        }
        if (f.country() != null && !f.country().isBlank()) {
            parts.add("country = ?");
            args.add(f.country().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.from() != null) {
            parts.add("scanned_at >= ?");
            args.add(f.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            parts.add("scanned_at < ?");
            args.add(f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return new Where(parts.isEmpty() ? "" : " where " + String.join(" and ", parts), args);
    }
}
