package org.serialregistry.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The set never says "certainly not" for a serial that has the fact, whoever wrote it and when. */
class KnownSerialsTest {

    private final List<KnownSerials.Row> table = new CopyOnWriteArrayList<>();

    private List<KnownSerials.Row> after(long id, int limit) {
        var rows = new ArrayList<KnownSerials.Row>();
        table.stream().filter(r -> r.id() > id).sorted(java.util.Comparator.comparingLong(KnownSerials.Row::id))
                .limit(limit).forEach(rows::add);
        return rows;
    }

    @Test
    void beforeItsFirstFillEverySerialIsAMaybe() {
        table.add(new KnownSerials.Row(1, "A1"));
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        assertThat(known.ready()).isFalse();
        assertThat(known.mightContain("NEVERSEEN")).isTrue();
    }

    @Test
    void afterTheFillAbsentSerialsAreCertainlyNotAndEveryPresentOneIsAMaybe() {
        for (int i = 1; i <= 5_000; i++) {
            table.add(new KnownSerials.Row(i, "S" + i));
        }
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        known.refresh();
        assertThat(known.ready()).isTrue();
        for (int i = 1; i <= 5_000; i++) {
            assertThat(known.mightContain("S" + i)).as("S" + i).isTrue();
        }
        long falseMaybes = java.util.stream.IntStream.rangeClosed(1, 10_000)
                .filter(i -> known.mightContain("ABSENT" + i)).count();
        assertThat(falseMaybes).as("absent serials answered maybe, of 10,000").isLessThan(300);
    }

    @Test
    void rowsAnotherReplicaCommitsLaterAndOutOfIdOrderAreSeenAtTheNextRefresh() {
        table.add(new KnownSerials.Row(10, "FIRST"));
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        known.refresh();
        assertThat(known.mightContain("LATE")).isFalse();
        table.add(new KnownSerials.Row(11, "NEXT"));
        known.refresh();
        // id 5 committed after 11 was read: within the margin, so read again
        table.add(new KnownSerials.Row(5, "LATE"));
        known.refresh();
        assertThat(known.mightContain("NEXT")).isTrue();
        assertThat(known.mightContain("LATE")).isTrue();
    }

    @Test
    void thisInstancesOwnWriteCountsAtOnce() {
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        known.refresh();
        assertThat(known.mightContain("MINE")).isFalse();
        known.add("MINE");
        assertThat(known.mightContain("MINE")).isTrue();
    }

    @Test
    void aReloadingSetFollowsRowsThatChangeInPlace() {
        var known = KnownSerials.reloading("test", this::after, 1_000);
        known.refresh();
        assertThat(known.mightContain("R1")).isFalse();
        table.add(new KnownSerials.Row(1, "R1")); // an old row that now names the serial
        known.refresh();
        assertThat(known.mightContain("R1")).isTrue();
    }

    @Test
    void growingPastItsSizeKeepsEverySerialAMaybe() {
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        known.refresh();
        for (int i = 1; i <= 20_000; i++) {
            table.add(new KnownSerials.Row(i, "G" + i));
            known.add("G" + i);
        }
        known.refresh(); // more added than sized for: rebuilt from the table
        for (int i = 1; i <= 20_000; i++) {
            assertThat(known.mightContain("G" + i)).isTrue();
        }
        long falseMaybes = java.util.stream.IntStream.rangeClosed(1, 10_000)
                .filter(i -> known.mightContain("ABSENT" + i)).count();
        assertThat(falseMaybes).as("absent serials answered maybe after the rebuild").isLessThan(300);
    }
}
