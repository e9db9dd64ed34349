package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.serialregistry.counterfeit.Thresholds;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The detector's thresholds per product category ({@code counterfeit_threshold}), versioned for optimistic locking. */
@Repository
public class ThresholdStore {

    private final JdbcClient jdbc;

    ThresholdStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Thresholds> all() {
        return jdbc.sql("select * from counterfeit_threshold").query(Rows.of(Thresholds.class)).list();
    }

    /** Writes {@code t} if its version is still the stored one; false when someone saved in between. */
    public boolean update(Thresholds t, String by, Instant at) {
        return jdbc.sql("""
                update counterfeit_threshold set max_sessions = ?, session_window_days = ?, enumeration_count = ?,
                  enumeration_window_minutes = ?, max_speed_kmh = ?, off_market_sessions = ?,
                  new_country_warmup_scans = ?, version = version + 1, updated_by = ?, updated_at = ?
                where category = ? and version = ?""")
                .params(t.maxSessions(), t.sessionWindowDays(), t.enumerationCount(), t.enumerationWindowMinutes(),
                        t.maxSpeedKmh(), t.offMarketSessions(), t.newCountryWarmupScans(), by,
                        at.atOffset(ZoneOffset.UTC), t.category().name(), t.version())
                .update() == 1;
    }
}
