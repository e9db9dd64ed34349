package org.serialregistry.counterfeit.internal;

import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.AlertCaseDetail;
import org.serialregistry.counterfeit.AlertCaseId;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.SignalType;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alert cases for security tooling (FORENSICS, CHANNEL or ADMIN key). */
@RestController
@RequestMapping("/api/v1/alert-cases")
class AlertCaseApi {

    private final AlertCases cases;

    AlertCaseApi(AlertCases cases) {
        this.cases = cases;
    }

    /** {@code GET /api/v1/alert-cases?serial=&state=&type=&page=&size=&from=&to=}: newest activity first. */
    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @GetMapping
    @Operation(summary = "Alert cases, newest activity first: serial, state, signal type; from/to the last activity")
    ListPage<AlertCaseSummary> list(@RequestParam(required = false) String serial,
                                    @Parameter(example = "UNKNOWN_SERIAL") @RequestParam(required = false) String type,
                                    @ParameterObject ListQuery.Params params) {
        var q = params.query(java.util.Arrays.stream(CaseState.values()).map(Enum::name).toList());
        CaseState s = q.state() == null ? null : CaseState.parse("state", q.state());
        SignalType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = SignalType.valueOf(type.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type: one of " + java.util.Arrays.toString(SignalType.values()));
            }
        }
        return q.page(cases.search(new CaseQuery(serial, s, t, q.latest(10_000))), AlertCaseSummary::updatedAt, null);
    }

    record StateChange(@Nullable String state, @Nullable String note) {
    }

    record Assignment(@Nullable String assignee) {
    }

    record Note(@Nullable String note) {
    }

    /** One case with its signals, evidence scans and notes. */
    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @GetMapping("/{id}")
    AlertCaseDetail one(@PathVariable long id) {
        return cases.find(new AlertCaseId(id)).orElseThrow(() -> new NoSuchElementException("No alert case " + id));
    }

    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @PostMapping("/{id}/state")
    @Operation(summary = "Move a case on (OPEN, INVESTIGATING, CONFIRMED_COUNTERFEIT: forensics or admin only, CONFIRMED_DIVERSION, "
            + "FALSE_POSITIVE, CLOSED) with a note, as \"Change state\" on the case page")
    AlertCaseSummary changeState(@PathVariable long id, @RequestBody StateChange r) {
        if (r.state() == null || r.state().isBlank()) {
            throw new IllegalArgumentException("state: one of " + java.util.Arrays.toString(CaseState.values()));
        }
        one(id);
        return cases.changeState(new AlertCaseId(id), CaseState.parse("state", r.state()), r.note());
    }

    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @PostMapping("/{id}/assignment")
    @Operation(summary = "Assign a case to a person (no assignee: unassigned), as \"Assign to me\"")
    AlertCaseSummary assign(@PathVariable long id, @RequestBody Assignment r) {
        one(id);
        return cases.assign(new AlertCaseId(id), r.assignee());
    }

    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @PostMapping("/{id}/notes")
    @Operation(summary = "Add a note to a case")
    AlertCaseSummary addNote(@PathVariable long id, @RequestBody Note r) {
        one(id);
        return cases.addNote(new AlertCaseId(id), r.note());
    }
}
