package org.serialregistry.verification.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health state {@code scanLog}: DOWN while scans cannot be written (database away, disk full), with
 * the error, since when, how many scans wait and how many were dropped or lost. The public answers
 * go on meanwhile; this tells operators that the evidence behind counterfeit detection is not being
 * kept. Not part of the liveness or readiness probes: restarting or unrouting the pod would not help.
 */
@Component("scanLogHealthIndicator") // the health component "scanLog"
class ScanLogHealth implements HealthIndicator {

    private final ScanLogWriter writer;

    ScanLogHealth(ScanLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        var state = writer.state();
        var health = state.failingSince() == null ? Health.up() : Health.down()
                .withDetail("error", "scans cannot be written to the scan log: " + cut(state.lastFailure()))
                .withDetail("failingSince", state.failingSince().toString());
        return health.withDetail("queued", state.queued()).withDetail("dropped", state.dropped())
                .withDetail("lost", state.lost()).build();
    }

    private static String cut(String message) {
        return message == null ? "unknown error" : message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
