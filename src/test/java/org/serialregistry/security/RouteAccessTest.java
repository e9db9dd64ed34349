package org.serialregistry.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.security.Role.*;

/**
 * For every portal route and every role: who may open it. The expected table is written out here
 * (it is the specification), not derived from the annotations it checks.
 */
@IntegrationTest
class RouteAccessTest extends SpringBrowserlessTest {

    private static final Map<String, Set<Role>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("admin/users", EnumSet.of(ADMIN));
        EXPECTED.put("admin/api-keys", EnumSet.of(ADMIN));
        EXPECTED.put("admin/audit", EnumSet.of(ADMIN));
        EXPECTED.put("admin/event-chain", EnumSet.of(ADMIN));
        EXPECTED.put("admin/warranty-policies", EnumSet.of(ADMIN));
        EXPECTED.put("production", EnumSet.of(PRODUCTION));
        EXPECTED.put("production/batches", EnumSet.of(PRODUCTION));
        EXPECTED.put("production/batch", EnumSet.of(PRODUCTION));
        EXPECTED.put("production/units", EnumSet.of(PRODUCTION));
        EXPECTED.put("production/master-data", EnumSet.of(PRODUCTION));
        EXPECTED.put("quality", EnumSet.of(QUALITY));
        EXPECTED.put("quality/claims", EnumSet.of(QUALITY));
        EXPECTED.put("quality/thresholds", EnumSet.of(QUALITY));
        EXPECTED.put("quality/disposition-rules", EnumSet.of(QUALITY));
        EXPECTED.put("quality/recalls", EnumSet.of(QUALITY, ADMIN));
        EXPECTED.put("quality/recall/999999", EnumSet.of(QUALITY, ADMIN));
        EXPECTED.put("end-of-life", EnumSet.of(ADMIN, QUALITY, PRODUCTION, SERVICE_CENTER, DISTRIBUTOR, CHANNEL));
        EXPECTED.put("warranty", EnumSet.of(WARRANTY));
        EXPECTED.put("warranty/claims/1", EnumSet.of(WARRANTY));
        EXPECTED.put("warranty/registrations", EnumSet.of(WARRANTY));
        EXPECTED.put("channel", EnumSet.of(CHANNEL));
        EXPECTED.put("forensics", EnumSet.of(FORENSICS));
        EXPECTED.put("forensics/submit", EnumSet.of(FORENSICS, DISTRIBUTOR, SERVICE_CENTER));
        EXPECTED.put("forensics/submissions/999999", EnumSet.of(FORENSICS));
        EXPECTED.put("counterfeit", EnumSet.of(FORENSICS, CHANNEL));
        EXPECTED.put("counterfeit/cases", EnumSet.of(FORENSICS, CHANNEL));
        EXPECTED.put("counterfeit/cases/999999", EnumSet.of(FORENSICS, CHANNEL));
        EXPECTED.put("admin/counterfeit-thresholds", EnumSet.of(ADMIN));
        EXPECTED.put("service", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("service/claims/new", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("service/claims/upload", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("service/history", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("service/returns", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("service/genealogy", EnumSet.of(SERVICE_CENTER));
        EXPECTED.put("distributor", EnumSet.of(DISTRIBUTOR));
        EXPECTED.put("distributor/verify", EnumSet.of(DISTRIBUTOR));
        EXPECTED.put("verification/scans", EnumSet.of(CHANNEL, FORENSICS));
        EXPECTED.put("verification/statistics", EnumSet.of(CHANNEL, FORENSICS));
        EXPECTED.put("verification/counterfeits", EnumSet.of(CHANNEL, FORENSICS, ADMIN));
        EXPECTED.put("distributor/ship", EnumSet.of(DISTRIBUTOR));
        EXPECTED.put("channel/search", EnumSet.of(CHANNEL));
        EXPECTED.put("channel/shipments", EnumSet.of(CHANNEL));
        EXPECTED.put("channel/parties", EnumSet.of(CHANNEL));
        EXPECTED.put("admin/parties", EnumSet.of(ADMIN));
        EXPECTED.put("admin/custody-report", EnumSet.of(ADMIN));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void eachRouteOpensForItsRolesAndForNobodyElse() {
        var failures = new StringBuilder();
        for (Role role : Role.values()) {
            signInAs(role);
            EXPECTED.forEach((route, allowed) -> {
                boolean opened = opens(route);
                if (opened != allowed.contains(role)) {
                    failures.append(role).append(opened ? " may open " : " may not open ").append(route).append('\n');
                }
            });
        }
        assertThat(failures.toString()).isEmpty();
    }

    @Test
    void theLoginPageOpensForAnonymousUsersAndWorkspacesDoNot() {
        SecurityContextHolder.clearContext();
        assertThat(opens("login")).isTrue();
        EXPECTED.keySet().forEach(route -> assertThat(opens(route)).as(route).isFalse());
    }

    private boolean opens(String route) {
        try {
            navigate(route, com.vaadin.flow.component.Component.class);
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
        var view = getCurrentView();
        String path = com.vaadin.flow.component.UI.getCurrent().getInternals().getActiveViewLocation().getPath();
        return path.equals(route) && !view.getClass().getSimpleName().contains("Error")
                && !view.getClass().getSimpleName().equals("LoginView") || route.equals("login") && path.equals("login");
    }

    private static void signInAs(Role role) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(role.name().toLowerCase(), null,
                AuthorityUtils.createAuthorityList(role.authority())));
        SecurityContextHolder.setContext(context);
    }
}
