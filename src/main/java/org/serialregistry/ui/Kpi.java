package org.serialregistry.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A key figure with its label, for the top of workspace home pages. */
public class Kpi extends Div {

    private final Span value = new Span();

    public Kpi(String label, Object value) {
        addClassName("kpi");
        this.value.addClassName("kpi-value");
        this.value.setText(String.valueOf(value));
        var caption = new Span(label);
        caption.addClassName("kpi-label");
        add(this.value, new Div(caption));
    }

    public String getValue() {
        return value.getText();
    }
}
