package org.serialregistry.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The set never says "certainly not" for a serial that has the fact, whoever wrote it and when. */
class KnownSerialsTest {

    private final List<KnownSerials.Row> table = new CopyOnWriteArrayList<>();
    /** Rows the source handed out, to see how much of the table a refresh reads. */
    private final AtomicLong rowsRead = new AtomicLong();

    private List<KnownSerials.Row> after(long id, int limit) {
        var rows = new ArrayList<KnownSerials.Row>();
        table.stream().filter(r -> r.id() > id).sorted(Comparator.comparingLong(KnownSerials.Row::id))
                .limit(limit).forEach(rows::add);
        rowsRead.addAndGet(rows.size());
        return rows;
    }

    private void rows(String prefix, int from, int to) {
        for (int i = from; i <= to; i++) {
            table.add(new KnownSerials.Row(i, prefix + i));
        }
    }

    /** Of 10,000 serials that have no fact, how many are answered "maybe". */
    private static long falseMaybes(KnownSerials known) {
        return IntStream.rangeClosed(1, 10_000).filter(i -> known.mightContain("ABSENT" + i)).count();
    }

    private static void assertAllMaybe(KnownSerials known, String prefix, int from, int to) {
        for (int i = from; i <= to; i++) {
            assertThat(known.mightContain(prefix + i)).as(prefix + i).isTrue();
        }
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
        rows("S", 1, 5_000);
        var known = KnownSerials.appendOnly("test", this::after, 10_000);
        known.refresh();
        assertThat(known.ready()).isTrue();
        assertAllMaybe(known, "S", 1, 5_000);
        assertThat(falseMaybes(known)).as("absent serials answered maybe, of 10,000").isLessThan(300);
    }

    @Test
    void aFillThatFindsMoreThanItWasSizedForReadsTheTableOnceAndIsResizedAtTheNextRefresh() {
        rows("S", 1, 50_000);
        var known = KnownSerials.appendOnly("test", this::after, 1_000);
        known.refresh();
        assertThat(rowsRead).as("rows read by the first fill").hasValue(50_000);
        assertAllMaybe(known, "S", 1, 50_000);
        known.refresh();
        assertThat(rowsRead).as("rows read by the fill and the resize").hasValue(100_000);
        assertAllMaybe(known, "S", 1, 50_000);
        assertThat(falseMaybes(known)).as("absent serials answered maybe after the resize").isLessThan(300);
    }

    @Test
    void aRefreshReadsWhatIsNewAndTheLastFewIdsNotTheWholeTable() {
        rows("S", 1, 50_000);
        var known = KnownSerials.appendOnly("test", this::after, 100_000);
        known.refresh();
        rowsRead.set(0);
        rows("N", 50_001, 50_010);
        known.refresh();
        assertAllMaybe(known, "N", 50_001, 50_010);
        assertThat(rowsRead.get()).as("rows read by a refresh after ten new ones")
                .isLessThanOrEqualTo(10 + KnownSerials.MARGIN);
    }

    @Test
    void aRowCommittedOutOfIdOrderWithinTheLastRefreshesIsFoundBeyondTheMargin() {
        rows("S", 1, 1_000);
        var known = KnownSerials.appendOnly("test", this::after, 10_000);
        known.refresh();
        rows("S", 1_001, 2_000);
        known.refresh();
        // drawn before the last refresh, committed after it: 500 ids below the newest, within the look-back
        table.add(new KnownSerials.Row(1_500, "LAGGED"));
        known.refresh();
        assertThat(known.mightContain("LAGGED")).isTrue();
    }

    @Test
    void aRowCommittedLongAfterItsIdWasDrawnIsFoundByTheHourlyFullRead() {
        var now = new AtomicLong();
        rows("S", 1, 1_000);
        var known = KnownSerials.appendOnly("test", this::after, 10_000, now::get);
        known.refresh();
        rows("S", 1_001, 2_000);
        for (int i = 0; i < KnownSerials.LOOK_BACK + 1; i++) {
            known.refresh();
        }
        table.add(new KnownSerials.Row(500 + KnownSerials.MARGIN / 2, "VERYLATE")); // below every id the tail reads again
        known.refresh();
        assertThat(known.mightContain("VERYLATE")).isFalse();
        now.addAndGet(KnownSerials.FULL_RELOAD.toNanos() + 1);
        known.refresh();
        assertThat(known.mightContain("VERYLATE")).isTrue();
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
        assertAllMaybe(known, "G", 1, 20_000);
        assertThat(falseMaybes(known)).as("absent serials answered maybe after the rebuild").isLessThan(300);
    }
}
