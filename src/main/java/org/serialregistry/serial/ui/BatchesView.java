package org.serialregistry.serial.ui;

import java.time.Clock;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;

/**
 * All serial batches, newest first, with a progress bar for those still issuing; the view polls
 * once a second while any batch is queued or running. "Issue serials" opens the dialog.
 */
@Route("production/batches")
@PageTitle("Batches")
@Menu(title = "Batches", order = 21, icon = "vaadin:barcode")
@RolesAllowed({Role.PRODUCTION_NAME})
class BatchesView extends VerticalLayout {

    static final int POLL_MS = 1000;

    private final SerialIssuance issuance;
    private final BatchGrid grid = new BatchGrid();
    private Registration pollListener;

    BatchesView(SerialIssuance issuance, MasterData masterData, Clock clock) {
        this.issuance = issuance;
        setSizeFull();
        var issue = new Button("Issue serials", VaadinIcon.PLUS.create(), e -> new IssueSerialsDialog(masterData, issuance, clock,
                batch -> {
                    grid.getDataProvider().refreshAll();
                    watch();
                }).open());
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setItems(query -> issuance.batches(query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, issuance.batchCount()));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(BatchDetailView.class,
                BatchDetailView.query(e.getItem().id()))));
        grid.setSizeFull();
        add(issue, grid);
    }

    BatchGrid grid() {
        return grid;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        pollListener = event.getUI().addPollListener(e -> {
            grid.getDataProvider().refreshAll();
            if (!issuance.anyRunning()) {
                e.getSource().setPollInterval(-1);
            }
        });
        watch();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (pollListener != null) {
            pollListener.remove();
        }
    }

    /** Poll while a batch is queued or running, so progress bars move without push. */
    private void watch() {
        if (issuance.anyRunning()) {
            getUI().or(() -> java.util.Optional.ofNullable(UI.getCurrent())).ifPresent(ui -> ui.setPollInterval(POLL_MS));
        }
    }
}
