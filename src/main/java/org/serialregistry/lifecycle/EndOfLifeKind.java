package org.serialregistry.lifecycle;

import org.serialregistry.serial.Disposition;

/** How a unit ends: scrapped (disposed of, parts recycled) or destroyed. Both leave it DESTROYED. */
public enum EndOfLifeKind {
    SCRAPPED(Disposition.DISPOSED), DESTROYED(Disposition.DESTROYED);

    private final Disposition disposition;

    EndOfLifeKind(Disposition disposition) {
        this.disposition = disposition;
    }

    /** The CBV disposition of the destroying event. */
    public Disposition disposition() {
        return disposition;
    }
}
