package org.serialregistry.warranty;

/** How many claims a filter covers (however many there are), and how many of them were denied. */
public record ClaimTotals(long total, long denied) {
}
