package org.serialregistry.serial;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.internal.UnitSelectionStore;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the units a {@link UnitSelection} names, page by page in serial order, so that a long job
 * (a recall of millions) can resume after the last serial it handled. Units already in a terminal
 * status (stolen, destroyed, archived) are not selected: nothing can change them any more.
 */
@Service
public class UnitSelections {

    /** The most serials an explicit list may name. */
    public static final int MAX_LISTED_SERIALS = 100_000;

    private final UnitSelectionStore store;
    private final MasterData masterData;

    UnitSelections(UnitSelectionStore store, MasterData masterData) {
        this.store = store;
        this.masterData = masterData;
    }

    /**
     * Checks a selection and returns it normalised (trimmed, upper case, known facility and line).
     *
     * @throws IllegalArgumentException listing every problem in one message, each naming its field
     */
    public UnitSelection validate(UnitSelection s) {
        var problems = new ArrayList<String>();
        String gtin = blankToNull(s.gtin());
        if (gtin != null) {
            try {
                gtin = new Gtin(gtin).value();
            } catch (IllegalArgumentException e) {
                problems.add("gtin: " + message(e));
            }
        }
        var lots = new ArrayList<String>();
        for (String lot : s.lots()) {
            if (lot == null || lot.isBlank()) {
                continue;
            }
            try {
                lots.add(new LotNumber(lot.strip().toUpperCase()).value());
            } catch (IllegalArgumentException e) {
                problems.add("lots: " + lot.strip() + ": " + message(e));
            }
        }
        if (!lots.isEmpty() && gtin == null) {
            problems.add("gtin: name the product whose lots are recalled");
        }
        var serials = new ArrayList<String>();
        for (String serial : s.serials()) {
            if (serial == null || serial.isBlank()) {
                continue;
            }
            try {
                serials.add(new SerialNumber(serial.strip().toUpperCase()).value());
            } catch (IllegalArgumentException e) {
                problems.add("serials: " + serial.strip() + ": " + message(e));
            }
        }
        if (serials.size() > MAX_LISTED_SERIALS) {
            problems.add("serials: at most " + MAX_LISTED_SERIALS + " in one list");
        }
        if (s.producedFrom() != null && s.producedTo() != null && s.producedTo().isBefore(s.producedFrom())) {
            problems.add("producedTo: the production window ends before it starts");
        }
        String facility = blankToNull(s.facilityCode());
        String line = blankToNull(s.lineCode());
        if (facility != null) {
            facility = facility.toUpperCase();
            String code = facility;
            var known = masterData.facilities().stream().filter(f -> f.code().equalsIgnoreCase(code)).findFirst();
            String lineCode = line;
            if (known.isEmpty()) {
                problems.add("facility: no facility " + facility);
            } else if (line != null && known.get().lines().stream().noneMatch(l -> l.code().equalsIgnoreCase(lineCode))) {
                problems.add("line: facility " + facility + " has no line " + line.toUpperCase());
            }
        }
        if (line != null && facility == null) {
            problems.add("line: name the facility of the line");
        }
        boolean named = s.lots().stream().anyMatch(l -> l != null && !l.isBlank())
                || s.serials().stream().anyMatch(x -> x != null && !x.isBlank());
        if (!named && s.producedFrom() == null && s.producedTo() == null && facility == null) {
            problems.add("scope: name lots, serials, a production window or a facility (a recall never means every unit)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new UnitSelection(gtin, lots, serials, s.producedFrom(), s.producedTo(), facility,
                line == null ? null : line.toUpperCase());
    }

    /** Up to {@code limit} selected units with a serial after {@code after} (null: from the start), in serial order. */
    @Transactional(readOnly = true)
    public List<SelectedUnit> page(UnitSelection selection, @Nullable String after, int limit) {
        return store.page(selection, after, limit);
    }

    /** How many units the selection names now (not counting terminal ones). */
    @Transactional(readOnly = true)
    public long count(UnitSelection selection) {
        return store.count(selection);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String message(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "not valid" : e.getMessage();
        int colon = m.indexOf(": ");
        return colon > 0 && colon < 20 ? m.substring(colon + 2) : m;
    }
}
