package org.serialregistry.warranty.internal;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serialregistry.shared.Caches;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.verification.WarrantyLookup;
import org.serialregistry.verification.WarrantySummary;
import org.serialregistry.warranty.WarrantyCoverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Coverage for the public verification page. Answers are kept for {@link #TTL} per serial, since a
 * label is often scanned several times in a row; a registration change forgets its serial at once.
 * Never throws: a failure means the page shows no warranty line.
 */
@Component
public class PublicWarrantyLookup implements WarrantyLookup {

    static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 20_000;
    private static final Logger log = LoggerFactory.getLogger(PublicWarrantyLookup.class);

    private final WarrantyCoverage coverage;
    /** Keyed by serial (a serial is unique across products), so a registration change forgets it directly. */
    private final Cache<String, Answer> cache;

    /** The answer for one product's serial; another product's same serial is looked up afresh. */
    private record Answer(String gtin, Optional<WarrantySummary> summary) {
    }

    private final PublicCoverageFacts facts;

    PublicWarrantyLookup(WarrantyCoverage coverage, CacheManager caches, PublicCoverageFacts facts) {
        this.coverage = coverage;
        this.facts = facts;
        this.cache = Caches.register(caches, "warranty.public-coverage",
                Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL));
    }

    @Override
    public Optional<WarrantySummary> coverage(UnitRecord unit) {
        String key = unit.serial().value();
        var hit = cache.getIfPresent(key);
        if (hit != null && hit.gtin().equals(unit.gtin().value())) {
            return hit.summary();
        }
        Optional<WarrantySummary> answer;
        try {
            var c = coverage.today(unit, facts);
            answer = Optional.of(new WarrantySummary(c.covered(), c.until(), c.explanation(), c.registered()));
        } catch (RuntimeException e) {
            log.warn("coverage lookup failed for {}: {}", key, e.toString());
            return Optional.empty();
        }
        cache.put(key, new Answer(unit.gtin().value(), answer));
        return answer;
    }

    /** Forgets a serial's answer (its registration changed). */
    public void forget(String serial) {
        facts.registered(serial);
        cache.invalidate(serial);
    }
}
