package org.serialregistry.security.internal;

import java.util.Set;

import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode: one user per role (password = user name) and one API key per role, as listed in the
 * README. Off unless {@code serial-registry.demo.enabled=true}; the postgres profile turns it off.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    /** user name, display name, role, documented demo API key. */
    record DemoUser(String username, String displayName, Role role, String apiKey) {
    }

    static final java.util.List<DemoUser> USERS = java.util.List.of(
            new DemoUser("admin", "Ada Admin", Role.ADMIN, "sr_demoadmn_AdminDemoKeyNotForProduction"),
            new DemoUser("production", "Pat Production", Role.PRODUCTION, "sr_demoprod_ProductionDemoKeyNotForProduction"),
            new DemoUser("quality", "Quinn Quality", Role.QUALITY, "sr_demoqual_QualityDemoKeyNotForProduction"),
            new DemoUser("warranty", "Wendy Warranty", Role.WARRANTY, "sr_demowarr_WarrantyDemoKeyNotForProduction"),
            new DemoUser("channel", "Chris Channel", Role.CHANNEL, "sr_demochan_ChannelDemoKeyNotForProduction"),
            new DemoUser("forensics", "Fran Forensics", Role.FORENSICS, "sr_demofors_ForensicsDemoKeyNotForProduction"),
            new DemoUser("service", "Sam Service", Role.SERVICE_CENTER, "sr_demosvce_ServiceDemoKeyNotForProduction"),
            new DemoUser("distributor", "Dana Distributor", Role.DISTRIBUTOR, "sr_demodist_DistributorDemoKeyNotForProduction"));

    /** Party codes (seeded by custody's demo data) the demo keys of party roles act for. */
    private static final java.util.Map<Role, String> DEMO_PARTIES = java.util.Map.of(
            Role.DISTRIBUTOR, "DIST-DE", Role.SERVICE_CENTER, "SVC-DE", Role.PRODUCTION, "MFG-DE");

    private final UserAdministration users;
    private final ApiKeys apiKeys;

    DemoUsers(UserAdministration users, ApiKeys apiKeys) {
        this.users = users;
        this.apiKeys = apiKeys;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser u : USERS) {
            users.createIfAbsent(u.username(), u.displayName(), u.username(), Set.of(u.role()));
            apiKeys.registerKnownToken("Demo key (" + u.role().workspace() + ")", u.apiKey(), u.role(),
                    DEMO_PARTIES.get(u.role()));
        }
        log.warn("Demo mode: demo users and API keys are active (password = user name). Never use demo mode in production.");
    }
}
