package org.serialregistry.counterfeit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.internal.GeoCentroids;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.serial.CodeCheck;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.ScansRecorded;
import org.serialregistry.verification.UnitScanned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence that detection works (issue 5): a seeded stream of more than 100,000 benign scans of
 * real units (people rescanning, travelling at normal speed, buying in the intended markets),
 * with attacks mixed in: codes cloned and scanned in two regions on the same day, printed
 * made-up codes, enumeration bursts from single clients, leaked-key codes, scans after a unit
 * was destroyed or stolen, and sales outside the intended market. The stream goes through the
 * real detector exactly as verification's scan-log writer hands it over (ScansRecorded events
 * of 500 scans, in time order). Every attack must raise a case of the matching kind; benign
 * traffic may raise cases for at most 0.1 % of its serials. The figures are printed.
 */
@IntegrationTest
@WithMockUser(username = "evidence", roles = {"PRODUCTION", "FORENSICS"})
class CounterfeitDetectionEvidenceTest {

    static final String PHONE = "09506000134352";      // ELECTRONICS, markets DE FR NL AT
    static final String GLUCO = "07612345000022";      // MEDICAL_DEVICE, markets US CA
    static final String CALIPER = "07612345000039";    // AUTOMOTIVE, markets DE CZ PL AT

    record City(String name, String country, double lat, double lon) {
    }

    static final Map<String, List<City>> MARKET_CITIES = Map.of(
            PHONE, List.of(new City("Berlin", "DE", 52.52, 13.405), new City("Hamburg", "DE", 53.55, 9.99),
                    new City("Munich", "DE", 48.137, 11.575), new City("Cologne", "DE", 50.94, 6.96),
                    new City("Paris", "FR", 48.857, 2.352), new City("Lyon", "FR", 45.764, 4.835),
                    new City("Amsterdam", "NL", 52.37, 4.895), new City("Rotterdam", "NL", 51.924, 4.478),
                    new City("Vienna", "AT", 48.208, 16.373), new City("Graz", "AT", 47.07, 15.44)),
            GLUCO, List.of(new City("New York", "US", 40.71, -74.006), new City("Chicago", "US", 41.878, -87.63),
                    new City("Houston", "US", 29.76, -95.37), new City("Los Angeles", "US", 34.05, -118.24),
                    new City("Atlanta", "US", 33.749, -84.388), new City("Toronto", "CA", 43.65, -79.38),
                    new City("Vancouver", "CA", 49.28, -123.12)),
            CALIPER, List.of(new City("Berlin", "DE", 52.52, 13.405), new City("Stuttgart", "DE", 48.78, 9.18),
                    new City("Prague", "CZ", 50.075, 14.437), new City("Brno", "CZ", 49.195, 16.607),
                    new City("Warsaw", "PL", 52.23, 21.01), new City("Krakow", "PL", 50.06, 19.94),
                    new City("Vienna", "AT", 48.208, 16.373)));

    static final List<City> FAR_AWAY = List.of(new City("Lagos", "NG", 6.52, 3.38),
            new City("Shenzhen", "CN", 22.54, 114.06), new City("Sao Paulo", "BR", -23.55, -46.63),
            new City("Dubai", "AE", 25.2, 55.27), new City("Istanbul", "TR", 41.01, 28.98),
            new City("Mumbai", "IN", 19.08, 72.88));

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    AlertCases cases;
    @Autowired
    JdbcTemplate jdbc;

    final Random rnd = new Random(20261125L);
    final Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Instant start = end.minus(Duration.ofDays(30));
    final List<UnitScanned> stream = new ArrayList<>();
    int benignScans;
    int attackScans;

    /** An injected attack and how to tell it was caught. */
    record Attack(String kind, @Nullable String serial, @Nullable String clientKey, SignalType expected) {
    }

