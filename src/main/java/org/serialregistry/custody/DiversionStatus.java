package org.serialregistry.custody;

import java.util.Set;

/** Where a diversion alert stands in the channel manager's work. */
public enum DiversionStatus {
    OPEN("Open"),
    INVESTIGATING("Investigating"),
    CONFIRMED("Diversion confirmed"),
    DISMISSED("Dismissed");

    /** The alerts a channel manager still has to work. */
    public static final Set<DiversionStatus> ACTIVE = Set.of(OPEN, INVESTIGATING);

    private final String label;

    DiversionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Closing an alert (or reopening a closed one) needs a reason. */
    public boolean needsReason() {
        return this == CONFIRMED || this == DISMISSED;
    }

    public boolean canMoveTo(DiversionStatus to) {
        return switch (this) {
            case OPEN -> to != OPEN;
            case INVESTIGATING -> to == OPEN || to.needsReason();
            case CONFIRMED, DISMISSED -> to == OPEN;
        };
    }

    public static DiversionStatus of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("status: one of OPEN, INVESTIGATING, CONFIRMED, DISMISSED");
        }
    }
}
