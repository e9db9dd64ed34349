package org.serialregistry.serial;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A component is built into one assembly only, and points to it. */
@IntegrationTest
@WithMockUser(username = "pat", roles = "PRODUCTION")
class GenealogyTest {

    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    JdbcTemplate jdbc;

    private IssueBatchRequest request(String lot, int quantity, List<List<String>> components) {
        return new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", quantity, LocalDate.now().minusDays(1), null, "DE",
                components);
    }

    @Test
    void aComponentAlreadyBuiltIntoAnAssemblyIsRefusedForASecondOneByTheServiceAndByTheDatabase() {
        var parts = issuance.serials(issuance.issue(request("LOTPART", 2, null), null, true).batch().id(), 0, 10);
        var first = issuance.issue(request("LOTASM1", 1, List.of(List.of(parts.get(0).value()))), null, true).batch();
        var assembly = issuance.serials(first.id(), 0, 10).getFirst();
        assertThat(units.assemblyOf(parts.get(0))).contains(assembly);
        assertThat(units.assemblyOf(parts.get(1))).isEmpty();

        assertThatThrownBy(() -> issuance.issue(request("LOTASM2", 1, List.of(List.of(parts.get(0).value()))), null, true))
                .hasMessageContaining("components: " + parts.get(0).value() + " is already built into " + assembly.value());

        var other = issuance.serials(issuance.issue(request("LOTASM3", 1, null), null, true).batch().id(), 0, 10).getFirst();
        assertThatThrownBy(() -> jdbc.update("insert into unit_component (serial, component_serial) values (?, ?)",
                other.value(), parts.get(0).value())).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
}