    @Test
    void everyInjectedAttackRaisesACaseAndBenignTrafficAlmostNever() {
        Map<String, List<SerialNumber>> issued = new LinkedHashMap<>();
        issued.put(PHONE, issue(PHONE, "EVPH01", "DE-MUC", "L1", 4000, "DE"));
        issued.put(GLUCO, issue(GLUCO, "EVGL01", "US-AUS", "L2", 3000, "US"));
        issued.put(CALIPER, issue(CALIPER, "EVST01", "CZ-PLZ", "L1", 3000, "DE"));

        var attacks = new ArrayList<Attack>();
        var benign = new ArrayList<String>();
        var benignClients = new HashSet<String>();
        issued.forEach((gtin, serials) -> {
            var list = new ArrayList<>(serials);
            var attackSerials = list.subList(0, 40);
            var benignSerials = list.subList(40, list.size());
            for (SerialNumber s : benignSerials) {
                benign.add(s.value());
                benignClients.addAll(benignLife(gtin, s.value(), null));
            }
            for (int i = 0; i < 12; i++) {
                attacks.add(clone(gtin, attackSerials.get(i).value(), i % 2 == 0));
            }
            for (int i = 12; i < 20; i++) {
                attacks.add(afterInactive(gtin, attackSerials.get(i), i % 4 == 0 ? UnitStatus.STOLEN : UnitStatus.DESTROYED));
            }
            for (int i = 20; i < 30; i++) {
                attacks.add(offMarket(gtin, attackSerials.get(i).value()));
            }
            for (int i = 0; i < 4; i++) {
                attacks.add(enumeration(gtin, attackSerials.get(30 + i).value()));
            }
            for (int i = 0; i < 2; i++) {
                attacks.add(printedForgery(gtin, attackSerials.get(34 + i).value()));
            }
            attacks.add(leakedKey(gtin));
        });
        assertThat(benignScans).isGreaterThanOrEqualTo(100_000);

        // through the real detector, as the scan-log writer publishes: in time order, batches of 500
        stream.sort(Comparator.comparing(UnitScanned::at));
        long t0 = System.nanoTime();
        for (int i = 0; i < stream.size(); i += 500) {
            events.publishEvent(new ScansRecorded(List.copyOf(stream.subList(i, Math.min(stream.size(), i + 500)))));
        }
        assertThat(detector.awaitIdle(Duration.ofSeconds(120))).isTrue();
        double seconds = (System.nanoTime() - t0) / 1e9;

        // which attacks raised a case of the expected kind
        var missed = new ArrayList<Attack>();
        for (Attack a : attacks) {
            boolean caught = a.serial() != null
                    ? cases.search(new CaseQuery(a.serial(), null, a.expected(), 10)).stream().findAny().isPresent()
                    : jdbc.queryForObject("select count(*) from alert_case c where c.group_kind = 'CLIENT' and "
                    + "c.group_key = ? and exists (select 1 from alert_signal g where g.case_id = c.id and g.type = ?)",
                    Long.class, a.clientKey(), a.expected().name()) > 0;
            if (!caught) {
                missed.add(a);
            }
        }
        var flaggedSerials = new HashSet<>(jdbc.queryForList("select distinct serial from alert_signal where serial is not null",
                String.class));
        long benignFlagged = benign.stream().filter(flaggedSerials::contains).count();
        var flaggedClients = new HashSet<>(jdbc.queryForList(
                "select distinct group_key from alert_case where group_kind = 'CLIENT'", String.class));
        long benignClientsFlagged = benignClients.stream().filter(flaggedClients::contains).count();

        double detection = 100.0 * (attacks.size() - missed.size()) / attacks.size();
        double falsePositive = 100.0 * benignFlagged / benign.size();
        System.out.printf("%nCOUNTERFEIT DETECTION EVIDENCE (seed 20261125)%n");
        System.out.printf("  scans: %,d benign + %,d attack = %,d, processed in %.1f s (%,.0f scans/s)%n", benignScans,
                attackScans, stream.size(), seconds, stream.size() / seconds);
        var byKind = new LinkedHashMap<String, int[]>();
        for (Attack a : attacks) {
            var counts = byKind.computeIfAbsent(a.kind(), k -> new int[2]);
            counts[0]++;
            counts[1] += missed.contains(a) ? 0 : 1;
        }
        byKind.forEach((kind, c) -> System.out.printf("  %-28s %3d / %3d caught%n", kind, c[1], c[0]));
        System.out.printf("  detection rate: %d / %d attacks = %.1f %%%n", attacks.size() - missed.size(),
                attacks.size(), detection);
        System.out.printf("  false-positive rate: %d / %,d benign serials in a case = %.3f %%%n", benignFlagged,
                benign.size(), falsePositive);
        System.out.printf("  benign clients in a case: %d / %,d%n%n", benignClientsFlagged, benignClients.size());

        assertThat(missed).as("attacks that raised no case").isEmpty();
        assertThat(falsePositive).as("benign serials in a case, %").isLessThanOrEqualTo(0.1);
        assertThat(benignClientsFlagged).as("benign clients in a case").isZero();
    }

