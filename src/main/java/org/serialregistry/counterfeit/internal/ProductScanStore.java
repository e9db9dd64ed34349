package org.serialregistry.counterfeit.internal;

import java.sql.Types;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the detector remembers per product across restarts: the countries a product was scanned in
 * ({@code product_country_seen}) and how often it was scanned ({@code product_scan_count}), for the
 * "new country" warm-up. Written in batches with the signals of the same detection pass.
 */
@Repository
class ProductScanStore {

    private static final int[] COUNTRY_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE};

    private final JdbcTemplate jdbc;

    ProductScanStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> countriesSeen(String gtin) {
        return jdbc.queryForList("select country from product_country_seen where gtin = ?", String.class, gtin);
    }

    long scanCount(String gtin) {
        var count = jdbc.queryForList("select scans from product_scan_count where gtin = ?", Long.class, gtin);
        return count.isEmpty() ? 0 : count.getFirst();
    }

    /** Rows (gtin, country, first seen); inside the caller's transaction. */
    void addCountries(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into product_country_seen (gtin, country, first_seen_at) values (?,?,?)", rows,
                    COUNTRY_TYPES);
        }
    }

    /** Rows (scans, gtin); inside the caller's transaction. */
    void saveScanCounts(List<Object[]> rows) {
        for (Object[] row : rows) {
            if (jdbc.update("update product_scan_count set scans = ? where gtin = ?", row) == 0) {
                jdbc.update("insert into product_scan_count (scans, gtin) values (?,?)", row);
            }
        }
    }
}
