package org.serialregistry.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditChange;
import org.serialregistry.audit.AuditExportFormat;
import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditTrail;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for auditors' systems: filtered pages, and CSV or Excel exports streamed as they are read. */
@RestController
@Tag(name = "Audit trail", description = "ADMIN only")
class AuditApiController {

    static final int MAX_SIZE = 500;

    private final AuditTrail trail;
    private final AuditExports exports;

    AuditApiController(AuditTrail trail, AuditExports exports) {
        this.trail = trail;
        this.exports = exports;
    }

    record Entry(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
                 @Nullable String before, @Nullable String after, List<AuditChange> changes) {
    }

    record Page(List<Entry> items, int page, int size, long total) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/api/v1/audit")
    @Operation(summary = "Audit entries, newest first, filtered by time (from, to: an instant or YYYY-MM-DD, UTC), "
            + "actor (part of the name), entity (type), entityId, action (or its start, such as custody.) and text",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "entries", value = """
                            {"items": [{"id": 412, "occurredAt": "2026-12-03T06:08:48.120Z", "actor": "api-key:demodist",
                              "action": "custody.received", "entityType": "shipment", "entityId": "DEMO-SH-004",
                              "before": "{\\"status\\":\\"IN_TRANSIT\\"}", "after": "{\\"status\\":\\"RECEIVED\\",\\"received\\":10}",
                              "changes": [{"field": "status", "before": "IN_TRANSIT", "after": "RECEIVED"},
                                          {"field": "received", "before": null, "after": "10"}]}],
                             "page": 0, "size": 50, "total": 1}"""))))
    Page list(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
              @RequestParam(required = false) @Nullable String actor,
              @Parameter(example = "shipment") @RequestParam(required = false) @Nullable String entity,
              @RequestParam(required = false) @Nullable String entityId,
              @Parameter(example = "custody.") @RequestParam(required = false) @Nullable String action,
              @RequestParam(required = false) @Nullable String text,
              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var problems = new ArrayList<String>();
        var query = query(from, to, actor, entity, entityId, action, text, problems);
        if (page < 0) {
            problems.add("page: 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add("size: 1 to " + MAX_SIZE + ", got " + size);
        }
        refuse(problems);
        var items = trail.find(query, PageRequest.of(page, size)).stream()
                .map(r -> new Entry(r.id(), r.occurredAt(), r.actor(), r.action(), r.subjectType(), r.subjectId(),
                        r.before(), r.after(), AuditChange.between(r.before(), r.after())))
                .toList();
        return new Page(items, page, size, trail.count(query));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/api/v1/audit/export")
    @Operation(summary = "The filtered audit trail as format=csv or format=xlsx, streamed (same filters as /api/v1/audit)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Entry,When (UTC),Who,Action,Entity type,Entity,Changes,Before,After
                            412,2026-12-03 06:08:48,api-key:demodist,custody.received,shipment,DEMO-SH-004,status: IN_TRANSIT → RECEIVED; received: 10,status: IN_TRANSIT,"status: RECEIVED, received: 10"
                            """))))
    void export(@RequestParam(required = false) @Nullable String format,
                @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String entity,
                @RequestParam(required = false) @Nullable String entityId,
                @RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String text,
                HttpServletResponse response) throws IOException {
        var problems = new ArrayList<String>();
        AuditExportFormat f = null;
        try {
            f = AuditExportFormat.of(format);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        var query = query(from, to, actor, entity, entityId, action, text, problems);
        refuse(problems);
        trail.count(AuditQuery.all()); // the role check, before the response is committed
        response.setContentType(f.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-trail." + f.extension() + "\"");
        exports.write(query, f, response.getOutputStream());
    }

    private static AuditQuery query(@Nullable String from, @Nullable String to, @Nullable String actor,
                                    @Nullable String entity, @Nullable String entityId, @Nullable String action,
                                    @Nullable String text, List<String> problems) {
        Instant start = instant("from", from, false, problems);
        Instant end = instant("to", to, true, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add("to: must be later than from");
        }
        return new AuditQuery(text, start, end, actor, entity, entityId, action);
    }

    /** An instant, or a date meaning its start (from) or the start of the next day (to: the whole day counts). */
    private static @Nullable Instant instant(String field, @Nullable String raw, boolean endOfDay, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.trim();
        try {
            if (v.length() == 10) {
                var day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + ": a date (YYYY-MM-DD) or a date and time with offset (2026-12-03T06:00:00Z), got '"
                    + (v.length() > 30 ? v.substring(0, 30) : v) + "'");
            return null;
        }
    }

    private static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
