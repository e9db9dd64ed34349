package org.serialregistry.forensics.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.factors.RegisteredFactors;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.forensics.CheckResult;
import org.serialregistry.forensics.ChecklistEntry;
import org.serialregistry.forensics.ChecklistItem;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.PreChecks;
import org.serialregistry.forensics.SignatureMeaning;
import org.serialregistry.forensics.SignedVerdict;
import org.serialregistry.forensics.SubmissionView;
import org.serialregistry.forensics.Verdict;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Notifications;
import org.serialregistry.ui.Photos;
import org.serialregistry.ui.RouteIds;

/**
 * A forensic reviewer examines one submission: the facts as submitted and its photos, the
 * automatic pre-checks, the AS6171 checklist, and the signed verdicts (with "Sign verdict",
 * which asks for the reviewer's password again).
 */
@Route("forensics/submissions/:id")
@PageTitle("Forensic review")
@RolesAllowed(Role.FORENSICS_NAME)
class SubmissionReviewView extends VerticalLayout implements BeforeEnterObserver {

    private final ForensicReview review;
    private final CurrentUser currentUser;
    private long id;
    final Map<ChecklistItem, Select<CheckResult>> results = new EnumMap<>(ChecklistItem.class);
    final Map<ChecklistItem, TextField> notes = new EnumMap<>(ChecklistItem.class);
    final Select<Verdict> verdict = new Select<>();
    final FieldErrors verdictErrors = new FieldErrors();
    final Select<SignatureMeaning> meaning = new Select<>();
    final TextArea reasoning = new TextArea("Reasoning");

    private final SecondFactors secondFactors;
    final FormLayout registeredFactors = new FormLayout();

    SubmissionReviewView(ForensicReview review, CurrentUser currentUser, SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
        this.review = review;
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = RouteIds.id(event);
        render();
    }

    private void render() {
        removeAll();
        var found = RouteIds.findOrSayMissing(this, id, review::find, "submission", "All submissions", "forensics");
        if (found.isEmpty()) {
            return;
        }
        var s = found.get();
        add(new H3("Submission " + s.id() + ": serial " + s.serial()));
        var facts = new FormLayout();
        facts.addFormItem(new Span(s.gtin() == null ? "" : s.gtin()), "GTIN");
        facts.addFormItem(new Span(s.serialSource() == org.serialregistry.forensics.SerialSource.TYPED ? "typed"
                : "decoded from a photo of the code"), "Serial");
        facts.addFormItem(new Span(s.foundWhere()), "Found at");
        facts.addFormItem(new Span(s.receivedFrom()), "From");
        facts.addFormItem(new Span(s.submittedBy() + ", " + ForensicsHomeView.TIME.format(s.submittedAt()) + " UTC"),
                "Submitted by");
        facts.addFormItem(new Span(orDash(s.measurements())), "Measurements");
        facts.addFormItem(new Span(orDash(s.hologramReading())), "Hologram");
        facts.addFormItem(new Span(orDash(s.nfcReading())), "NFC");
        facts.addFormItem(new Span(orDash(s.note())), "Why suspect");
        add(facts);
        if (!s.photos().isEmpty()) {
            var gallery = new FlexLayout();
            gallery.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            gallery.getStyle().set("gap", "var(--lumo-space-m)");
            for (var p : s.photos()) {
                review.photo(p.id()).ifPresent(content -> {
                    var img = Photos.enlargeable(new Image(content.getValue(), p.filename()),
                            () -> new Image(content.getValue(), p.filename()), p.filename());
                    img.setMaxWidth("16rem");
                    img.setMaxHeight("12rem");
                    gallery.add(new Div(img, new Paragraph(p.filename() + " · " + p.width() + "×" + p.height())));
                });
            }
            add(new H3("Photos"), gallery);
        }
        var preChecks = review.preChecks(id);
        renderRegisteredFactors(s, preChecks);
        renderPreChecks(preChecks);
        renderChecklist(review.checklist(id));
        renderVerdicts(review.verdicts(id));
    }

