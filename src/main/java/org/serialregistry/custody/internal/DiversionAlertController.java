package org.serialregistry.custody.internal;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.springdoc.core.annotations.ParameterObject;
import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.custody.DiversionAlerts;
import org.serialregistry.custody.DiversionStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Diversion alerts for channel tools: read them, and move them on (investigate, confirm, dismiss, reopen). */
@RestController
@RequestMapping("/api/v1/diversion-alerts")
@Tag(name = "Custody")
class DiversionAlertController {

    private final DiversionAlerts alerts;

    DiversionAlertController(DiversionAlerts alerts) {
        this.alerts = alerts;
    }

    record StatusChange(@Nullable String status, @Nullable String reason, @Nullable Long version) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS')")
    @GetMapping
    @Operation(summary = "Diversion alerts, newest first; status may be repeated (default: OPEN and INVESTIGATING; ALL "
            + "for every status); from/to the detection time")
    ListPage<DiversionAlert> list(@RequestParam(required = false) @Nullable List<String> status,
                              @RequestParam(required = false) @Nullable String serial,
                              @Parameter(example = "DIST-DE") @RequestParam(required = false) @Nullable String holder,
                              @ParameterObject ListQuery.Params params) {
        var q = params.query();
        var statuses = new ArrayList<DiversionStatus>();
        if (status == null || status.isEmpty()) {
            statuses.addAll(DiversionStatus.ACTIVE);
        } else if (!status.contains("ALL")) {
            status.forEach(s -> statuses.add(DiversionStatus.of(s)));
        }
        return q.page(alerts.find(statuses, serial, holder, q.latest(10_000)), DiversionAlert::detectedAt, null);
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS')")
    @GetMapping("/{id}")
    DiversionAlert get(@PathVariable long id) {
        return alerts.get(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    @PostMapping("/{id}/status")
    @Operation(summary = "Move an alert on: send the status, the reason (needed to confirm, dismiss or reopen) "
            + "and the version you read")
    DiversionAlert changeStatus(@PathVariable long id, @RequestBody StatusChange change) {
        if (change.version() == null) {
            throw new IllegalArgumentException("version: send the version of the alert you read");
        }
        return alerts.changeStatus(id, DiversionStatus.of(change.status()), change.reason(), change.version());
    }
}
