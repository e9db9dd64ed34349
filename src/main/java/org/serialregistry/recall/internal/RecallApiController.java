package org.serialregistry.recall.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.recall.CampaignProgress;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.recall.NewRecallCampaign;
import org.serialregistry.recall.RecallCampaigns;
import org.serialregistry.recall.RecallRemedy;
import org.serialregistry.recall.RecallSeverity;
import org.serialregistry.recall.RecallUnitState;
import org.serialregistry.recall.SignatureMeaning;
import org.serialregistry.recall.WebhookSubscription;
import org.serialregistry.security.Role;
import org.serialregistry.security.SignatureRequest;
import org.serialregistry.security.Signers;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Recall campaigns for quality systems: start (signed), follow, record returns and remedies, close (signed). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Recalls")
class RecallApiController {

    private final RecallCampaigns campaigns;
    private final Signers signers;

    RecallApiController(RecallCampaigns campaigns, Signers signers) {
        this.campaigns = campaigns;
        this.signers = signers;
    }

    /** GTIN, lots and serials are strings on the wire, read and checked as they arrive (see {@code TypedValuesJson}). */
    record Scope(@Nullable Gtin gtin, @Nullable List<LotNumber> lots, @Nullable List<SerialNumber> serials,
                 @Nullable LocalDate producedFrom, @Nullable LocalDate producedTo, @Nullable String facility,
                 @Nullable String line) {
    }

    /** @param signature who signs, as for every decision through the API (user name and password, or a fresh OIDC token) */
    record StartRequest(@Nullable Scope scope, @Nullable String reason, @Nullable RecallSeverity severity,
                        @Nullable RecallRemedy remedy, @Nullable String instructions, @Nullable SignatureMeaning meaning,
                        @Nullable SignatureRequest signature) {
    }

    record CampaignAnswer(CampaignView campaign, double jobProgress, CampaignProgress progress,
                          Map<String, Map<String, Long>> notices) {
    }

    record OutcomeRequest(@Nullable List<SerialNumber> serials, @Nullable RecallUnitState outcome, @Nullable String note) {
    }

    record CloseRequest(@Nullable Long version, @Nullable SignatureMeaning meaning, @Nullable SignatureRequest signature,
                        @Nullable String note) {
    }

    record SubscribeRequest(@Nullable String party, @Nullable String url) {
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    @PostMapping("/recalls")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a recall: scope (lots of a GTIN, serials, production window, facility and line), reason, "
            + "severity, remedy, instructions, the meaning of the signature and the signer (a quality engineer or "
            + "administrator: user name and password, or a fresh OIDC token)")
    CampaignAnswer start(@RequestBody StartRequest r) {
        var s = r.scope();
        var scope = s == null ? null : new UnitSelection(s.gtin() == null ? null : s.gtin().value(),
                s.lots() == null ? null : values(s.lots(), LotNumber::value),
                s.serials() == null ? null : values(s.serials(), SerialNumber::value), s.producedFrom(), s.producedTo(),
                s.facility(), s.line());
        var campaign = campaigns.start(new NewRecallCampaign(scope, r.reason(), r.severity(), r.remedy(), r.instructions()),
                r.meaning(), () -> signers.verify(r.signature(), Role.QUALITY, Role.ADMIN));
        return answer(campaign);
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    @GetMapping("/recalls")
    @Operation(summary = "Recall campaigns, latest first; state RUNNING, ACTIVE or CLOSED, from/to the start")
    ListPage<CampaignView> list(@ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(CampaignState.class));
        return q.page(campaigns.campaigns(), CampaignView::startedAt, c -> c.state().name());
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    @GetMapping("/recalls/{number}")
    @Operation(summary = "One campaign with the job's progress and affected, located, returned, remedied and in-field "
            + "units per market")
    CampaignAnswer get(@PathVariable String number) {
        return answer(find(number));
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','SERVICE_CENTER')")
    @PostMapping("/recalls/{number}/outcomes")
    @Operation(summary = "Record that units of the campaign were RETURNED or REMEDIED")
    CampaignProgress outcome(@PathVariable String number, @RequestBody OutcomeRequest r) {
        return campaigns.recordOutcome(find(number).id(), r.serials() == null ? List.of()
                : values(r.serials(), SerialNumber::value), r.outcome(), r.note());
    }

    /** The values as the services take them; an empty string on the wire is no value and left out, as before. */
    private static <T> List<String> values(List<T> typed, java.util.function.Function<T, String> value) {
        return typed.stream().filter(Objects::nonNull).map(value).toList();
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    @PostMapping("/recalls/{number}/close")
    @Operation(summary = "Close a campaign whose units are all marked, with the version read and a signature")
    CampaignAnswer close(@PathVariable String number, @RequestBody CloseRequest r) {
        if (r.version() == null) {
            throw new IllegalArgumentException("version: send the version of the campaign you read");
        }
        var closed = campaigns.close(find(number).id(), r.version(), r.meaning(),
                () -> signers.verify(r.signature(), Role.QUALITY, Role.ADMIN), r.note());
        return answer(closed);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/recall-webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe a partner's URL to recall notices; the answer carries the signing secret, once")
    WebhookSubscription subscribe(@RequestBody SubscribeRequest r) {
        return campaigns.subscribe(r.party(), r.url());
    }

    private CampaignView find(String number) {
        return campaigns.campaign(number).orElseThrow(() -> new NoSuchElementException("No recall campaign " + number));
    }

    private CampaignAnswer answer(CampaignView c) {
        return new CampaignAnswer(c, c.jobProgress(), campaigns.progress(c.id()), campaigns.noticeCounts(c.id()));
    }
}
