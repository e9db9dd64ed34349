package org.serialregistry.shared;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** Questions about an exception's chain of causes. */
public final class Causes {

    private Causes() {
    }

    /** True when the exception or any of its causes matches (a cause that is its own cause ends the chain). */
    public static boolean any(@Nullable Throwable e, Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
