package org.serialregistry.verification.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.verification.ScanFilter;
import org.serialregistry.verification.ScanLog;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.ScanStatistics;
import org.serialregistry.verification.UnitScanned;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scan log and scan statistics screens for channel and forensics systems: scans newest first,
 * filtered as the portal filters them (serial, outcome, country, UTC days), paged with the shared
 * {@link ListQuery}; and the statistics screen's figures for the last 30 days or the UTC days asked.
 */
@RestController
@Tag(name = "Scan log")
class ScanLogApiController {

    private final ScanLog scans;

    ScanLogApiController(ScanLog scans) {
        this.scans = scans;
    }

    /**
     * One scan as the portal's grid shows it: the client key and the anonymous session shortened to
     * their first 8 characters (enough to see repeats, not to follow a person).
     */
    record ScanAnswer(UUID scanId, Instant at, @Nullable String gtin, String serial, String outcome,
                      @Nullable String unitStatus, @Nullable String country, boolean locationClaimed,
                      String device, String session, String client) {

        static ScanAnswer of(UnitScanned s) {
            return new ScanAnswer(s.scanId(), s.at(), s.gtin(), s.serial(), s.outcome().name(),
                    s.unitStatus() == null ? null : s.unitStatus().name(), s.country() == null ? null : s.country().value(),
                    s.locationClaimed(), s.userAgentClass(), shorten(s.sessionId()), shorten(s.clientKey()));
        }

        private static String shorten(String v) {
            return v.substring(0, Math.min(8, v.length()));
        }
    }

    /** The statistics screen's figures; the days and countries as lists, in the screen's order. */
    record StatisticsAnswer(LocalDate from, LocalDate to, long scans, long people, long forged, long notIssued,
                            List<DayScans> perDay, List<CountryScans> perCountry) {

        static StatisticsAnswer of(ScanStatistics s) {
            return new StatisticsAnswer(s.from(), s.to(), s.scans(), s.people(), s.forged(), s.notIssued(),
                    s.perDay().entrySet().stream().map(e -> new DayScans(e.getKey(), e.getValue())).toList(),
                    s.perCountry().entrySet().stream().map(e -> new CountryScans(e.getKey(), e.getValue())).toList());
        }
    }

    record DayScans(LocalDate day, long scans) {
    }

    record CountryScans(String country, long scans) {
    }

    // the screen's roles (RouteAccessTest): the figures are a channel and forensics view, not an administration one
    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS')")
    @GetMapping("/api/v1/scans/statistics")
    @Operation(summary = "The scan statistics screen's figures (scans, people, forged and never-issued codes, scans per "
            + "UTC day and per country) for the UTC days from/to, both inclusive (at most 366 days); without them the "
            + "last 30 days, as the screen shows them")
    StatisticsAnswer statistics(@RequestParam(required = false) @Nullable String from,
                                @RequestParam(required = false) @Nullable String to) {
        var errors = new InvalidInput.Collector();
        Instant start = errors.get("from", () -> ListQuery.instant("from", from, false));
        Instant end = errors.get("to", () -> ListQuery.instant("to", to, true));
        errors.throwIfAny();
        LocalDate first = day(errors, "from", start, false);
        LocalDate last = day(errors, "to", end, true);
        errors.throwIfAny();
        return StatisticsAnswer.of(scans.statistics(first, last));
    }

    @PreAuthorize("hasAnyRole('CHANNEL','FORENSICS','ADMIN')")
    @GetMapping("/api/v1/scans")
    @Operation(summary = "Scan log, newest first: serial, outcome (GENUINE, FORGED, ...), country and from/to as UTC "
            + "days, as the portal's scan log filters")
    ListPage<ScanAnswer> list(@ParameterObject ListQuery.Params params,
                              @RequestParam(required = false) @Nullable String serial,
                              @RequestParam(required = false) @Nullable String outcome,
                              @RequestParam(required = false) @Nullable String country) {
        var errors = new InvalidInput.Collector();
        var query = errors.get("page", () -> params.query());
        ScanOutcome wanted = outcome == null || outcome.isBlank() ? null : errors.get("outcome", () -> outcome(outcome));
        errors.throwIfAny();
        LocalDate from = day(errors, "from", query.from(), false);
        LocalDate to = day(errors, "to", query.to(), true);
        errors.throwIfAny();
        var filter = new ScanFilter(serial, wanted, country == null || country.isBlank() ? null
                : country.strip().toUpperCase(Locale.ROOT), from, to);
        var items = scans.find(filter, query.offset(), query.size()).stream().map(ScanAnswer::of).toList();
        return new ListPage<>(items, query.page(), query.size(), scans.count(filter));
    }

    private static ScanOutcome outcome(String raw) {
        try {
            return ScanOutcome.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome: one of " + String.join(", ", ListQuery.statesOf(ScanOutcome.class))
                    + ", got '" + (raw.length() > 30 ? raw.substring(0, 30) : raw) + "'");
        }
    }

    /** The scan log counts whole UTC days: a range that starts or ends within a day is refused by name. */
    private static @Nullable LocalDate day(InvalidInput.Collector errors, String field, @Nullable Instant at, boolean end) {
        if (at == null) {
            return null;
        }
        var midnight = at.atOffset(ZoneOffset.UTC);
        if (!midnight.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            errors.add(field, "the scan log filters whole days: give a date (YYYY-MM-DD)");
            return null;
        }
        return end ? midnight.toLocalDate().minusDays(1) : midnight.toLocalDate();
    }
}