    // ---- benign life of one unit: sold in its market, scanned by its owner now and then, travelling by road

    List<String> benignLife(String gtin, String serial, @Nullable Instant until) {
        var cities = MARKET_CITIES.get(gtin);
        City home = cities.get(rnd.nextInt(cities.size()));
        String store = "store-" + home.name().toLowerCase().replace(' ', '-') + "-" + rnd.nextInt(20);
        String owner = "owner-" + Long.toHexString(rnd.nextLong());
        Instant t = start.plusSeconds(rnd.nextInt((int) Duration.ofDays(20).toSeconds()));
        var clients = new ArrayList<String>();
        clients.add(store);
        clients.add(owner);
        // the sale: the retailer checks, then the buyer checks once or twice in the shop
        t = session(gtin, serial, store, home, t, 1 + rnd.nextInt(2), true, until);
        t = session(gtin, serial, owner, home, t.plusSeconds(60 + rnd.nextInt(600)), 1 + rnd.nextInt(3), true, until);
        int occasions = gtin.equals(GLUCO) ? 2 + rnd.nextInt(3) : 2 + rnd.nextInt(5);
        City here = home;
        for (int i = 0; i < occasions && t.isBefore(end); i++) {
            City next = rnd.nextInt(5) == 0 ? cities.get(rnd.nextInt(cities.size())) : here;
            double km = GeoCentroids.distanceKm(point(here), point(next));
            long travel = (long) (km / 80.0 * 3600) + 3600; // by road at 80 km/h, plus an hour
            t = t.plusSeconds(travel + rnd.nextInt((int) Duration.ofDays(2).toSeconds()));
            here = next;
            t = session(gtin, serial, owner, here, t, 1 + rnd.nextInt(4), false, until);
        }
        return clients;
    }

    Instant session(String gtin, String serial, String client, City city, Instant t, int scans, boolean typo,
                    @Nullable Instant until) {
        String session = "s-" + Long.toHexString(rnd.nextLong());
        boolean gps = rnd.nextBoolean();
        for (int i = 0; i < scans; i++) {
            if (t.isAfter(end) || until != null && t.isAfter(until)) {
                return t;
            }
            if (typo && rnd.nextInt(200) == 0) {
                String wrong = mistype(serial);
                add(new UnitScanned(id(), t, gtin, wrong, outcomeOf(gtin, wrong), client, session,
                        new CountryCode(city.country()), null, null, "mobile", null), false);
                t = t.plusSeconds(20);
            }
            add(scan(t, gtin, serial, client, session, city, gps, UnitStatus.ACTIVE), false);
            t = t.plusSeconds(5 + rnd.nextInt(120));
        }
        return t;
    }

    // ---- attacks

