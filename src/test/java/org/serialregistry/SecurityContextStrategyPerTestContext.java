package org.serialregistry;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Several Spring contexts live in one test JVM (H2, PostgreSQL, OIDC). Each installs its own
 * Vaadin-aware {@link SecurityContextHolderStrategy} as the JVM-wide one, each with its own thread
 * local; the last context started wins. Then {@code @WithUserDetails} (which uses the test context's
 * strategy bean) and Vaadin's access checks (which use the global one) disagree, and signed-in test
 * users are sent to the login page. Before each test this makes the test's own context's strategy
 * the global one again, as it is in production where only one context exists.
 * Registered for all Spring tests in {@code META-INF/spring.factories}.
 */
public class SecurityContextStrategyPerTestContext implements TestExecutionListener, Ordered {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        useStrategyOf(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        useStrategyOf(testContext);
    }

    private static void useStrategyOf(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    /** Before Spring Security's {@code WithSecurityContextTestExecutionListener} (order 10000) sets the test user. */
    @Override
    public int getOrder() {
        return 2500;
    }
}
