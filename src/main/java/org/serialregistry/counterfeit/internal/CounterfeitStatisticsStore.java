package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.serialregistry.counterfeit.CounterfeitStatistics;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The figures behind the forensic workspace's charts, read from the cases and signals. */
@Repository
public class CounterfeitStatisticsStore {

    private record CaseOpened(OffsetDateTime firstSeenAt, SignalType firstType) {
    }

    private record Count(String bucket, long n) {
    }

    private final JdbcClient jdbc;

    CounterfeitStatisticsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Cases first seen since {@code since}: per UTC day and first signal, per country and per product; the top clones and probers. */
    public CounterfeitStatistics since(Instant since) {
        var from = since.atOffset(ZoneOffset.UTC);
        var perDay = new TreeMap<LocalDate, Map<SignalType, Long>>();
        jdbc.sql("select first_seen_at, first_type from alert_case where first_seen_at >= ?").param(from)
                .query(Rows.of(CaseOpened.class)).list().forEach(c -> perDay
                        .computeIfAbsent(c.firstSeenAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
                                d -> new EnumMap<>(SignalType.class))
                        .merge(c.firstType(), 1L, Long::sum));
        var byCountry = counts("coalesce(country, 'unknown')", from);
        var byProduct = counts("coalesce(gtin, 'no product')", from);
        List<CounterfeitStatistics.ClonedSerial> cloned = jdbc.sql("""
                select g.serial, max(g.gtin) gtin, count(distinct s.session_id) sessions, count(distinct s.country) countries,
                       count(distinct g.id) signals
                from alert_signal g left join alert_signal_scan s on s.signal_id = g.id
                where g.type in ('GEO_ANOMALY','SCAN_COUNT','SCANNED_WHILE_INACTIVE','OFF_MARKET') and g.serial is not null
                group by g.serial order by sessions desc, countries desc, g.serial fetch first 20 rows only""")
                .query(Rows.of(CounterfeitStatistics.ClonedSerial.class)).list();
        List<CounterfeitStatistics.ProbingClient> probers = jdbc.sql("""
                select g.client_key, count(distinct s.scan_id) bad_codes, count(distinct g.id) signals
                from alert_signal g left join alert_signal_scan s on s.signal_id = g.id
                where g.type in ('ENUMERATION','FORGED_CODE','NOT_ISSUED') and g.client_key is not null
                group by g.client_key order by bad_codes desc, signals desc, g.client_key fetch first 20 rows only""")
                .query(Rows.of(CounterfeitStatistics.ProbingClient.class)).list();
        return new CounterfeitStatistics(perDay, byCountry, byProduct, cloned, probers);
    }

    /** Cases per {@code label} expression (a grouping column), most first. The expression is one of this class's constants. */
    private Map<String, Long> counts(String label, OffsetDateTime from) {
        var result = new LinkedHashMap<String, Long>();
        jdbc.sql("select " + label + " bucket, count(*) n from alert_case where first_seen_at >= ? group by " + label
                        + " order by n desc, bucket").param(from)
                .query(Rows.of(Count.class)).list().forEach(c -> result.put(c.bucket(), c.n()));
        return result;
    }
}
