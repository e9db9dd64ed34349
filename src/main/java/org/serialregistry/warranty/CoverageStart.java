package org.serialregistry.warranty;

/** The day a coverage line's term starts. */
public enum CoverageStart {
    /** The unit's production date. */
    MANUFACTURE("manufacture", "the production date"),
    /** The sale: the registered purchase date, else the retail sale a seller recorded (the production date while neither is known). */
    SALE("sale", "the sale date"),
    /** The day an owner registered the unit; not started while nobody has. */
    REGISTRATION("registration", "the registration date"),
    /** The unit's installation (an {@code installing} lifecycle event); not started while none is recorded. */
    INSTALLATION("installation", "the installation date");

    private final String words;
    private final String dateWords;

    CoverageStart(String words, String dateWords) {
        this.words = words;
        this.dateWords = dateWords;
    }

    /** "sale", as in "12 months from sale". */
    public String words() {
        return words;
    }

    /** "the sale date", as in "12 months from the sale date 2026-11-02". */
    public String dateWords() {
        return dateWords;
    }
}
