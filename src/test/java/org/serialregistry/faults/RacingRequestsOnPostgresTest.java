package org.serialregistry.faults;

import org.serialregistry.db.EmbeddedPostgresServer;
import org.serialregistry.security.UserAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * The races of {@link RacingRequests} on a real PostgreSQL (embedded), where two transactions really
 * run side by side and row locks, not H2's, decide who waits.
 */
@SpringBootTest(properties = "serial-registry.demo.enabled=true")
@ActiveProfiles("postgres")
@DirtiesContext
class RacingRequestsOnPostgresTest extends RacingRequests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.useFreshDatabase("racing_requests", registry);
    }

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
