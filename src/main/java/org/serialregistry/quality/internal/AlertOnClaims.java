package org.serialregistry.quality.internal;

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

    @ApplicationModuleListener
    void on(ClaimDecided decided) {
        dashboard.evaluate(decided.gtin(), decided.lot());
    }
}