    /**
     * Copies of a genuine code sold elsewhere: the holder of the genuine unit scans it at home
     * about hourly while copies are scanned in another region the same hours; far away, or at the
     * far end of the intended market (where buyers shared their location).
     */
    Attack clone(String gtin, String serial, boolean farAway) {
        var cities = MARKET_CITIES.get(gtin);
        City home = cities.getFirst();
        City elsewhere = cities.getLast();
        double widest = -1;
        for (City a : cities) {
            for (City b : cities) {
                double km = GeoCentroids.distanceKm(point(a), point(b));
                if (km > widest) {
                    widest = km;
                    home = a;
                    elsewhere = b;
                }
            }
        }
        if (farAway) {
            elsewhere = FAR_AWAY.get(rnd.nextInt(FAR_AWAY.size()));
        }
        Instant day = start.plus(Duration.ofDays(5 + rnd.nextInt(20)));
        for (int h = 0; h <= 6; h++) {
            add(scan(day.plus(Duration.ofMinutes(h * 60L + rnd.nextInt(10))), gtin, serial, "holder-" + serial,
                    "s-own-" + serial + "-" + h, home, true, UnitStatus.ACTIVE), true);
        }
        int copies = 3 + rnd.nextInt(6);
        for (int i = 0; i < copies; i++) {
            Instant t = day.plus(Duration.ofMinutes(rnd.nextInt(6 * 60)));
            add(scan(t, gtin, serial, "buyer-" + serial + "-" + i, "s-copy-" + serial + "-" + i, elsewhere,
                    !farAway || rnd.nextBoolean(), UnitStatus.ACTIVE), true);
        }
        return new Attack(farAway ? "cloned code, far region" : "cloned code, same market", serial, null,
                SignalType.GEO_ANOMALY);
    }

    /** A unit destroyed (or stolen) is scanned afterwards: its code was lifted or the unit resold. */
    Attack afterInactive(String gtin, SerialNumber serial, UnitStatus status) {
        Instant cut = start.plus(Duration.ofDays(10));
        benignLife(gtin, serial.value(), cut);
        units.changeStatus(serial, status, "evidence test: " + status.label().toLowerCase());
        City city = MARKET_CITIES.get(gtin).get(rnd.nextInt(3));
        Instant t = cut.plus(Duration.ofDays(1 + rnd.nextInt(15)));
        add(new UnitScanned(id(), t, gtin, serial.value(), ScanOutcome.GENUINE_WITH_WARNING, "reseller-" + serial,
                "s-resale-" + serial, new CountryCode(city.country()), null, null, "mobile", status), true);
        return new Attack("scanned after " + status.label().toLowerCase(), serial.value(), null,
                SignalType.SCANNED_WHILE_INACTIVE);
    }

    /** Genuine units diverted to a market they were not made for: the shop and the buyer scan there. */
    Attack offMarket(String gtin, String serial) {
        City city = FAR_AWAY.get(rnd.nextInt(FAR_AWAY.size()));
        Instant t = start.plus(Duration.ofDays(3 + rnd.nextInt(25)));
        add(scan(t, gtin, serial, "grey-shop-" + city.country(), "s-grey-" + serial, city, false, UnitStatus.ACTIVE), true);
        add(scan(t.plus(Duration.ofMinutes(15)), gtin, serial, "grey-buyer-" + serial, "s-buyer-" + serial, city,
                rnd.nextBoolean(), UnitStatus.ACTIVE), true);
        return new Attack("off-market sale", serial, null, SignalType.OFF_MARKET);
    }

    /** One client tries made-up codes, mutations of a genuine one, in a burst. */
    Attack enumeration(String gtin, String seedSerial) {
        String client = "prober-" + Long.toHexString(rnd.nextLong());
        String session = "s-" + client;
        Instant t = start.plus(Duration.ofDays(2 + rnd.nextInt(26)));
        int tries = 40 + rnd.nextInt(40);
        City city = FAR_AWAY.get(rnd.nextInt(FAR_AWAY.size()));
        for (int i = 0; i < tries; i++) {
            String guess = i % 5 == 4 ? seedSerial.substring(0, 19) : mistype(seedSerial);
            add(new UnitScanned(id(), t, gtin, guess, outcomeOf(gtin, guess), client, session,
                    new CountryCode(city.country()), null, null, "script", null), true);
            t = t.plusSeconds(2 + rnd.nextInt(8));
        }
        return new Attack("enumeration burst", null, client, SignalType.ENUMERATION);
    }

