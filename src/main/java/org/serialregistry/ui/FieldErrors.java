package org.serialregistry.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Div;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.InvalidInput;

/**
 * Shows every problem of a form at once, each at its input, in the input's own words: a service's
 * field name ({@code gtin}, {@code maxClaimRatePercent}) is mapped to the component bound to it, and
 * the message appears there without the name. A problem of a field that has no input here appears
 * in the form's summary line (inside the form, not a toast over it), named by the label of the
 * field, never by its internal name. Forms bind their inputs once and call {@link #attempt}.
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Div summary = new Div();

    public FieldErrors() {
        summary.addClassName("form-problems");
        summary.getElement().setAttribute("role", "alert");
        summary.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-line");
        summary.setVisible(false);
    }

    /** Binds a service field name to its input; the input's label names it in messages. */
    public <C extends Component & HasValidation> FieldErrors bind(String field, C input) {
        fields.put(field, input);
        if (input instanceof HasLabel labelled && labelled.getLabel() != null) {
            labels.put(field, labelled.getLabel());
        }
        input.setManualValidation(true);
        return this;
    }

    /** Names a field that has no input of its own (such as a file column) for the summary. */
    public FieldErrors label(String field, String label) {
        labels.put(field, label);
        return this;
    }

    /** The line for problems that belong to no input; add it to the form. */
    public Div summary() {
        return summary;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
        summary.setText("");
        summary.setVisible(false);
    }

    /**
     * Runs the action after clearing earlier problems; an {@link IllegalArgumentException} shows
     * every problem it carries. Returns the action's result, or null when it was refused.
     */
    public <T> @Nullable T attempt(Supplier<T> action) {
        clear();
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            show(e);
            return null;
        }
    }

    /** Like {@link #attempt(Supplier)} for actions without a result; true when it went through. */
    public boolean run(Runnable action) {
        return attempt(() -> {
            action.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** Shows the problems of {@code e}: each at its input, the rest in the summary. */
    public void show(RuntimeException e) {
        var elsewhere = new ArrayList<String>();
        for (var p : InvalidInput.of(e)) {
            var input = fields.get(p.field());
            if (input != null && !input.isInvalid()) {
                input.setErrorMessage(sentence(p.message()));
                input.setInvalid(true);
            } else if (input == null) {
                elsewhere.add(inUserWords(p));
            }
        }
        if (!elsewhere.isEmpty()) {
            summary.setText(String.join("\n", elsewhere));
            summary.setVisible(true);
        }
    }

    /** The problems shown, as the user reads them: "Label: message" for each, at inputs first. */
    public List<String> shown() {
        var out = new ArrayList<String>();
        fields.forEach((name, f) -> {
            if (f.isInvalid()) {
                out.add(labels.getOrDefault(name, name) + ": " + f.getErrorMessage());
            }
        });
        if (summary.isVisible()) {
            out.addAll(List.of(summary.getText().split("\n")));
        }
        return out;
    }

    private String inUserWords(InvalidInput.Problem p) {
        String label = labels.get(p.field());
        if (label == null && !p.field().isEmpty()) {
            label = words(p.field());
        }
        return label == null ? sentence(p.message()) : label + ": " + p.message();
    }

    private static final java.util.regex.Pattern FIELD_PREFIX =
            java.util.regex.Pattern.compile("(^|; )([a-z][A-Za-z0-9_.\\[\\]-]{0,63}): ");

    /**
     * A service message in user words: every internal field name in front of a problem
     * ({@code maxClaimRatePercent: ...; gtin: ...}) becomes words ("Max claim rate percent: ...").
     */
    public static String readable(String message) {
        return FIELD_PREFIX.matcher(message == null ? "" : message)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + words(m.group(2)) + ": "));
    }

    /** {@code maxClaimRatePercent} -> "Max claim rate percent"; {@code components[2]} -> "Components 3". */
    static String words(String field) {
        var index = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(field);
        String base = index.replaceAll(m -> " " + (Integer.parseInt(m.group(1)) + 1));
        String spaced = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('.', ' ')
                .toLowerCase(Locale.ROOT).strip().replaceAll("\\bgtin\\b", "GTIN").replaceAll("\\bpo\\b", "PO");
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    static String sentence(String message) {
        String m = message.strip();
        return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
