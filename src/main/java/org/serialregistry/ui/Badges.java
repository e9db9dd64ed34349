package org.serialregistry.ui;

import com.vaadin.flow.component.html.Span;

/** Lumo badges for results, so that a failed check never looks like a passed one. */
public final class Badges {

    private Badges() {
    }

    /** "Passed" in green or "Failed" in red, with a mark that does not rely on colour alone. */
    public static Span check(boolean passed) {
        return badge(passed ? "✓ Passed" : "✗ Failed", passed ? "success" : "error");
    }

    /** A badge of one of Lumo's badge themes: success, error, contrast, or "" for the neutral one. */
    public static Span badge(String text, String theme) {
        var span = new Span(text);
        span.getElement().getThemeList().add(theme.isEmpty() ? "badge" : "badge " + theme);
        return span;
    }
}