    /** The unit's registered second factors next to what the submitter read. */
    private void renderRegisteredFactors(SubmissionView s, PreChecks p) {
        var unit = p.unit();
        registeredFactors.removeAll();
        add(new H3("Second factors: registered and read"));
        if (unit == null) {
            add(new Paragraph("The registry never issued this serial, so nothing is registered for it."));
            return;
        }
        RegisteredFactors r = secondFactors.registered(unit.gtin(), unit.serial(), unit.lot());
        String carried = r.product().factors().isEmpty() ? "none (printed code only)" : r.product().factors().stream()
                .sorted().map(SecondFactor::label).reduce((a, b) -> a + ", " + b).orElseThrow();
        registeredFactors.addFormItem(new Span(carried), "Units carry");
        String tag = r.tagUid() == null ? "no tag bound" : "tag " + r.tagUid() + (r.lastTagCounter() == null
                ? ", never tapped" : ", highest read counter " + r.lastTagCounter() + ", last tap "
                + ForensicsHomeView.TIME.format(r.lastTapAt()) + " UTC");
        registeredFactors.addFormItem(new Span(tag + " · submitter read: " + orDash(s.nfcReading()) + " · "
                + compare(r.tagUid() == null ? List.of() : List.of(r.tagUid()), s.nfcReading())), "NFC");
        registeredFactors.addFormItem(new Span(r.holograms().isEmpty() ? "none bound" : String.join(", ", r.holograms())
                + " · submitter read: " + orDash(s.hologramReading()) + " · " + compare(r.holograms(), s.hologramReading())),
                "Hologram");
        registeredFactors.addFormItem(new Span(!r.product().carries(SecondFactor.SCRATCH_OFF) ? "not carried"
                : r.scratchCodeUsedAt() == null ? "not used yet"
                : "used on " + ForensicsHomeView.TIME.format(r.scratchCodeUsedAt()) + " UTC"), "Scratch-off code");
        add(registeredFactors);
    }

    private static String compare(List<String> registered, String read) {
        if (read == null || read.isBlank()) {
            return "nothing read";
        }
        if (registered.isEmpty()) {
            return "nothing registered to compare with";
        }
        String normalised = read.toUpperCase(java.util.Locale.ROOT).replace(":", "").replace(" ", "");
        return registered.stream().anyMatch(normalised::contains) ? "matches the registry"
                : "DOES NOT match the registry";
    }

    private void renderPreChecks(PreChecks p) {
        add(new H3("Pre-checks"));
        var unit = p.unit();
        var kpis = new HorizontalLayout(new Kpi("Code", p.codeGenuine() ? "genuine tag" : "NOT genuine"),
                new Kpi("Registry status", unit == null ? "never issued" : unit.status().label()),
                new Kpi("Open alert cases", p.openCases().size()),
                new Kpi("Counterfeit list", p.listed() ? "listed" : "not listed"));
        kpis.setWrap(true);
        add(kpis, new Paragraph("Code check: " + p.codeCheck()));
        if (unit != null) {
            add(new Paragraph("Genuine unit: lot " + unit.lot().value() + ", made " + unit.productionDate() + " at "
                    + unit.facilityCode() + "/" + unit.lineCode() + ", intended market " + unit.intendedMarket().value()
                    + (unit.expiryDate() == null ? "" : ", expires " + unit.expiryDate())
                    + (unit.components().isEmpty() ? ", no component serials" : ", components: "
                    + String.join(", ", unit.components().stream().map(c -> c.value()).toList()))));
        }
        var custody = new Grid<LifecycleEventView>();
        custody.addColumn(e -> ForensicsHomeView.TIME.format(e.eventTime())).setHeader("When (UTC)").setAutoWidth(true);
        custody.addColumn(e -> e.bizStep().name().toLowerCase()).setHeader("Step").setAutoWidth(true);
        custody.addColumn(e -> e.disposition() == null ? "" : e.disposition().name().toLowerCase()).setHeader("Disposition")
                .setAutoWidth(true);
        custody.addColumn(e -> orDash(e.sourceParty()) + " → " + orDash(e.destinationParty())).setHeader("Parties")
                .setFlexGrow(1);
        custody.addColumn(e -> e.newStatus() == null ? "" : e.newStatus().label()).setHeader("Status").setAutoWidth(true);
        custody.setItems(p.custody());
        custody.setAllRowsVisible(true);
        custody.addThemeVariants(GridVariant.LUMO_COMPACT);
        var scans = new Grid<EvidenceScan>();
        scans.addColumn(e -> ForensicsHomeView.TIME.format(e.at())).setHeader("Scanned (UTC)").setAutoWidth(true);
        scans.addColumn(EvidenceScan::outcome).setHeader("Outcome").setAutoWidth(true);
        scans.addColumn(e -> orDash(e.country())).setHeader("Country").setAutoWidth(true);
        scans.addColumn(e -> e.sessionId().length() > 12 ? e.sessionId().substring(0, 12) + "…" : e.sessionId())
                .setHeader("Session").setAutoWidth(true);
        scans.setItems(p.scans());
        scans.setAllRowsVisible(true);
        scans.addThemeVariants(GridVariant.LUMO_COMPACT);
        var cases = new Grid<AlertCaseSummary>();
        cases.addColumn(c -> c.id().value()).setHeader("Case").setAutoWidth(true);
        cases.addColumn(c -> c.severity().name()).setHeader("Severity").setAutoWidth(true);
        cases.addColumn(c -> c.firstType().label()).setHeader("Opened by").setFlexGrow(1);
        cases.setItems(p.openCases());
        cases.setAllRowsVisible(true);
        cases.addThemeVariants(GridVariant.LUMO_COMPACT);
        add(new Span("Custody history"), custody, new Span("Scans known to detection (" + p.scans().size() + ")"), scans,
                new Span("Open alert cases"), cases);
    }

