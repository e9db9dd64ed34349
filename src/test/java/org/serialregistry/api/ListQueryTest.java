package org.serialregistry.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How every API list reads page, size, from, to and state, and cuts its page. */
class ListQueryTest {

    static ListQuery.Params params(String page, String size, String from, String to, String state) {
        return new ListQuery.Params(page, size, from, to, state);
    }

    @Test
    void withoutParametersTheFirstPageOfFiftyOfEverything() {
        var q = params(null, null, null, null, null).query(List.of("OPEN"));
        assertThat(q).isEqualTo(new ListQuery(0, 50, null, null, null));
    }

    @Test
    void aPageBeyondAnyCountableListIsRefusedNotWrappedAround() {
        assertThatThrownBy(() -> params(String.valueOf(Integer.MAX_VALUE / 2), "500", null, null, null).query())
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).extracting(InvalidInput.Problem::field)
                        .containsExactly("page"));
    }

    @Test
    void everyBadParameterIsNamedInOnePass() {
        assertThatThrownBy(() -> params("-1", "501", "last week", "2026-13-01", "MAYBE").query(List.of("OPEN", "CLOSED")))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).extracting(InvalidInput.Problem::field)
                        .containsExactly("from", "to", "page", "size", "state"))
                .hasMessageContaining("size: 1 to 500, got 501")
                .hasMessageContaining("state: one of OPEN, CLOSED, got 'MAYBE'");
        assertThatThrownBy(() -> params("x", null, null, null, null).query())
                .hasMessage("page: a whole number, got 'x'");
        assertThatThrownBy(() -> params(null, null, "2026-12-03", "2026-12-01", null).query())
                .hasMessage("to: must be later than from");
        assertThatThrownBy(() -> params(null, null, null, null, "OPEN").query())
                .hasMessage("state: this list has no states");
        assertThatThrownBy(() -> params(null, null, "2026-12-01", null, null).undated())
                .hasMessage("from: this list has no dates to filter");
    }

    @Test
    void aDateRangeKeepsWholeDaysAndTheStateIsCaseBlind() {
        var q = params("0", "2", "2026-12-01", "2026-12-02", "open").query(List.of("OPEN", "CLOSED"));
        record Item(String name, Instant at, String state) {
        }
        var items = List.of(new Item("before", Instant.parse("2026-11-30T23:59:59Z"), "OPEN"),
                new Item("first", Instant.parse("2026-12-01T00:00:00Z"), "OPEN"),
                new Item("closed", Instant.parse("2026-12-01T12:00:00Z"), "CLOSED"),
                new Item("second", Instant.parse("2026-12-02T23:59:59Z"), "OPEN"),
                new Item("third", Instant.parse("2026-12-02T23:59:59.5Z"), "OPEN"),
                new Item("after", Instant.parse("2026-12-03T00:00:00Z"), "OPEN"));
        var page = q.page(items, Item::at, Item::state);
        assertThat(page.items()).extracting(Item::name).containsExactly("first", "second");
        assertThat(page.total()).isEqualTo(3);
        var next = params("1", "2", "2026-12-01", "2026-12-02", "OPEN").query(List.of("OPEN")).page(items, Item::at, Item::state);
        assertThat(next.items()).extracting(Item::name).containsExactly("third");
        var far = params("7", "2", null, null, null).query().page(items, Item::at, null);
        assertThat(far.items()).isEmpty();
        assertThat(far.total()).isEqualTo(6);
    }
}
