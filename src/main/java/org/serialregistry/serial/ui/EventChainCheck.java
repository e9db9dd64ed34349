package org.serialregistry.serial.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import org.serialregistry.serial.ChainReport;
import org.serialregistry.serial.Units;

/** A button that recomputes the lifecycle log's hash chain and says whether it is intact. */
class EventChainCheck extends HorizontalLayout {

    private final Span result = new Span();

    EventChainCheck(Units units) {
        setAlignItems(Alignment.BASELINE);
        var check = new Button("Check event chain", VaadinIcon.LINK.create(), e -> show(units.verifyChain()));
        check.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        result.addClassName("chain-report");
        add(check, result);
    }

    private void show(ChainReport report) {
        if (report.intact()) {
            result.setText("Intact: " + report.eventsChecked() + " events checked, every MAC matches its predecessor"
                    + (report.checkpointSequence() == null ? "" : ", the checkpoint of " + report.checkpointCreatedAt()
                    + " (" + report.checkpointSequence() + " events) matches") + ", every unit's status agrees with its events.");
            result.getElement().getThemeList().set("badge success", true);
        } else {
            result.setText("BROKEN at event " + report.firstBrokenEventId() + ": " + report.problem() + " ("
                    + report.eventsChecked() + " events checked)");
            result.getElement().getThemeList().set("badge error", true);
        }
    }

    String resultText() {
        return result.getText();
    }
}
