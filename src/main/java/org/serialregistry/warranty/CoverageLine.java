package org.serialregistry.warranty;

/**
 * One line of a policy: what it pays for, for how long, and from when, e.g. labour for 12 months
 * from installation. A policy holds at most one line per kind; a kind without a line is not paid.
 */
public record CoverageLine(CoverageKind kind, int termMonths, CoverageStart start) {

    /** "labour 12 months from installation". */
    public String inWords() {
        return kind.label().toLowerCase() + " " + termMonths + " months from " + start.words();
    }
}
