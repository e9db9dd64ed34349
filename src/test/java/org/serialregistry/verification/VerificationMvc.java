package org.serialregistry.verification;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * MockMvc on the shared {@code @IntegrationTest} context (no second context for MockMvc), with the
 * security filter chain and the public rate-limit filter. It also points the global security
 * context holder at this context's strategy: each Spring context with Vaadin installs its own,
 * and the last one started wins, whatever order the test classes run in.
 */
public final class VerificationMvc {

    private VerificationMvc() {
    }

    public static void useSecurityOf(WebApplicationContext context) {
        SecurityContextHolder.setContextHolderStrategy(context.getBean(SecurityContextHolderStrategy.class));
    }

    @SuppressWarnings("unchecked")
    public static MockMvc of(WebApplicationContext context) {
        useSecurityOf(context);
        var rateLimit = (FilterRegistrationBean<Filter>) context.getBean("publicRateLimitFilter");
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity())
                .addFilter(rateLimit.getFilter(), "/01/*").build();
    }
}
