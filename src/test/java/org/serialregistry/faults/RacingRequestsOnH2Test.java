package org.serialregistry.faults;

import org.serialregistry.IntegrationTest;
import org.serialregistry.security.UserAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.WebApplicationContext;

/** The races of {@link RacingRequests} on H2 (the shared test context with demo data). */
@IntegrationTest
class RacingRequestsOnH2Test extends RacingRequests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAdministration users;

    @Override
    WebApplicationContext context() {
        return context;
    }

    @Override
    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    UserAdministration users() {
        return users;
    }
}
