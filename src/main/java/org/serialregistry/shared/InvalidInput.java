package org.serialregistry.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Every problem of one request at once, each naming its field: forms show each at its input,
 * imports list each at its row, and the API answers "field: message; field: message". Being an
 * {@link IllegalArgumentException} whose message starts with the first field, it reaches callers
 * that know only single problems unchanged.
 */
public class InvalidInput extends IllegalArgumentException {

    /** One problem; {@code field} is the request's field name, {@code message} is in user words without it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInput needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The problems an exception carries: all of an {@code InvalidInput}; for any other exception
     * one, its field read from a "field: message" text, or {@code ""} when the message names none.
     */
    public static List<Problem> of(RuntimeException e) {
        if (e instanceof InvalidInput many) {
            return many.problems();
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.\\[\\]-]{0,63}")) {
            return List.of(new Problem(message.substring(0, colon), message.substring(colon + 1).strip()));
        }
        return List.of(new Problem("", message));
    }

    /** Collects problems while validating every field; {@link #throwIfAny()} at the end. */
    public static final class Collector {

        private final List<Problem> problems = new ArrayList<>();

        /** Parses a required field; on a problem records it and returns null so that validation goes on. */
        public <T> @Nullable T field(String name, @Nullable String raw, Function<String, T> parse) {
            if (raw == null || raw.isBlank()) {
                add(name, "is missing");
                return null;
            }
            return get(name, () -> parse.apply(raw));
        }

        /** Runs one check; an {@link IllegalArgumentException} becomes a problem of {@code name}. */
        public <T> @Nullable T get(String name, Supplier<T> check) {
            try {
                return check.get();
            } catch (InvalidInput many) {
                many.problems().forEach(p -> add(p.field(), p.message()));
            } catch (IllegalArgumentException e) {
                var one = of(e).getFirst();
                // a message that names a field keeps it; "is missing" style messages get this one
                add(one.field().isEmpty() ? name : one.field(), one.message());
            }
            return null;
        }

        /** Records a problem when {@code ok} is false; returns {@code ok}. */
        public boolean require(boolean ok, String name, String message) {
            if (!ok) {
                add(name, message);
            }
            return ok;
        }

        public void add(String name, String message) {
            if (problems.stream().noneMatch(p -> p.field().equals(name))) {
                problems.add(new Problem(name, message));
            }
        }

        public boolean has(String name) {
            return problems.stream().anyMatch(p -> p.field().equals(name));
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