    /** A made-up code printed on copies: many buyers scan the same forged code. */
    Attack printedForgery(String gtin, String genuine) {
        String forged = mistype(genuine);
        assertThat(outcomeOf(gtin, forged)).isEqualTo(ScanOutcome.FORGED);
        Instant t = start.plus(Duration.ofDays(1 + rnd.nextInt(27)));
        City city = MARKET_CITIES.get(gtin).get(rnd.nextInt(3));
        for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
            add(new UnitScanned(id(), t, gtin, forged, ScanOutcome.FORGED, "fake-buyer-" + forged + i,
                    "s-fake-" + forged + i, new CountryCode(city.country()), null, null, "mobile", null), true);
            t = t.plus(Duration.ofHours(1 + rnd.nextInt(48)));
        }
        return new Attack("printed forged code", forged, null, SignalType.FORGED_CODE);
    }

    /** A code with a valid tag for a serial never issued: only someone holding a key could make it. */
    Attack leakedKey(String gtin) {
        String serial = "LEAK" + gtin.substring(8) + Integer.toString(rnd.nextInt(1_000_000), 36).toUpperCase();
        Instant t = start.plus(Duration.ofDays(1 + rnd.nextInt(27)));
        add(new UnitScanned(id(), t, gtin, serial, ScanOutcome.NOT_ISSUED, "leak-" + serial, "s-leak-" + serial,
                new CountryCode("NG"), null, null, "mobile", null), true);
        return new Attack("unknown serial (key leak)", serial, null, SignalType.NOT_ISSUED);
    }

    // ---- helpers

    List<SerialNumber> issue(String gtin, String lot, String facility, String line, int quantity, String market) {
        var batch = issuance.issue(new IssueBatchRequest(gtin, lot, facility, line, quantity,
                LocalDate.now().minusDays(40), null, market, null), "evidence-" + lot, true).batch();
        return issuance.serials(batch.id(), 0, quantity);
    }

    UnitScanned scan(Instant t, String gtin, String serial, String client, String session, City city, boolean gps,
                     UnitStatus status) {
        Double lat = gps ? city.lat() + (rnd.nextDouble() - 0.5) * 0.1 : null;
        Double lon = gps ? city.lon() + (rnd.nextDouble() - 0.5) * 0.1 : null;
        return new UnitScanned(id(), t, gtin, serial, ScanOutcome.GENUINE, client, session,
                new CountryCode(city.country()), lat, lon, "mobile", status);
    }

    void add(UnitScanned scan, boolean attack) {
        stream.add(scan);
        if (attack) {
            attackScans++;
        } else {
            benignScans++;
        }
    }

    ScanOutcome outcomeOf(String gtin, String serial) {
        return switch (units.checkCode(new Gtin(gtin), serial)) {
            case CodeCheck.Genuine g -> ScanOutcome.NOT_ISSUED;
            case CodeCheck.Forged f -> ScanOutcome.FORGED;
            case CodeCheck.Malformed m -> ScanOutcome.MALFORMED;
        };
    }

    String mistype(String serial) {
        char[] c = serial.toCharArray();
        int i = rnd.nextInt(c.length);
        char original = c[i];
        do {
            c[i] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt(rnd.nextInt(32));
        } while (c[i] == original);
        return new String(c);
    }

    UUID id() {
        return new UUID(rnd.nextLong(), rnd.nextLong());
    }

    static GeoCentroids.Point point(City c) {
        return new GeoCentroids.Point(c.lat(), c.lon(), true, c.country());
    }
}
