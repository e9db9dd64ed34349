package org.serialregistry.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.NumericId;
import org.serialregistry.shared.SerialNumber;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GTINs, serials and lots in request and answer records are plain JSON strings; a value its type
 * refuses is a problem of its field, and every such problem of one body comes at once.
 */
class TypedValuesJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().addModule(TypedValuesJson.module()).build();

    record Unit(@Nullable Gtin gtin, @Nullable SerialNumber serial, @Nullable LotNumber lot) {
    }

    record Scope(@Nullable Gtin gtin, @Nullable List<SerialNumber> serials) {
    }

    record Start(@Nullable Scope scope, @Nullable String reason) {
    }

    public record OrderId(long value) implements NumericId {
    }

    /** An event as it is published now, with a typed id. */
    record OrderShipped(OrderId orderId, @Nullable OrderId replaces, List<OrderId> merged) {
    }

    @Test
    void theValuesTravelAsPlainStrings() {
        var unit = new Unit(new Gtin("09506000134352"), new SerialNumber("1027WRQ"), new LotNumber("A2611"));
        String json = JSON.writeValueAsString(unit);
        assertThat(json).isEqualTo("{\"gtin\":\"09506000134352\",\"serial\":\"1027WRQ\",\"lot\":\"A2611\"}");
        assertThat(JSON.readValue(json, Unit.class)).isEqualTo(unit);
    }

    @Test
    void theyAreReadAsTheApiReadsSuchInputEverywhere() {
        var unit = JSON.readValue("{\"gtin\":\" 9506000134352 \",\"serial\":\" 1027wrq\",\"lot\":\"a2611\"}", Unit.class);
        assertThat(unit).isEqualTo(new Unit(new Gtin("09506000134352"), new SerialNumber("1027WRQ"), new LotNumber("A2611")));
        assertThat(JSON.readValue("{\"gtin\":\"\",\"serial\":\"  \"}", Unit.class)).as("empty is absent")
                .isEqualTo(new Unit(null, null, null));
        assertThat(JSON.readValue("{\"gtin\":{\"value\":\"09506000134352\"}}", Unit.class).gtin())
                .as("the object form stored events were written in").isEqualTo(new Gtin("09506000134352"));
    }

    @Test
    void aWrongCheckDigitAndABadSerialAreOneProblemNamingBothFields() {
        assertThatThrownBy(() -> JSON.readValue("{\"gtin\":\"09506000134353\",\"serial\":\"1027-wrq\",\"lot\":\"A2611\"}",
                Unit.class))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.problems()).extracting(InvalidInput.Problem::field).containsExactly("gtin", "serial");
                    assertThat(e.problems().getFirst().message())
                            .isEqualTo("GTIN check digit is 3 but should be 2; the number is mistyped");
                    assertThat(e.getMessage()).startsWith("gtin: GTIN check digit is 3 but should be 2")
                            .contains("; serial: serial number");
                });
    }

    @Test
    void inANestedRecordAndAListTheFieldIsTheNearestPropertyAndTheElementIsNamed() {
        assertThatThrownBy(() -> JSON.readValue(
                "{\"scope\":{\"gtin\":\"123\",\"serials\":[\"OK1\",\"A-B\",\"C-D\"]},\"reason\":\"x\"}", Start.class))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.problems()).extracting(InvalidInput.Problem::field).containsExactly("gtin", "serials");
                    assertThat(e.problems().get(1).message()).startsWith("A-B: serial number");
                });
    }

    @Test
    void idRecordsTravelAsTheNumbersTheyReplaced() {
        var shipped = new OrderShipped(new OrderId(12), null, List.of(new OrderId(3), new OrderId(4)));
        String json = JSON.writeValueAsString(shipped);
        assertThat(json).isEqualTo("{\"orderId\":12,\"replaces\":null,\"merged\":[3,4]}");
        assertThat(JSON.readValue(json, OrderShipped.class)).isEqualTo(shipped);
        assertThat(JSON.readValue("{\"orderId\":\"12\",\"merged\":[]}", OrderShipped.class).orderId())
                .as("read as a long is read").isEqualTo(new OrderId(12));
    }

    @Test
    void aWordWhereAnIdBelongsIsRefusedAsForALong() {
        assertThatThrownBy(() -> JSON.readValue("{\"orderId\":\"twelve\",\"merged\":[]}", OrderShipped.class))
                .hasMessageContaining("twelve");
    }
}
