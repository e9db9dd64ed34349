package org.serialregistry.recall.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.recall.CampaignId;
import org.serialregistry.recall.CampaignProgress;
import org.serialregistry.recall.CampaignSignature;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.recall.RecallCampaigns;
import org.serialregistry.recall.RecallUnitState;
import org.serialregistry.security.Role;
import org.serialregistry.ui.EChart;
import org.serialregistry.ui.Notifications;

/**
 * One campaign: the job's progress bar (refreshed while it runs), the remedy's progress per market as
 * a chart and a table (affected, located by custody, returned, remedied, still in the field), the
 * notices sent, returns and remedies recorded by serial, the signatures, and the signed close.
 */
@Route("quality/recall")
@PageTitle("Recall campaign")
@RolesAllowed({Role.QUALITY_NAME, Role.ADMIN_NAME})
class RecallCampaignView extends VerticalLayout implements HasUrlParameter<Long> {

    static final List<String> HEADERS = List.of("Market", "Affected", "Located", "Returned", "Remedied", "In the field");

    private final RecallCampaigns recalls;
    private CampaignId campaignId;
    CampaignView campaign;
    final H2 title = new H2();
    final Paragraph details = new Paragraph();
    final ProgressBar jobProgress = new ProgressBar();
    final Span jobText = new Span();
    final EChart chart = new EChart();
    final Grid<CampaignProgress.Counts> table = new Grid<>();
    final Span notices = new Span();
    final Grid<CampaignSignature> signatures = new Grid<>();
    final TextArea outcomeSerials = new TextArea("Serials returned or remedied");
    final Button returned = new Button("Record as returned", e -> outcome(RecallUnitState.RETURNED));
    final Button remedied = new Button("Record as remedied", e -> outcome(RecallUnitState.REMEDIED));
    final Button closeButton = new Button("Close the campaign…", e -> closeDialog().open());

    RecallCampaignView(RecallCampaigns recalls) {
        this.recalls = recalls;
        table.addColumn(CampaignProgress.Counts::market).setHeader(HEADERS.get(0)).setKey("market");
        table.addColumn(CampaignProgress.Counts::affected).setHeader(HEADERS.get(1)).setKey("affected");
        table.addColumn(CampaignProgress.Counts::located).setHeader(HEADERS.get(2)).setKey("located");
        table.addColumn(CampaignProgress.Counts::returned).setHeader(HEADERS.get(3)).setKey("returned");
        table.addColumn(CampaignProgress.Counts::remedied).setHeader(HEADERS.get(4)).setKey("remedied");
        table.addColumn(CampaignProgress.Counts::inField).setHeader(HEADERS.get(5)).setKey("inField");
        table.setAllRowsVisible(true);
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        signatures.addColumn(CampaignSignature::decision).setHeader("Decision").setAutoWidth(true);
        signatures.addColumn(CampaignSignature::printedName).setHeader("Signed by").setAutoWidth(true);
        signatures.addColumn(s -> s.meaning().name()).setHeader("Meaning").setAutoWidth(true);
        signatures.addColumn(s -> s.signedAt().toString()).setHeader("When (UTC)").setAutoWidth(true);
        signatures.addColumn(s -> s.note() == null ? "" : s.note()).setHeader("Note").setFlexGrow(1);
        signatures.addColumn(s -> s.contentHash().substring(0, 16) + "…").setHeader("Content hash").setAutoWidth(true);
        signatures.setAllRowsVisible(true);
        signatures.addThemeVariants(GridVariant.LUMO_COMPACT);
        chart.setWidth("min(100%, 48rem)");
        chart.setAriaLabel("Affected, located, returned, remedied and in-field units per market");
        jobProgress.setWidth("min(100%, 36rem)");
        outcomeSerials.setWidth("min(100%, 36rem)");
        closeButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, details, new H3("Recalling the units"), jobProgress, jobText, new H3("Remedy per market"), chart, table,
                notices, new H3("Returns and remedies"), outcomeSerials, new HorizontalLayout(returned, remedied),
                new H3("Signatures"), signatures, closeButton);
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        this.campaignId = new CampaignId(id);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        ui.setPollInterval(1000);
        ui.addPollListener(e -> {
            if (campaign != null && campaign.state() == CampaignState.RUNNING) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
        super.onDetach(detachEvent);
    }

    void refresh() {
        campaign = recalls.campaign(campaignId).orElse(null);
        if (campaign == null) {
            removeAll();
            add(new H2("No recall campaign " + campaignId));
            return;
        }
        title.setText(campaign.campaignNumber() + ": " + campaign.reason());
        details.setText(campaign.severity().label() + ". Remedy: " + campaign.remedy().label() + ". "
                + campaign.instructions() + " State: " + campaign.state().label() + ".");
        jobProgress.setValue(campaign.jobProgress());
        jobText.setText(campaign.affectedUnits() + " of " + campaign.expectedUnits() + " units handled"
                + (campaign.state() == CampaignState.RUNNING ? " (running)" : ""));
        var progress = recalls.progress(campaignId);
        var rows = new ArrayList<>(progress.perMarket());
        rows.add(progress.total());
        table.setItems(rows);
        var markets = progress.perMarket().stream().map(CampaignProgress.Counts::market).toList();
        var series = new LinkedHashMap<String, List<? extends Number>>();
        series.put("Affected", progress.perMarket().stream().map(CampaignProgress.Counts::affected).toList());
        series.put("Located", progress.perMarket().stream().map(CampaignProgress.Counts::located).toList());
        series.put("Returned", progress.perMarket().stream().map(CampaignProgress.Counts::returned).toList());
        series.put("Remedied", progress.perMarket().stream().map(CampaignProgress.Counts::remedied).toList());
        series.put("In the field", progress.perMarket().stream().map(CampaignProgress.Counts::inField).toList());
        chart.setOption(EChart.bar(null, markets, series));
        notices.setText("Notices: " + recalls.noticeCounts(campaignId));
        signatures.setItems(recalls.signatures(campaignId));
        boolean open = campaign.state() != CampaignState.CLOSED;
        returned.setEnabled(open);
        remedied.setEnabled(open);
        closeButton.setEnabled(campaign.state() == CampaignState.ACTIVE);
    }

    private void outcome(RecallUnitState state) {
        try {
            recalls.recordOutcome(campaignId, RecallCampaignsView.split(outcomeSerials.getValue()), state, null);
            outcomeSerials.clear();
            refresh();
            Notifications.success("Recorded");
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        }
    }

    final RecallSignatureFields closeSignature = new RecallSignatureFields();
    final TextArea closeNote = new TextArea("Note");

    private Dialog closeDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Close " + campaign.campaignNumber());
        var left = recalls.progress(campaignId).total().inField();
        var sign = new Button("Sign and close", e -> {
            try {
                recalls.close(campaignId, campaign.version(), closeSignature.signature(), closeNote.getValue());
                dialog.close();
                refresh();
                Notifications.success(campaign.campaignNumber() + " closed");
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(left + " units are still in the field; they stay RECALLED."), closeNote, closeSignature);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), sign);
        return dialog;
    }
}
