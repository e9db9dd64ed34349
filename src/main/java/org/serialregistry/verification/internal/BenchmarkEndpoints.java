package org.serialregistry.verification.internal;

import java.util.List;
import java.util.Map;

import org.serialregistry.serial.SerialIssuance;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Baselines for the verification benchmark, served by the same jar in the same run: a fixed JSON
 * reply, and a bare primary-key lookup of the unit table. Only with the {@code benchmark} profile,
 * never by default (and the paths are under /01/ so they share the public chain and rate limit).
 */
@RestController
@Profile("benchmark")
class BenchmarkEndpoints {

    private static final Map<String, Object> FIXED = Map.of("verified", true, "message", "fixed reply");

    private final JdbcTemplate jdbc;
    private final SerialIssuance issuance;

    BenchmarkEndpoints(JdbcTemplate jdbc, SerialIssuance issuance) {
        this.jdbc = jdbc;
        this.issuance = issuance;
    }

    @GetMapping("/01/bench/fixed")
    Map<String, Object> fixed() {
        return FIXED;
    }

    @GetMapping("/01/bench/pk/{serial}")
    ResponseEntity<Map<String, Object>> primaryKey(@PathVariable String serial) {
        var rows = jdbc.queryForList("select serial, gtin, lot from unit where serial = ?", serial);
        return rows.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(rows.getFirst());
    }

    /**
     * GTIN and serial pairs of issued units, for the load generator: the first {@code n}, or with
     * {@code sample=uniform} {@code n} drawn uniformly from all units (so that a benchmark on a large
     * registry measures cache misses, not the unit cache).
     */
    @GetMapping("/01/bench/serials")
    List<Map<String, Object>> serials(@RequestParam(defaultValue = "1000") int n,
                                      @RequestParam(defaultValue = "first") String sample) {
        if (sample.equals("uniform")) {
            return jdbc.queryForList("select gtin, serial from unit order by random() fetch first ? rows only",
                    Math.min(n, 2_000_000));
        }
        return jdbc.queryForList("select gtin, serial from unit fetch first ? rows only", Math.min(n, 100_000));
    }
}
