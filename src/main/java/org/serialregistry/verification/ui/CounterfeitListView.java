package org.serialregistry.verification.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.ui.CodeInput;
import org.serialregistry.ui.Notifications;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.CounterfeitReason;
import org.serialregistry.verification.ListedCounterfeit;

/**
 * The public counterfeit list. Forensic reviewers and admins add and remove serials, always with a
 * reason; channel managers read it. The public page says "reported as counterfeit" for these.
 */
@Route("verification/counterfeits")
@PageTitle("Counterfeit list")
@Menu(title = "Counterfeit list", order = 62, icon = "vaadin:ban")
@RolesAllowed({Role.CHANNEL_NAME, Role.FORENSICS_NAME, Role.ADMIN_NAME})
class CounterfeitListView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    final Grid<ListedCounterfeit> grid = new Grid<>();
    private final CounterfeitList list;
    private final boolean mayChange;

    CounterfeitListView(CounterfeitList list, CurrentUser user) {
        this.list = list;
        this.mayChange = user.roles().contains(Role.ADMIN) || user.roles().contains(Role.FORENSICS);
        setSizeFull();
        grid.addColumn(ListedCounterfeit::serial).setHeader("Serial").setAutoWidth(true);
        grid.addColumn(c -> c.gtin() == null ? "" : c.gtin()).setHeader("GTIN").setAutoWidth(true);
        grid.addColumn(c -> c.reason().label()).setHeader("Reason").setAutoWidth(true);
        grid.addColumn(c -> c.note() == null ? "" : c.note()).setHeader("Note").setFlexGrow(1);
        grid.addColumn(ListedCounterfeit::listedBy).setHeader("Listed by").setAutoWidth(true);
        grid.addColumn(c -> WHEN.format(c.listedAt())).setHeader("Listed (UTC)").setAutoWidth(true);
        if (mayChange) {
            grid.addComponentColumn(c -> {
                var remove = new Button("Remove", e -> openRemove(c));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                return remove;
            }).setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        refresh();
        if (mayChange) {
            var add = new Button("Report a counterfeit serial", e -> openAdd());
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(add);
        } else {
            add(new Paragraph("Forensic reviewers and administrators maintain this list."));
        }
        add(grid);
    }

    private void refresh() {
        grid.setItems(list.all());
    }

    private void openAdd() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Report a counterfeit serial");
        var serial = new TextField("Serial");
        serial.setRequired(true);
        CodeInput.configure(serial);
        var gtin = new TextField("GTIN (optional)");
        gtin.setMaxLength(14);
        var reason = new ComboBox<CounterfeitReason>("Reason");
        reason.setItems(CounterfeitReason.values());
        reason.setItemLabelGenerator(CounterfeitReason::label);
        reason.setRequired(true);
        var note = new TextArea("Note (internal)");
        note.setMaxLength(1000);
        var save = new Button("Put on the list", e -> {
            var code = CodeInput.read(serial);
            if (code.isEmpty()) {
                return;
            }
            try {
                String g = gtin.getValue().isBlank() ? code.get().gtinValue() : Gtin.of(gtin.getValue()).value();
                list.report(code.get().serial(), g, reason.getValue(), note.getValue());
                Notifications.success("Serial " + code.get().serial().value() + " is on the counterfeit list");
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(serial, gtin, reason, note));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openRemove(ListedCounterfeit entry) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Take " + entry.serial() + " off the list");
        var why = new TextArea("Why");
        why.setRequired(true);
        why.setMaxLength(500);
        var confirm = new Button("Take off the list", e -> {
            try {
                list.remove(new SerialNumber(entry.serial()), why.getValue());
                Notifications.success("Serial " + entry.serial() + " is off the counterfeit list");
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(why);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }
}
