package org.serialregistry.audit.internal;

import java.io.IOException;
import java.time.Instant;
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
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.audit.AuditChange;
import org.serialregistry.audit.AuditExportFormat;
import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.shared.InvalidInput;
import org.springdoc.core.annotations.ParameterObject;
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

    private final AuditTrail trail;
    private final AuditExports exports;

    AuditApiController(AuditTrail trail, AuditExports exports) {
        this.trail = trail;
        this.exports = exports;
    }

    record Entry(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
                 @Nullable String before, @Nullable String after, List<AuditChange> changes) {
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
    ListPage<Entry> list(@ParameterObject ListQuery.Params params,
              @RequestParam(required = false) @Nullable String actor,
              @Parameter(example = "shipment") @RequestParam(required = false) @Nullable String entity,
              @RequestParam(required = false) @Nullable String entityId,
              @Parameter(example = "custody.") @RequestParam(required = false) @Nullable String action,
              @RequestParam(required = false) @Nullable String text) {
        var page = params.query();
        var query = new AuditQuery(text, page.from(), page.to(), actor, entity, entityId, action);
        var items = trail.find(query, PageRequest.of(page.page(), page.size())).stream()
                .map(r -> new Entry(r.id(), r.occurredAt(), r.actor(), r.action(), r.subjectType(), r.subjectId(),
                        r.before(), r.after(), AuditChange.between(r.before(), r.after())))
                .toList();
        return new ListPage<>(items, page.page(), page.size(), trail.count(query));
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
        var range = new ListQuery.Params(null, null, from, to, null);
        Instant start = null;
        Instant end = null;
        try {
            var q = range.query();
            start = q.from();
            end = q.to();
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field() + ": " + p.message()));
        }
        return new AuditQuery(text, start, end, actor, entity, entityId, action);
    }

    private static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
