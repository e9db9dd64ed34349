package org.serialregistry.factors.ui;

/** The view test's workbook builder, for the API test. */
public final class SecondFactorsViewTestAccess {
    private SecondFactorsViewTestAccess() {
    }

    public static byte[] workbook(String[]... rows) throws Exception {
        return SecondFactorsViewTest.workbook(rows);
    }
}
