package org.serialregistry.warranty.ui;

import java.time.Clock;

import java.io.ByteArrayInputStream;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.ui.Badges;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.CheckResult;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimDetail;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.EvidenceFile;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.OwnershipView;
import org.serialregistry.warranty.SignatureView;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimDecisions;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.WarrantyCoverage;
import org.serialregistry.warranty.WarrantyPolicies;

/**
 * One claim with everything an adjudicator needs: every check and its result, owner, policy,
 * coverage, other claims on the unit, the unit's full lifecycle history, signatures and evidence.
 */
@Route("warranty/claims")
@RolesAllowed(Role.WARRANTY_NAME)
class ClaimPageView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final ClaimIntake intake;
    private final OwnershipRegistry owners;
    private final WarrantyPolicies policies;
    private final WarrantyCoverage coverage;
    private final Units units;
    private final MasterData masterData;
    private final CurrentUser currentUser;
    private final UserAdministration users;
    private final Clock clock;
    private String title = "Claim";
    ClaimDetail detail;

    ClaimPageView(ClaimQueries claims, ClaimDecisions decisions, ClaimIntake intake, OwnershipRegistry owners,
                  WarrantyPolicies policies, WarrantyCoverage coverage, Units units, MasterData masterData,
                  CurrentUser currentUser, UserAdministration users, Clock clock) {
        this.claims = claims;
        this.decisions = decisions;
        this.intake = intake;
        this.owners = owners;
        this.policies = policies;
        this.coverage = coverage;
        this.units = units;
        this.masterData = masterData;
        this.currentUser = currentUser;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        show(new ClaimId(id));
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    void show(ClaimId id) {
        removeAll();
        var found = claims.detail(id);
        if (found.isEmpty()) {
            add(new H2("No claim " + id.number()));
            return;
        }
        detail = found.get();
        var c = detail.claim();
        title = c.claimNumber();
        var heading = new H2(c.claimNumber() + " · " + c.state().label());
        var back = new Button("Back to the queue", e -> getUI().ifPresent(ui -> ui.navigate(WarrantyHomeView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(back, heading);
        if (c.decisionReasons() != null) {
            add(new Paragraph((c.decision() == null ? "" : c.decision().label()
                    + (c.decidedAutomatically() ? " automatically: " : ": ")) + c.decisionReasons()));
        }
        add(actions(c), facts(c));
        add(new H3("Checks"), checksGrid());
        add(new H3("Coverage and policy"), coverageAndPolicy(c));
        add(new H3("Owner"), ownerGrid(c));
        add(new H3("Claims on this unit"), otherClaims(c));
        add(new H3("Unit history"), historyGrid(c));
        add(new H3("Signatures"), signatureGrid());
        add(new H3("Evidence"), evidence(c));
    }

    private Component actions(ClaimView c) {
        var row = new HorizontalLayout();
        if (c.state().canDecide()) {
            var approve = new Button("Approve…", e -> decide(c, ClaimDecision.APPROVED));
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var deny = new Button("Deny…", e -> decide(c, ClaimDecision.DENIED));
            deny.addThemeVariants(ButtonVariant.LUMO_ERROR);
            row.add(approve, deny);
        }
        row.add(new Button("Assign to me", e -> {
            if (ClaimFormat.attempt(() -> decisions.assign(c.id(), currentUser.require()))) {
                Notifications.success(c.claimNumber() + " is assigned to you");
                show(c.id());
            }
        }));
        return row;
    }

    private void decide(ClaimView c, ClaimDecision decision) {
        String printed = users.findByUsername(currentUser.require()).map(u -> u.displayName()).orElse(currentUser.require());
        var dialog = new SignatureDialog[1];
        dialog[0] = new SignatureDialog(printed, decision, c.claimNumber(), s -> {
            decisions.decide(c.id(), c.version(), decision, s.meaning(), s.note(), s.password());
            Notifications.success(c.claimNumber() + (decision == ClaimDecision.APPROVED ? " approved" : " denied")
                    + " and signed");
            show(c.id());
        });
        dialog[0].open();
    }

    private Component facts(ClaimView c) {
        var form = new FormLayout();
        String product = masterData.product(new Gtin(c.gtin())).map(p -> p.name()).orElse(c.gtin());
        form.addFormItem(new Span(c.serial()), "Serial");
        form.addFormItem(new Span(product + " (" + c.gtin() + ")"), "Product");
        form.addFormItem(new Span(c.lot() + " · " + c.facilityCode() + "/" + c.lineCode() + " · made " + c.productionDate()),
                "Lot, line, made");
        form.addFormItem(new Span(c.defect().label()), "Defect");
        form.addFormItem(new Span(c.failureDate().toString()), "Failure date");
        form.addFormItem(new Span(c.claimantName() + " <" + c.claimantEmail() + ">"), "Claimant");
        form.addFormItem(new Span(c.submittedBy() + " via " + c.channel().name().toLowerCase() + ", "
                + ClaimFormat.time(c.submittedAt()) + " (" + ClaimFormat.age(c.submittedAt(), clock.instant()) + " ago)"), "Submitted");
        form.addFormItem(new Span(c.description() == null ? "–" : c.description()), "Description");
        form.addFormItem(new Span(c.rmaNumber() == null ? "–" : c.rmaNumber()), "RMA");
        form.addFormItem(new Span(c.replacementSerial() == null ? "–" : c.replacementSerial()), "Replacement unit");
        var replaced = claims.replacedBy(c.serial());
        if (!replaced.isEmpty()) {
            form.addFormItem(new Span(replaced.stream().map(r -> r.serial() + " on " + r.claimNumber())
                    .collect(Collectors.joining(", "))), "This unit replaced");
        }
        form.addFormItem(new Span(c.assignedTo() == null ? "nobody" : c.assignedTo()), "Assigned to");
        return form;
    }

    private Component checksGrid() {
        var grid = new Grid<CheckResult>();
        grid.addColumn(k -> k.check().label()).setHeader("Check").setAutoWidth(true);
        grid.addComponentColumn(k -> Badges.check(k.passed())).setHeader("Result").setAutoWidth(true);
        grid.setPartNameGenerator(k -> k.passed() ? null : "failed-check");
        grid.addColumn(k -> k.passed() ? "" : k.onFailure() == org.serialregistry.warranty.FailureAction.DENY
                ? "denies" : "sends to review").setHeader("On failure").setAutoWidth(true);
        grid.addColumn(CheckResult::detail).setHeader("Detail").setFlexGrow(1);
        grid.setItems(detail.checks());
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("checks");
        return grid;
    }

    private Component coverageAndPolicy(ClaimView c) {
        var box = new VerticalLayout();
        box.setPadding(false);
        coverage.today(new Gtin(c.gtin()), new SerialNumber(c.serial()))
                .ifPresent(cov -> box.add(new Paragraph("Today: " + cov.explanation())));
        if (c.policyId() != null) {
            policies.find(c.policyId()).ifPresent(p -> box.add(new Paragraph("Judged by policy version " + p.version()
                    + " (in force from " + p.effectiveFrom() + "): " + p.termInWords() + "; covers "
                    + p.coveredDefects().stream().map(d -> d.label()).collect(Collectors.joining(", "))
                    + (p.excludedDefects().isEmpty() ? "" : "; excludes " + p.excludedDefects().stream()
                    .map(d -> d.label()).collect(Collectors.joining(", ")))
                    + "; " + (p.partsCovered() ? "parts" : "no parts") + ", " + (p.labourCovered() ? "labour" : "no labour")
                    + "; at most " + p.claimLimit() + " claim(s) per unit.")));
        }
        return box;
    }

    private Component ownerGrid(ClaimView c) {
        var grid = new Grid<OwnershipView>();
        grid.addColumn(o -> o.status().label()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(OwnershipView::ownerName).setHeader("Owner").setAutoWidth(true);
        grid.addColumn(OwnershipView::email).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(o -> o.purchaseDate().toString()).setHeader("Purchased").setAutoWidth(true);
        grid.addColumn(OwnershipView::retailer).setHeader("Retailer").setAutoWidth(true);
        grid.addColumn(o -> o.channel().name().toLowerCase()).setHeader("Via").setAutoWidth(true);
        grid.setItems(owners.history(c.serial()));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return grid;
    }

    private Component otherClaims(ClaimView c) {
        var grid = new Grid<ClaimView>();
        grid.addColumn(ClaimView::claimNumber).setHeader("Claim").setAutoWidth(true);
        grid.addColumn(o -> o.defect().label()).setHeader("Defect").setAutoWidth(true);
        grid.addColumn(o -> o.state().label()).setHeader("State").setAutoWidth(true);
        grid.addColumn(o -> o.failureDate().toString()).setHeader("Failure date").setAutoWidth(true);
        grid.setItems(claims.ofSerial(c.serial()));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ClaimPageView.class, e.getItem().id().value())));
        return grid;
    }

    private Component historyGrid(ClaimView c) {
        var grid = new Grid<LifecycleEventView>();
        grid.addColumn(e -> ClaimFormat.time(e.eventTime())).setHeader("When").setAutoWidth(true);
        grid.addColumn(e -> e.bizStep().cbv()).setHeader("Step").setAutoWidth(true);
        grid.addColumn(e -> e.disposition() == null ? "" : e.disposition().cbv()).setHeader("Disposition").setAutoWidth(true);
        grid.addColumn(e -> e.newStatus() == null ? "" : e.newStatus().label()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(e -> e.bizTransactions().entrySet().stream().map(t -> t.getKey() + " " + t.getValue())
                .collect(Collectors.joining(", "))).setHeader("Transactions").setAutoWidth(true);
        grid.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Reason").setFlexGrow(1);
        grid.addColumn(LifecycleEventView::recordedBy).setHeader("By").setAutoWidth(true);
        grid.setItems(units.history(new SerialNumber(c.serial())));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return grid;
    }

    private Component signatureGrid() {
        if (detail.signatures().isEmpty()) {
            return new Paragraph("No signatures: decided automatically or not decided yet.");
        }
        var grid = new Grid<SignatureView>();
        grid.addColumn(SignatureView::printedName).setHeader("Signed by").setAutoWidth(true);
        grid.addColumn(s -> s.meaning().label()).setHeader("Meaning").setAutoWidth(true);
        grid.addColumn(s -> s.decision().label()).setHeader("Decision").setAutoWidth(true);
        grid.addColumn(s -> ClaimFormat.time(s.signedAt())).setHeader("Signed at").setAutoWidth(true);
        grid.addColumn(s -> s.note() == null ? "" : s.note()).setHeader("Note").setFlexGrow(1);
        grid.addColumn(s -> s.contentHash().substring(0, 16) + "…").setHeader("Content hash").setAutoWidth(true);
        grid.setItems(detail.signatures());
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return grid;
    }

    private Component evidence(ClaimView c) {
        var box = new VerticalLayout();
        box.setPadding(false);
        for (EvidenceFile f : detail.evidence()) {
            long fileId = f.id();
            box.add(new Anchor(DownloadHandler.fromInputStream(e -> {
                byte[] bytes = claims.evidenceContent(fileId);
                return new DownloadResponse(new ByteArrayInputStream(bytes), f.filename(), f.contentType(), bytes.length);
            }), f.filename() + " (" + f.contentType() + ", " + Math.max(1, f.sizeBytes() / 1024) + " KB, by "
                    + f.uploadedBy() + ")"));
        }
        if (detail.evidence().isEmpty()) {
            box.add(new Paragraph("No evidence files yet."));
        }
        var ui = com.vaadin.flow.component.UI.getCurrent();
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> ui.access(() -> {
            if (ClaimFormat.attempt(() -> intake.addEvidence(c.id(), bytes, meta.fileName()))) {
                Notifications.success(meta.fileName() + " added");
                show(c.id());
            }
        })));
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "application/pdf", ".png", ".jpg", ".jpeg", ".pdf");
        upload.setMaxFileSize(5 * 1024 * 1024);
        box.add(upload, new Span("PNG, JPEG or PDF, at most 5 MB"));
        return box;
    }
}
