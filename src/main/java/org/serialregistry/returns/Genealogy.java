package org.serialregistry.returns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.Refurbishments;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A unit's genealogy as a graph walked both ways from it: backward to its ancestors (the assembly
 * it is built into, the unit it replaced under a claim, the original it was refurbished from) and
 * forward to its descendants (its components, its replacement, the unit it was refurbished into),
 * each step on from the unit reached, at most {@link #MAX_NODES} units.
 */
@Service
public class Genealogy {

    public static final int MAX_NODES = 500;

    /** How a unit is related to the one it was reached from. */
    public enum Relation {
        SELF, BUILT_INTO, COMPONENT, REPLACED, REPLACEMENT, REFURBISHED_FROM, REFURBISHED_INTO;

        public boolean ancestor() {
            return this == BUILT_INTO || this == REPLACED || this == REFURBISHED_FROM;
        }

        public String words() {
            return switch (this) {
                case SELF -> "this unit";
                case BUILT_INTO -> "built into";
                case COMPONENT -> "component";
                case REPLACED -> "replaced unit";
                case REPLACEMENT -> "replacement";
                case REFURBISHED_FROM -> "refurbished from";
                case REFURBISHED_INTO -> "refurbished into";
            };
        }
    }

    /**
     * One unit of the graph.
     *
     * @param parent the serial it was reached from (null for the unit asked about)
     * @param depth  steps from the unit asked about
     */
    public record Node(String serial, @Nullable String gtin, @Nullable String status, Relation relation,
                       @Nullable String parent, int depth, @Nullable String detail) {
    }

    /** The graph: the unit asked about first, then ancestors and descendants in walking order. */
    public record Graph(String serial, List<Node> ancestors, List<Node> descendants, boolean truncated) {
    }

    private record Step(String serial, Relation relation, @Nullable String detail) {
    }

    private final Units units;
    private final Refurbishments refurbishments;
    private final ClaimQueries claims;

    Genealogy(Units units, Refurbishments refurbishments, ClaimQueries claims) {
        this.units = units;
        this.refurbishments = refurbishments;
        this.claims = claims;
    }

    /** Empty for a serial this registry never issued. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','WARRANTY','ADMIN')")
    public Optional<Graph> of(String serialText) {
        if (serialText == null || serialText.isBlank()) {
            throw new IllegalArgumentException("serial: enter a serial number");
        }
        var serial = new SerialNumber(serialText.strip().toUpperCase(java.util.Locale.ROOT));
        var root = units.find(serial);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        var seen = new HashSet<String>();
        seen.add(serial.value());
        boolean[] truncated = {false};
        var ancestors = walk(root.get(), true, seen, truncated);
        var descendants = walk(root.get(), false, seen, truncated);
        return Optional.of(new Graph(serial.value(), ancestors, descendants, truncated[0]));
    }

    private List<Node> walk(UnitRecord root, boolean backward, Set<String> seen, boolean[] truncated) {
        var out = new ArrayList<Node>();
        var queue = new ArrayDeque<Node>();
        queue.add(node(root, Relation.SELF, null, 0, null));
        while (!queue.isEmpty()) {
            var at = queue.poll();
            var unit = at.depth() == 0 ? Optional.of(root) : units.find(new SerialNumber(at.serial()));
            if (unit.isEmpty()) {
                continue;
            }
            for (var step : backward ? backward(unit.get()) : forward(unit.get())) {
                if (!seen.add(step.serial())) {
                    continue;
                }
                if (seen.size() > MAX_NODES) {
                    truncated[0] = true;
                    return out;
                }
                var next = units.find(new SerialNumber(step.serial()))
                        .map(u -> node(u, step.relation(), at.serial(), at.depth() + 1, step.detail()))
                        .orElse(new Node(step.serial(), null, null, step.relation(), at.serial(), at.depth() + 1, step.detail()));
                out.add(next);
                queue.add(next);
            }
        }
        return out;
    }

    private List<Step> backward(UnitRecord u) {
        var steps = new ArrayList<Step>();
        units.assemblyOf(u.serial()).ifPresent(a -> steps.add(new Step(a.value(), Relation.BUILT_INTO, null)));
        for (ClaimView c : claims.replacedBy(u.serial().value())) {
            steps.add(new Step(c.serial(), Relation.REPLACED, "claim " + c.claimNumber()));
        }
        refurbishments.originOf(u.serial()).ifPresent(r -> steps.add(new Step(r.original().value(),
                Relation.REFURBISHED_FROM, "refurbished " + r.refurbishedAt().toString().substring(0, 10))));
        return steps;
    }

    private List<Step> forward(UnitRecord u) {
        var steps = new ArrayList<Step>();
        u.components().forEach(c -> steps.add(new Step(c.value(), Relation.COMPONENT, null)));
        for (ClaimView c : claims.ofSerial(u.serial().value())) {
            if (c.replacementSerial() != null) {
                steps.add(new Step(c.replacementSerial(), Relation.REPLACEMENT, "claim " + c.claimNumber()));
            }
        }
        refurbishments.successorOf(u.serial()).ifPresent(r -> steps.add(new Step(r.newSerial().value(),
                Relation.REFURBISHED_INTO, "refurbished " + r.refurbishedAt().toString().substring(0, 10))));
        return steps;
    }

    private static Node node(UnitRecord u, Relation relation, @Nullable String parent, int depth, @Nullable String detail) {
        return new Node(u.serial().value(), u.gtin().value(), u.status().name(), relation, parent, depth, detail);
    }
}
