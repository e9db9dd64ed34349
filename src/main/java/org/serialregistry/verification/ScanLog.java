package org.serialregistry.verification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.CountryCode;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final Verifications verifications;

    ScanLog(JdbcTemplate jdbc, Verifications verifications) {
        this.jdbc = jdbc;
        this.verifications = verifications;
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public List<UnitScanned> find(ScanFilter filter, int offset, int limit) {
        var where = where(filter);
        var args = new ArrayList<>(where.args);
        args.add(Math.max(0, offset));
        args.add(Math.min(Math.max(1, limit), MAX_PAGE));
        return jdbc.query("select * from scan_record" + where.sql + " order by scanned_at desc, seq desc offset ? rows fetch next ? rows only",
                ScanLog::map, args.toArray());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public long count(ScanFilter filter) {
        var where = where(filter);
        Long n = jdbc.queryForObject("select count(*) from scan_record" + where.sql, Long.class, where.args.toArray());
        return n == null ? 0 : n;
    }

    /**
     * The newest scans since {@code from}, at most {@code max}, oldest first: what counterfeit
     * detection replays into its memory after a restart.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<UnitScanned> since(java.time.Instant from, int max) {
        var newestFirst = jdbc.query("select * from scan_record where scanned_at >= ? order by scanned_at desc, seq desc "
                + "fetch first ? rows only", ScanLog::map, from.atOffset(ZoneOffset.UTC), Math.max(0, max));
        return newestFirst.reversed();
    }

    /** Distinct anonymous sessions: repeated scans by one person count once. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public long people(ScanFilter filter) {
        var where = where(filter);
        Long n = jdbc.queryForObject("select count(distinct session_id) from scan_record" + where.sql, Long.class,
                where.args.toArray());
        return n == null ? 0 : n;
    }

    /** Scans per UTC day, oldest first; days without scans are left out. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public Map<LocalDate, Long> perDay(ScanFilter filter) {
        var where = where(filter);
        var days = new java.util.TreeMap<LocalDate, Long>();
        jdbc.query("select cast(scanned_at at time zone 'UTC' as date) as d, count(*) from scan_record" + where.sql
                + " group by cast(scanned_at at time zone 'UTC' as date)", (ResultSet rs) -> {
            days.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
        }, where.args.toArray());
        return days;
    }

    /** Scans per country, most first; scans without a known country under "unknown". */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    public Map<String, Long> perCountry(ScanFilter filter) {
        var where = where(filter);
        var result = new LinkedHashMap<String, Long>();
        jdbc.query("select coalesce(country, 'unknown') as c, count(*) as n from scan_record" + where.sql
                + " group by coalesce(country, 'unknown') order by n desc, c", (ResultSet rs) -> {
            result.put(rs.getString(1), rs.getLong(2));
        }, where.args.toArray());
        return result;
    }

    private record Where(String sql, List<Object> args) {
    }

    private Where where(ScanFilter f) {
        var parts = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (f.serial() != null && !f.serial().isBlank()) {
            // Scans of codes that passed their check are indexed under unit_serial; scans that failed
            // it (FORGED, MALFORMED) are not, and are found by the serial as scanned (a search
            // through the log: narrow it by date on a large one). Without an outcome, a code our keys
            // made is looked up in the index: its failed scans (a mistyped GTIN) show with that outcome.
            String serial = f.serial().strip().toUpperCase(java.util.Locale.ROOT);
            boolean failedOutcome = f.outcome() == ScanOutcome.FORGED || f.outcome() == ScanOutcome.MALFORMED;
            boolean indexed = f.outcome() != null ? !failedOutcome : verifications.passesCodeCheck(serial);
            parts.add(indexed ? "unit_serial = ?" : "serial = ?");
            args.add(serial);
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

    private static UnitScanned map(ResultSet rs, int n) throws SQLException {
        String country = rs.getString("country");
        String status = rs.getString("unit_status");
        double lat = rs.getDouble("latitude");
        Double latitude = rs.wasNull() ? null : lat;
        double lon = rs.getDouble("longitude");
        Double longitude = rs.wasNull() ? null : lon;
        return new UnitScanned(rs.getObject("id", UUID.class), rs.getObject("scanned_at", OffsetDateTime.class).toInstant(),
                rs.getString("gtin"), rs.getString("serial"), ScanOutcome.valueOf(rs.getString("outcome")),
                rs.getString("client_key"), rs.getString("session_id"), country == null ? null : new CountryCode(country),
                latitude, longitude, rs.getString("user_agent_class"), status == null ? null : UnitStatus.valueOf(status),
                rs.getBoolean("location_claimed"));
    }
}