    private void renderChecklist(List<ChecklistEntry> checklist) {
        add(new H3("Checklist (SAE AS6171)"));
        results.clear();
        notes.clear();
        for (ChecklistEntry e : checklist) {
            var result = new Select<CheckResult>();
            result.setLabel(e.item().label());
            result.setItems(CheckResult.values());
            result.setItemLabelGenerator(r -> switch (r) {
                case PASS -> "Pass";
                case FAIL -> "Fail";
                case NOT_DONE -> "Not done";
            });
            result.setValue(e.result());
            var note = new TextField("Note");
            note.setMaxLength(1000);
            note.setValue(e.note() == null ? "" : e.note());
            note.setWidth("28rem");
            results.put(e.item(), result);
            notes.put(e.item(), note);
            var row = new HorizontalLayout(result, note);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(row);
        }
        add(new Button("Save checklist", e -> {
            try {
                review.saveChecklist(id, currentChecklist());
                Notifications.success("Checklist saved");
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        }));
    }

    List<ChecklistEntry> currentChecklist() {
        var list = new ArrayList<ChecklistEntry>();
        results.forEach((item, select) -> list.add(new ChecklistEntry(item, select.getValue(), notes.get(item).getValue())));
        return list;
    }

    private void renderVerdicts(List<SignedVerdict> verdicts) {
        add(new H3("Verdict"));
        var grid = new Grid<SignedVerdict>();
        grid.addColumn(v -> v.verdict().label()).setHeader("Verdict").setAutoWidth(true).setKey("verdict");
        grid.addColumn(v -> v.signerName() + " (" + v.signer() + ")").setHeader("Signed by").setAutoWidth(true);
        grid.addColumn(v -> ForensicsHomeView.TIME.format(v.signedAt()) + " UTC").setHeader("When").setAutoWidth(true);
        grid.addColumn(v -> v.meaning().label()).setHeader("Meaning").setAutoWidth(true);
        grid.addColumn(SignedVerdict::reasoning).setHeader("Reasoning").setFlexGrow(1);
        grid.addColumn(v -> v.contentHash().substring(0, 16) + "… " + (v.intact() ? "intact" : "ALTERED"))
                .setHeader("Record hash").setAutoWidth(true);
        grid.setItems(verdicts);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        if (!verdicts.isEmpty()) {
            add(new Paragraph("Verdicts are never edited; a new signed verdict supersedes the last one."), grid);
        }
        verdict.setLabel("Verdict");
        verdict.setItems(Verdict.values());
        verdict.setItemLabelGenerator(Verdict::label);
        meaning.setLabel("Meaning of your signature");
        meaning.setItems(SignatureMeaning.values());
        meaning.setItemLabelGenerator(SignatureMeaning::label);
        meaning.setValue(SignatureMeaning.RESPONSIBILITY);
        meaning.setWidth("24rem");
        reasoning.setWidthFull();
        reasoning.setMaxLength(2000);
        var sign = new Button(verdicts.isEmpty() ? "Sign verdict" : "Sign a superseding verdict", e -> openSignature());
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new HorizontalLayout(verdict, meaning);
        row.setWrap(true);
        add(row, reasoning, verdictErrors.summary(), sign);
    }

    /**
     * Checks the verdict, its meaning, reasoning and checklist first, each problem at its field; only
     * a verdict that can be signed asks for the password. A wrong password keeps the dialog open.
     */
    private void openSignature() {
        verdictErrors.bind("verdict", verdict).bind("meaning", meaning).bind("reasoning", reasoning)
                .label("checklist", "Checklist");
        if (!verdictErrors.run(() -> {
            review.saveChecklist(id, currentChecklist());
            review.checkVerdict(id, verdict.getValue(), meaning.getValue(), reasoning.getValue());
        })) {
            return;
        }
        var dialog = new Dialog();
        dialog.setHeaderTitle("Electronic signature");
        var password = new PasswordField("Password");
        var passwordErrors = new FieldErrors().bind("password", password);
        var who = new Paragraph("Signing as " + currentUser.displayName() + " (" + currentUser.require() + "): verdict "
                + verdict.getValue().label().toLowerCase() + ", meaning \"" + meaning.getValue().label() + "\". "
                + "Your checklist is saved and bound to the verdict.");
        var sign = new Button("Sign", e -> {
            var signed = passwordErrors.attempt(() -> review.sign(id, verdict.getValue(), meaning.getValue(),
                    reasoning.getValue(), password.getValue()));
            if (signed != null) {
                dialog.close();
                Notifications.success("Verdict " + signed.verdict().label().toLowerCase() + " signed by "
                        + signed.signerName());
                render();
            } else {
                password.clear();
            }
        });
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(who, password, passwordErrors.summary()));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), sign);
        dialog.open();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }
}
