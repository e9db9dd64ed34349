package org.serialregistry.quality.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.warranty.ClaimDecided;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** After each claim decision, checks the claim's lot against its product's threshold. */
@Component
class AlertOnClaims {

    private final QualityDashboard dashboard;

    AlertOnClaims(QualityDashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** Runs as the "system" user with the quality role, so the alert and its audit entry name no person. */
    @ApplicationModuleListener
    void on(ClaimDecided decided) {
        SystemIdentity.runAs("system", () -> dashboard.evaluate(decided.gtin(), decided.lot()), Role.QUALITY);
    }
}
