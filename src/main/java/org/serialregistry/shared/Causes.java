package org.serialregistry.shared;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** Questions about an exception's chain of causes. */
public final class Causes {

    private Causes() {
    }

    /**
     * True when the exception or any of its causes matches (a cause that is its own cause ends the chain).
     * A JDBC exception's chained "next" exceptions count as causes: a batch's failure keeps the reason only
     * there (H2's {@code JdbcBatchUpdateException} carries the full disk's I/O error so).
     */
    public static boolean any(@Nullable Throwable e, Predicate<Throwable> test) {
        return any(e, test, 0);
    }

    private static boolean any(@Nullable Throwable e, Predicate<Throwable> test, int depth) {
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (test.test(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != sql.getCause()
                    && any(sql.getNextException(), test, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
