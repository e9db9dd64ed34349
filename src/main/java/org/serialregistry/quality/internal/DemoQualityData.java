package org.serialregistry.quality.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import org.serialregistry.quality.QualityDashboard;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo mode: claim-rate thresholds for the demo products (before the demo claims arrive). */
@Component
@Order(35)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoQualityData implements ApplicationRunner {

    private final QualityDashboard dashboard;
    private final QualityStore store;

    DemoQualityData(QualityDashboard dashboard, QualityStore store) {
        this.dashboard = dashboard;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!store.thresholds().isEmpty()) {
            return;
        }
        SystemIdentity.runAs("demo-seed", () -> {
            dashboard.setThreshold("09506000134352", 2.0, 5);
            dashboard.setThreshold("04006381333931", 3.0, 5);
            dashboard.setThreshold("07612345000015", 1.0, 3);
            dashboard.setThreshold("07612345000022", 1.0, 3);
            dashboard.setThreshold("07612345000039", 1.5, 3);
            dashboard.setThreshold("07612345000046", 2.0, 5);
        }, Role.QUALITY);
    }
}
