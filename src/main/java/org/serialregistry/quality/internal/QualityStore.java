package org.serialregistry.quality.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.serialregistry.quality.QualityAlertView;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.jdbc.core.RowMapper;

@Repository
public class QualityStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    QualityStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    public record Threshold(double percent, int minClaims) {
    }

    public Map<String, Threshold> thresholds() {
        var map = new TreeMap<String, Threshold>();
        jdbc.query("select gtin, max_claim_rate_percent, min_claims from quality_threshold", THRESHOLD)
                .forEach(t -> map.put(t.gtin(), new Threshold(t.maxClaimRatePercent(), t.minClaims())));
        return map;
    }

    public void setThreshold(String gtin, double percent, int minClaims, String by, Instant at) {
        int n = jdbc.update("update quality_threshold set max_claim_rate_percent = ?, min_claims = ?, updated_by = ?, "
                + "updated_at = ? where gtin = ?", percent, minClaims, by, at.atOffset(ZoneOffset.UTC), gtin);
        if (n == 0) {
            jdbc.update("insert into quality_threshold (gtin, max_claim_rate_percent, min_claims, updated_by, updated_at) "
                    + "values (?,?,?,?,?)", gtin, percent, minClaims, by, at.atOffset(ZoneOffset.UTC));
        }
    }

    public boolean alertExists(String gtin, String lot) {
        return jdbc.queryForObject("select count(*) from quality_alert where gtin = ? and lot = ?", Long.class, gtin, lot) > 0;
    }

    public long insertAlert(String gtin, String lot, String facility, String line, long claims, long units, double rate,
                            double threshold, @Nullable String topDefect, Instant at) {
        var keys = new GeneratedKeyHolder();
        client.sql("insert into quality_alert (gtin, lot, facility_code, line_code, claims, units, claim_rate_percent, "
                        + "threshold_percent, top_defect, raised_at, version) values (?,?,?,?,?,?,?,?,?,?,0)")
                .params(gtin, lot, facility, line, claims, units, Math.round(rate * 1000) / 1000.0, threshold, topDefect,
                        at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<QualityAlertView> alerts() {
        return jdbc.query("select * from quality_alert order by raised_at desc, id desc", ALERT);
    }

    public Optional<QualityAlertView> alert(long id) {
        return jdbc.query("select * from quality_alert where id = ?", ALERT, id).stream().findFirst();
    }

    public boolean acknowledge(long id, long expectedVersion, String by, Instant at, String notes) {
        return jdbc.update("update quality_alert set acknowledged_by = coalesce(acknowledged_by, ?), "
                + "acknowledged_at = coalesce(acknowledged_at, ?), notes = ?, version = version + 1 "
                + "where id = ? and version = ?", by, at.atOffset(ZoneOffset.UTC), notes, id, expectedVersion) == 1;
    }

    private record ThresholdRow(String gtin, double maxClaimRatePercent, int minClaims) {
    }

    private static final RowMapper<QualityAlertView> ALERT = Rows.of(QualityAlertView.class);
    private static final RowMapper<ThresholdRow> THRESHOLD = Rows.of(ThresholdRow.class);
}
