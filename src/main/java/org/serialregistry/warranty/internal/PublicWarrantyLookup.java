package org.serialregistry.warranty.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.WarrantyLookup;
import org.serialregistry.verification.WarrantySummary;
import org.serialregistry.warranty.WarrantyCoverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private record Entry(Optional<WarrantySummary> summary, Instant expires) {
    }

    private final WarrantyCoverage coverage;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    PublicWarrantyLookup(WarrantyCoverage coverage, Clock clock) {
        this.coverage = coverage;
        this.clock = clock;
    }

    @Override
    public Optional<WarrantySummary> coverage(Gtin gtin, SerialNumber serial) {
        String key = gtin.value() + "/" + serial.value();
        Instant now = Instant.now(clock);
        var hit = cache.get(key);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.summary();
        }
        Optional<WarrantySummary> answer;
        try {
            answer = coverage.today(gtin, serial).map(c -> new WarrantySummary(c.covered(), c.until(),
                    c.explanation(), c.registered()));
        } catch (RuntimeException e) {
            log.warn("coverage lookup failed for {}: {}", key, e.toString());
            return Optional.empty();
        }
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Entry(answer, now.plus(TTL)));
        return answer;
    }

    /** Forgets a serial's answer (its registration changed). */
    public void forget(String serial) {
        cache.keySet().removeIf(k -> k.endsWith("/" + serial));
    }
}
