package org.serialregistry.warranty.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.Badges;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimDecisions;

/**
 * The adjudicator's claim queue: claims that need a person first, with filters, sorting, age,
 * assignment and decisions on several claims at once (one electronic signature).
 */
@Route("warranty")
@PageTitle("Claim queue")
@Menu(title = "Claim queue", order = 40, icon = "vaadin:file-text-o")
@RolesAllowed(Role.WARRANTY_NAME)
class WarrantyHomeView extends VerticalLayout {

    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final CurrentUser currentUser;
    private final UserAdministration users;
    private final Clock clock;
    final Grid<ClaimView> grid = new Grid<>();
    final MultiSelectComboBox<ClaimState> states = new MultiSelectComboBox<>("State");
    final Select<ProductView> product = new Select<>();
    final Select<DefectCode> defect = new Select<>();
    final TextField search = new TextField("Claim, serial, RMA or claimant");
    final Checkbox mine = new Checkbox("Assigned to me");
    final Select<ClaimFilter.Sort> sort = new Select<>();
    private final FlexLayout kpis = new FlexLayout();
    /** The claim the keys work on (J/K move it); said in words for people who cannot see the highlight. */
    final Span current = new Span();
    private List<ClaimView> rows = List.of();
    private int at = -1;

    WarrantyHomeView(ClaimQueries claims, ClaimDecisions decisions, MasterData masterData, CurrentUser currentUser,
                     UserAdministration users, Clock clock) {
        this.claims = claims;
        this.decisions = decisions;
        this.currentUser = currentUser;
        this.users = users;
        this.clock = clock;
        setSizeFull();

        states.setItems(ClaimState.values());
        states.setItemLabelGenerator(ClaimState::label);
        states.setValue(EnumSet.of(ClaimState.NEEDS_REVIEW));
        product.setLabel("Product");
        product.setEmptySelectionAllowed(true);
        product.setEmptySelectionCaption("All products");
        product.setItems(masterData.products());
        product.setItemLabelGenerator(p -> p == null ? "All products" : p.name());
        defect.setLabel("Defect");
        defect.setEmptySelectionAllowed(true);
        defect.setEmptySelectionCaption("All defects");
        defect.setItems(DefectCode.values());
        defect.setItemLabelGenerator(d -> d == null ? "All defects" : d.label());
        sort.setLabel("Order");
        sort.setItems(ClaimFilter.Sort.values());
        sort.setItemLabelGenerator(s -> s == ClaimFilter.Sort.OLDEST_FIRST ? "Oldest first" : "Newest first");
        sort.setValue(ClaimFilter.Sort.OLDEST_FIRST);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        states.addValueChangeListener(e -> refresh());
        product.addValueChangeListener(e -> refresh());
        defect.addValueChangeListener(e -> refresh());
        search.addValueChangeListener(e -> refresh());
        mine.addValueChangeListener(e -> refresh());
        sort.addValueChangeListener(e -> refresh());
        var filters = new HorizontalLayout(states, product, defect, search, mine, sort);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);

        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        var columns = Grids.columns(grid);
        columns.key("Claim", ClaimView::claimNumber).setSortable(true).setComparator(c -> c.id().value());
        columns.value("Age", c -> ClaimFormat.age(c.submittedAt(), clock.instant())).setKey("age").setSortable(true)
                .setComparator((a, b) -> b.submittedAt().compareTo(a.submittedAt()));
        // state and review deadline in one cell, defect and lot in one, claimant and assignee in one:
        // the queue fits 1440 px without sideways scrolling and the reason keeps its room
        grid.addComponentColumn(c -> {
            String sla = ClaimFormat.sla(c, clock.instant());
            var cell = new Span(c.state().label() + " ");
            if (!sla.isEmpty()) {
                cell.add(Badges.badge(sla, sla.startsWith("Overdue") ? "error" : "contrast"));
            }
            return cell;
        }).setHeader("State · review due").setKey("sla").setWidth("10rem").setFlexGrow(0).setSortable(true)
                .setComparator((a, b) -> a.submittedAt().compareTo(b.submittedAt()));
        columns.text("Defect · lot", c -> c.defect().label() + " · " + c.lot(), "8rem", 0).setSortable(true);
        columns.value("Serial", ClaimView::serial);
        columns.text("Claimant · assigned", c -> c.claimantName() + (c.assignedTo() == null ? "" : " · with " + c.assignedTo()),
                "8rem", 0).setSortable(true).setComparator(ClaimView::claimantName);
        // the reason is what an adjudicator reads first: room for it, wrapped, never scrolled away
        columns.text("Why", ClaimView::decisionReasons, "10rem", 1).setKey("why");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ClaimPageView.class, e.getItem().id().value())));
        grid.setSizeFull();

        var assign = new Button("Assign to me", e -> assignSelected());
        var approve = new Button("Approve selected…", e -> decideSelected(ClaimDecision.APPROVED));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var deny = new Button("Deny selected…", e -> decideSelected(ClaimDecision.DENIED));
        deny.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var actions = new HorizontalLayout(assign, approve, deny, new Span("Click a claim to open it."));
        actions.setAlignItems(Alignment.CENTER);
        actions.setWrap(true);
        keys();

        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        kpis.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        var hint = new Span(KEYS);
        hint.addClassName("keys-hint");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        current.getElement().setAttribute("aria-live", "polite");
        current.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(kpis, filters, actions, new FlexLayout(hint), current, grid);
        refresh();
    }

    void refresh() {
        refresh(Set.of());
    }

    /** Reads the queue again; the claims among {@code keepSelected} that are still shown stay selected. */
    void refresh(Set<ClaimId> keepSelected) {
        Set<ClaimState> s = states.getValue();
        var filter = new ClaimFilter(s, product.getValue() == null ? null : product.getValue().gtin().value(), null, null,
                null, defect.getValue(), search.getValue(), mine.getValue() ? currentUser.require() : null, null,
                sort.getValue() == null ? ClaimFilter.Sort.OLDEST_FIRST : sort.getValue(), 1000);
        ClaimId was = at >= 0 && at < rows.size() ? rows.get(at).id() : null;
        rows = claims.search(filter);
        grid.setItems(rows);
        grid.deselectAll();
        rows.stream().filter(r -> keepSelected.contains(r.id())).forEach(grid::select);
        // the keys stay on the same claim, or on the one that took its place when it left the queue
        int same = was == null ? -1 : rows.stream().map(ClaimView::id).toList().indexOf(was);
        at = rows.isEmpty() || at < 0 ? -1 : same >= 0 ? same : Math.min(at, rows.size() - 1);
        showCurrent();
        var review = claims.search(ClaimFilter.all().withStates(EnumSet.of(ClaimState.NEEDS_REVIEW)));
        var oldest = review.stream().map(ClaimView::submittedAt).min(Instant::compareTo);
        kpis.removeAll();
        Instant now = clock.instant();
        kpis.add(new Kpi("Need review", review.size()), new Kpi("Shown", rows.size()),
                new Kpi("Overdue (over " + ClaimFormat.REVIEW_SLA.toDays() + " days)", review.stream()
                        .filter(c -> ClaimFormat.sla(c, now).startsWith("Overdue")).count()),
                new Kpi("Oldest in review", oldest.map(at -> ClaimFormat.age(at, now)).orElse("–")));
    }

    private void assignSelected() {
        var selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notifications.error("Select the claims to assign");
            return;
        }
        String me = currentUser.require();
        if (ClaimFormat.attempt(() -> selected.forEach(c -> decisions.assign(c.id(), me)))) {
            Notifications.success(selected.size() + " claim(s) assigned to you");
        }
        refresh();
    }

    static final String KEYS = "Keys, with the queue focused (Tab into it): J next claim · K previous · X select or unselect "
            + "· A approve… · D deny… (selected claims, else the current one; both ask for your signature) · O open";

    /** Keyboard-first work: the keys act where the grid has focus, so typing in a filter never triggers them. */
    private void keys() {
        Shortcuts.addShortcutListener(grid, () -> move(1), Key.KEY_J).listenOn(grid);
        Shortcuts.addShortcutListener(grid, () -> move(-1), Key.KEY_K).listenOn(grid);
        Shortcuts.addShortcutListener(grid, () -> currentClaim().ifPresent(c -> {
            if (grid.getSelectedItems().contains(c)) {
                grid.deselect(c);
            } else {
                grid.select(c);
            }
        }), Key.KEY_X).listenOn(grid);
        Shortcuts.addShortcutListener(grid, () -> decideSelected(ClaimDecision.APPROVED), Key.KEY_A).listenOn(grid);
        Shortcuts.addShortcutListener(grid, () -> decideSelected(ClaimDecision.DENIED), Key.KEY_D).listenOn(grid);
        Shortcuts.addShortcutListener(grid, () -> currentClaim().ifPresent(c -> getUI()
                .ifPresent(ui -> ui.navigate(ClaimPageView.class, c.id().value()))), Key.KEY_O).listenOn(grid);
        grid.setPartNameGenerator(c -> currentClaim().filter(c::equals).isPresent() ? "current-claim" : null);
    }

    private Optional<ClaimView> currentClaim() {
        return at >= 0 && at < rows.size() ? Optional.of(rows.get(at)) : Optional.empty();
    }

    private void move(int step) {
        if (rows.isEmpty()) {
            return;
        }
        var before = currentClaim();
        at = at < 0 ? (step > 0 ? 0 : rows.size() - 1) : Math.max(0, Math.min(rows.size() - 1, at + step));
        before.ifPresent(grid.getDataCommunicator()::refresh);
        showCurrent();
        grid.scrollToIndex(at);
    }

    private void showCurrent() {
        currentClaim().ifPresentOrElse(c -> {
            grid.getDataCommunicator().refresh(c);
            current.setText("Current: " + c.claimNumber() + " (" + (at + 1) + " of " + rows.size() + "), "
                    + c.state().label() + ", " + c.defect().label() + ", " + c.serial());
        }, () -> current.setText(""));
    }

    private void decideSelected(ClaimDecision decision) {
        var selected = grid.getSelectedItems().isEmpty() ? currentClaim().stream().toList()
                : List.copyOf(grid.getSelectedItems());
        if (selected.isEmpty()) {
            Notifications.error("Select the claims to decide, or move to one with J and K");
            return;
        }
        String printed = users.findByUsername(currentUser.require()).map(u -> u.displayName()).orElse(currentUser.require());
        var dialog = new SignatureDialog[1];
        dialog[0] = new SignatureDialog(printed, decision, selected.size() + " claim(s)", signature -> {
            // a refusal (no reason, wrong password) throws: the dialog stays open and the selection stays
            var result = decisions.decideAll(selected, decision, signature.meaning(), signature.note(), signature.password());
            if (result.problems().isEmpty()) {
                Notifications.success(result.decided().size() + " claim(s) " + (decision == ClaimDecision.APPROVED
                        ? "approved" : "denied") + " and signed");
            } else {
                Notifications.error(result.decided().size() + " decided; not decided (still selected): "
                        + String.join(" | ", result.problems()));
            }
            // the claims that were not decided stay selected, so that the next attempt needs no new search
            refresh(selected.stream().filter(c -> result.problems().stream().anyMatch(p -> p.startsWith(c.claimNumber() + ":")))
                    .map(ClaimView::id).collect(Collectors.toSet()));
        });
        dialog[0].open();
    }
}
