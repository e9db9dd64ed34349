package org.serialregistry.serial.tamper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tamper stories on H2 (its own in-memory database, so the shared test context never sees them). */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:tamper-h2;DB_CLOSE_DELAY=-1",
        "serial-registry.chain-keys.checkpoint-interval=PT1H"})
@ActiveProfiles("test")
@DirtiesContext
class H2TamperTest extends TamperScenarios {

    private static final String[] GUARDED = {"lifecycle_event", "lifecycle_event_epc"};

    @Override
    void dropGuards(String table) {
        jdbc.execute("drop trigger if exists " + table + "_no_update");
        jdbc.execute("drop trigger if exists " + table + "_no_delete");
    }

    @Override
    void restoreGuards(String table) {
        for (String op : new String[]{"update", "delete"}) {
            jdbc.execute("create trigger if not exists " + table + "_no_" + op + " before " + op + " on " + table
                    + " for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger'");
        }
    }

    @Override
    void truncate(String... tables) {
        // H2 refuses TRUNCATE of a table that a foreign key references, until referential integrity is off
        jdbc.execute("set referential_integrity false");
        try {
            for (String t : tables) {
                jdbc.execute("truncate table " + t);
            }
        } finally {
            jdbc.execute("set referential_integrity true");
        }
    }

    @Override
    void assertTruncateIsRefused(String table) {
        assertThatThrownBy(() -> jdbc.execute("truncate table " + table)).rootCause().hasMessageContaining("Cannot truncate");
    }
}
