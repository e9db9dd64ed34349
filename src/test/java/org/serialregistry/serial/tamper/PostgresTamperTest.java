package org.serialregistry.serial.tamper;

import org.serialregistry.db.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tamper stories on a real PostgreSQL, where TRUNCATE is refused by a statement trigger. */
@SpringBootTest(properties = "serial-registry.chain-keys.checkpoint-interval=PT1H")
@ActiveProfiles("postgres")
@DirtiesContext
class PostgresTamperTest extends TamperScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.useFreshDatabase("tamper", registry);
        registry.add("serial-registry.demo.enabled", () -> "true");
        registry.add("serial-registry.keys.demo-file", () -> "target/test-serial-keys.properties");
        registry.add("serial-registry.chain-keys.demo-file", () -> "target/test-chain-keys.properties");
        registry.add("serial-registry.keys.manufacturing-demo-file", () -> "target/test-manufacturing-key.properties");
    }

    @Override
    void dropGuards(String table) {
        jdbc.execute("alter table " + table + " disable trigger user");
    }

    @Override
    void restoreGuards(String table) {
        jdbc.execute("alter table " + table + " enable trigger user");
    }

    @Override
    void truncate(String... tables) {
        for (String t : tables) {
            dropGuards(t);
        }
        try {
            jdbc.execute("truncate " + String.join(", ", tables));
        } finally {
            for (String t : tables) {
                restoreGuards(t);
            }
        }
    }

    @Override
    void assertTruncateIsRefused(String table) {
        assertThatThrownBy(() -> jdbc.execute("truncate " + table + " cascade")).rootCause().hasMessageContaining("append-only");
    }
}
