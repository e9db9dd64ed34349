package org.serialregistry.returns.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import org.serialregistry.returns.NewRepair;
import org.serialregistry.returns.Repairs;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimId;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo mode: one repaired and one replaced phone, so service history shows both directions of a replacement. */
@Component
@Order(45)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoRepairs implements ApplicationRunner {

    private final Repairs repairs;
    private final ClaimQueries claims;
    private final SerialIssuance issuance;

    DemoRepairs(Repairs repairs, ClaimQueries claims, SerialIssuance issuance) {
        this.repairs = repairs;
        this.claims = claims;
        this.issuance = issuance;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemIdentity.runAs("demo-seed", () -> {
            if (!repairs.latest(1).isEmpty()) {
                return;
            }
            var second = claims.find(new ClaimId(2)).filter(c -> c.state() == ClaimState.RMA_ISSUED);
            var third = claims.find(new ClaimId(3)).filter(c -> c.state() == ClaimState.RMA_ISSUED);
            second.ifPresent(c -> repairs.log(new NewRepair(c.id(), c.version(), "Replaced display assembly",
                    "Display module AX2-DSP-01", "Tom Technician", ServiceOutcome.REPAIRED, null)));
            third.ifPresent(c -> replace(c));
        }, Role.ADMIN, Role.SERVICE_CENTER);
    }

    private void replace(ClaimView c) {
        issuance.latestBatches(100).stream().filter(b -> b.lot().equals(c.lot())).findFirst().ifPresent(b -> {
            var spare = issuance.serials(b.batchId(), 0, 450).getLast();
            repairs.log(new NewRepair(c.id(), c.version(), "Board failure; unit swapped", null, "Tom Technician",
                    ServiceOutcome.REPLACED, spare.value()));
        });
    }
}
