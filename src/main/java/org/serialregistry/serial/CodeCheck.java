package org.serialregistry.serial;

import java.time.LocalDate;

/**
 * The cryptographic verdict on a code, decided without a database read. The reason of a failure
 * is for logs and investigators only; public answers just say "not genuine".
 */
public sealed interface CodeCheck {

    boolean genuine();

    /** The tag matches: the code was computed with one of our keys. */
    record Genuine(int keyVersion, int facilityNumber, int lineNumber, LocalDate productionDay, long sequence)
            implements CodeCheck {
        @Override
        public boolean genuine() {
            return true;
        }
    }

    /** Well-formed but the tag does not match, or the key version is unknown. */
    record Forged(String reason) implements CodeCheck {
        @Override
        public boolean genuine() {
            return false;
        }
    }

    /** Not even shaped like one of our serials (length, characters). */
    record Malformed(String reason) implements CodeCheck {
        @Override
        public boolean genuine() {
            return false;
        }
    }
}
