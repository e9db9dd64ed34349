package org.serialregistry.counterfeit.internal;

import java.util.List;
import java.util.NoSuchElementException;

import org.serialregistry.counterfeit.AlertCaseDetail;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.SignalType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    /** {@code GET /api/v1/alert-cases?serial=&state=&type=&limit=}: newest activity first. */
    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @GetMapping
    List<AlertCaseSummary> list(@RequestParam(required = false) String serial,
                                @RequestParam(required = false) String state,
                                @RequestParam(required = false) String type,
                                @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: between 1 and 1000");
        }
        CaseState s = state == null || state.isBlank() ? null : CaseState.parse("state", state);
        SignalType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = SignalType.valueOf(type.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type: one of " + java.util.Arrays.toString(SignalType.values()));
            }
        }
        return cases.search(new CaseQuery(serial, s, t, limit));
    }

    /** One case with its signals, evidence scans and notes. */
    @PreAuthorize("hasAnyRole('FORENSICS','CHANNEL','ADMIN')")
    @GetMapping("/{id}")
    AlertCaseDetail one(@PathVariable long id) {
        return cases.find(id).orElseThrow(() -> new NoSuchElementException("No alert case " + id));
    }
}
