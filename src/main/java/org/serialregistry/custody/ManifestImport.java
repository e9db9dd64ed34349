package org.serialregistry.custody;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.SheetRows;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.shared.UnitCode;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipment manifests uploaded as Excel: one row per unit with the columns {@link #COLUMNS}.
 * All or nothing: every row is checked first, and one bad row means nothing is shipped; the
 * result lists every rejected row with its reason.
 */
@Service
public class ManifestImport {

    public static final List<String> COLUMNS = List.of("shipment_number", "from", "to", "serial", "po");
    public static final int MAX_ROWS = 200_000;
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    /** A row that cannot be applied, with the reason. */
    public record RejectedRow(int row, String reason) {
    }

    /** What an upload did: the shipments created, or (when any row is rejected) nothing and why. */
    public record Result(int rows, int emptyRows, List<ShipmentView> shipments, List<RejectedRow> rejected) {
        public boolean applied() {
            return rejected.isEmpty() && !shipments.isEmpty();
        }
    }

    private final Shipping shipping;
    private final Parties parties;
    private final Units units;
    private final CustodyStore store;

    ManifestImport(Shipping shipping, Parties parties, Units units, CustodyStore store) {
        this.shipping = shipping;
        this.parties = parties;
        this.units = units;
        this.store = store;
    }

    private record Row(int row, String number, String from, String to, String serial, String po) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR')")
    public Result importManifest(InputStream xlsx) {
        var rows = new ArrayList<Row>();
        var rejected = new ArrayList<RejectedRow>();
        int[] empty = {0};
        boolean[] header = {false};
        SheetRows.read(xlsx, 8, (n, cells) -> {
            if (cells.stream().allMatch(String::isEmpty)) {
                empty[0]++;
                return;
            }
            if (!header[0]) {
                header[0] = true;
                var names = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                if (names.size() < 4 || !names.subList(0, 4).equals(COLUMNS.subList(0, 4))
                        || names.size() > 4 && !names.get(4).isEmpty() && !names.get(4).equals("po")) {
                    throw new IllegalArgumentException("file: row " + n + " must name the columns "
                            + String.join(", ", COLUMNS) + " (po optional); found " + String.join(", ", cells));
                }
                return;
            }
            if (rows.size() + rejected.size() >= MAX_ROWS) {
                rejected.add(new RejectedRow(n, "more than " + MAX_ROWS + " rows: split the manifest"));
                throw new SheetRows.StopReading();
            }
            String cell4 = cells.size() > 4 ? cells.get(4) : "";
            rows.add(new Row(n, cell(cells, 0), cell(cells, 1).toUpperCase(Locale.ROOT),
                    cell(cells, 2).toUpperCase(Locale.ROOT), cell(cells, 3), cell4));
        });
        if (!header[0]) {
            throw new IllegalArgumentException("file: the sheet is empty; the first row names the columns "
                    + String.join(", ", COLUMNS));
        }
        if (rows.isEmpty() && rejected.isEmpty()) {
            throw new IllegalArgumentException("file: no rows under the header");
        }
        var partyCache = new HashMap<String, Optional<PartyView>>();
        var route = new HashMap<String, String>();
        var seen = new HashSet<String>();
        var bySerial = new HashMap<String, Row>();
        for (Row r : rows) {
            String why = check(r, partyCache, route, seen);
            if (why != null) {
                rejected.add(new RejectedRow(r.row(), why));
            } else {
                bySerial.put(UnitCode.parse(r.serial()).serial().value(), r);
            }
        }
        // held by the sender? Asked of every well-formed row in the same pass, so that a forged or
        // foreign serial is named in the same report as a mistyped party, not on the next upload
        {
            var custody = store.custodyOf(bySerial.keySet());
            for (var entry : bySerial.entrySet()) {
                Row r = entry.getValue();
                var unit = units.find(new SerialNumber(entry.getKey()));
                if (unit.isEmpty()) {
                    rejected.add(new RejectedRow(r.row(), "serial " + entry.getKey() + " was never issued by this registry"));
                    continue;
                }
                String why = notHeld(unit.get(), custody.get(entry.getKey()), r.from());
                if (why != null) {
                    rejected.add(new RejectedRow(r.row(), why));
                }
            }
        }
        if (!rejected.isEmpty()) {
            rejected.sort(java.util.Comparator.comparingInt(RejectedRow::row));
            return new Result(rows.size(), empty[0], List.of(), rejected);
        }
        var groups = new LinkedHashMap<String, List<Row>>();
        rows.forEach(r -> groups.computeIfAbsent(r.number(), k -> new ArrayList<>()).add(r));
        var created = new ArrayList<ShipmentView>();
        for (var g : groups.entrySet()) {
            var first = g.getValue().getFirst();
            var refs = first.po().isEmpty() ? Map.<String, String>of() : Map.of("po", first.po());
            created.add(shipping.ship(new NewShipment(g.getKey(), first.from(), first.to(),
                    g.getValue().stream().map(r -> UnitCode.parse(r.serial()).serial().value()).toList(), List.of(), refs,
                    null)));
        }
        return new Result(rows.size(), empty[0], created, List.of());
    }

    /** Every problem of a row, joined; null when the row is fine. */
    private String check(Row r, Map<String, Optional<PartyView>> partyCache, Map<String, String> route,
                         HashSet<String> seen) {
        var problems = new ArrayList<String>();
        boolean numberOk = NUMBER.matcher(r.number()).matches();
        if (!numberOk) {
            problems.add(r.number().isEmpty() ? "shipment_number is empty" : "shipment_number '" + clip(r.number())
                    + "' is not 1 to 64 letters, digits and _ . : / -");
        }
        var from = partyCache.computeIfAbsent(r.from(), parties::find);
        if (from.isEmpty()) {
            problems.add(r.from().isEmpty() ? "from is empty" : "from: no party with code '" + clip(r.from()) + "'");
        }
        var to = partyCache.computeIfAbsent(r.to(), parties::find);
        if (to.isEmpty()) {
            problems.add(r.to().isEmpty() ? "to is empty" : "to: no party with code '" + clip(r.to()) + "'");
        }
        if (from.isPresent() && to.isPresent() && r.from().equals(r.to())) {
            problems.add("from and to are the same party");
        }
        if (numberOk && from.isPresent() && to.isPresent()) {
            String key = r.from() + " -> " + r.to();
            String known = route.putIfAbsent(r.number(), key);
            if (known != null && !known.equals(key)) {
                problems.add("shipment " + r.number() + " goes " + known + " in an earlier row, not " + key);
            }
            if (known == null && store.shipmentNumberExists(r.number())) {
                problems.add("shipment " + r.number() + " already exists");
            }
        }
        if (r.serial().isEmpty()) {
            problems.add("serial is empty");
        } else {
            try {
                String serial = UnitCode.parse(r.serial()).serial().value();
                if (!seen.add(serial)) {
                    problems.add("serial " + serial + " appears in an earlier row");
                }
            } catch (IllegalArgumentException e) {
                problems.add("serial '" + clip(r.serial()) + "': " + e.getMessage());
            }
        }
        if (!r.po().isEmpty() && !NUMBER.matcher(r.po()).matches()) {
            problems.add("po '" + clip(r.po()) + "' is not 1 to 64 letters, digits and _ . : / -");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private String notHeld(UnitRecord u, CustodyStore.CustodyRow c, String from) {
        String s = u.serial().value();
        if (u.status().terminal()) {
            return "unit " + s + " is " + u.status().label().toLowerCase();
        }
        if (u.status() == UnitStatus.SUPPLIED || c != null && c.state() == CustodyState.SOLD) {
            return "unit " + s + " was sold to an end customer";
        }
        if (c != null && c.state() == CustodyState.IN_TRANSIT) {
            return "unit " + s + " is in transit to " + c.inTransitTo();
        }
        String holder = c != null ? c.holder() : parties.manufacturerOf(u.facilityCode()).map(PartyView::code).orElse(null);
        if (holder != null && !holder.equals(from)) {
            return "unit " + s + " is held by " + holder + ", not by " + from;
        }
        return null;
    }

    private static String cell(List<String> cells, int i) {
        return i < cells.size() ? cells.get(i) : "";
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
