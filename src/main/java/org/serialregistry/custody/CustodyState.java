package org.serialregistry.custody;

/** What a unit's holder is doing with it. */
public enum CustodyState {
    /** The holder has it in stock. */
    HELD,
    /** Shipped by the holder; the receiver has not confirmed yet. */
    IN_TRANSIT,
    /** Sold to the end customer: the chain is closed. */
    SOLD
}
