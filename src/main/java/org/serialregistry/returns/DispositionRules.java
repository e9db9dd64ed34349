package org.serialregistry.returns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.returns.internal.RuleStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.shared.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing rules of returned units, which the quality team edits (portal and API). Every change
 * is audited with the rule before and after. {@link #route} picks the first active rule that matches.
 */
@Service
public class DispositionRules {

    /** A chosen disposition, the rule that chose it and why, in words. */
    public record Routing(ReturnDisposition disposition, @Nullable Long ruleId, String why) {
    }

    private final RuleStore store;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    DispositionRules(RuleStore store, AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Every rule, in the order they are tried. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','SERVICE_CENTER','ADMIN')")
    public List<DispositionRule> all() {
        return store.all();
    }

    /** @throws IllegalArgumentException naming every field that is wrong, in one message; nothing is written then */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public DispositionRule create(NewDispositionRule rule) {
        var valid = validate(rule, 0);
        long id = store.insert(valid, now());
        var saved = store.find(id).orElseThrow();
        audit.record("disposition-rule.created", "disposition-rule", String.valueOf(id), null, state(saved));
        return saved;
    }

    /**
     * @param version the version the editor saw
     * @throws IllegalArgumentException naming every field that is wrong, or when the rule changed meanwhile
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public DispositionRule update(long id, long version, NewDispositionRule rule) {
        var before = store.find(id).orElseThrow(() -> new IllegalArgumentException("rule: no disposition rule " + id));
        var valid = validate(rule, id);
        if (!store.update(id, version, valid, now())) {
            throw new IllegalArgumentException("version: rule " + id + " was changed by " + before.changedBy()
                    + " meanwhile; reload it");
        }
        var after = store.find(id).orElseThrow();
        audit.record("disposition-rule.changed", "disposition-rule", String.valueOf(id), state(before), state(after));
        return after;
    }

    /** The disposition of a unit: the first active rule that matches, and why in words. */
    static Routing route(List<DispositionRule> rules, ReturnReason reason, @Nullable Boolean underWarranty, LocalDate madeOn,
                  LocalDate today) {
        long age = ChronoUnit.DAYS.between(madeOn, today);
        for (var r : rules) {
            if (r.active() && (r.reason() == null || r.reason() == reason)
                    && (r.underWarranty() == null || r.underWarranty().equals(underWarranty))
                    && (r.maxAgeDays() == null || age <= r.maxAgeDays())) {
                return new Routing(r.disposition(), r.id(), "Rule " + r.priority() + " (" + r.conditions() + "): "
                        + r.explanation() + ".");
            }
        }
        return new Routing(ReturnDisposition.REFURBISH, null, "No active rule matched: inspect and refurbish.");
    }

    private DispositionRule validate(NewDispositionRule r, long id) {
        var problems = new InvalidInput.Collector();
        problems.require(r.priority() != null && r.priority() >= 1 && r.priority() <= 100_000, "priority",
                "a whole number from 1 to 100000 (lower numbers are tried first)");
        if (problems.require(r.disposition() != null, "disposition", "restock, repair, refurbish, return to supplier or scrap")) {
            problems.require(r.disposition() != ReturnDisposition.QUARANTINE, "disposition",
                    "quarantine is decided by the intake checks, not by a rule");
        }
        problems.require(r.maxAgeDays() == null || (r.maxAgeDays() >= 0 && r.maxAgeDays() <= 36_500), "maxAgeDays",
                "from 0 to 36500 days, or empty for any age");
        String explanation = r.explanation() == null ? "" : r.explanation().strip();
        if (problems.require(!explanation.isEmpty(), "explanation", "say in words why units that match go this way")) {
            problems.require(explanation.length() <= 500, "explanation", "at most 500 characters");
        }
        // one InvalidInput: the screen puts each problem at its field, the API lists them as before
        problems.throwIfAny();
        return new DispositionRule(id, r.priority(), r.reason(), r.underWarranty(), r.maxAgeDays(), r.disposition(),
                explanation, r.active() == null || r.active(), currentUser.require(), now(), 0);
    }

    private static java.util.Map<String, Object> state(DispositionRule r) {
        return AuditTrail.state("priority", r.priority(), "conditions", r.conditions(), "disposition", r.disposition().name(),
                "explanation", r.explanation(), "active", r.active());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
