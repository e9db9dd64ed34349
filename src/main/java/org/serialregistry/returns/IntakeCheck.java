package org.serialregistry.returns;

/** One check of a returned unit at intake, with its result in words. */
public record IntakeCheck(String check, boolean passed, String detail) {

    static final String GENUINE = "GENUINE_CODE";
    static final String NOT_LISTED = "NOT_LISTED";
    static final String STATUS = "STATUS";
    static final String FROM_EXPECTED_PARTY = "FROM_EXPECTED_PARTY";
    static final String WARRANTY = "WARRANTY";
}
