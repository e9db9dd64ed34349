package org.serialregistry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.custody.CustodyTransferred;
import org.serialregistry.recall.CampaignId;
import org.serialregistry.recall.RecallCampaignClosed;
import org.serialregistry.recall.RecallCampaignStarted;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.ClaimDecided;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.DuplicateClaimSuspected;
import org.serialregistry.warranty.SerialHoppingSuspected;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that carry a typed id now ({@code ClaimId}, ...) were published with a plain {@code long}
 * before; Spring Modulith keeps the ones not yet handled in its publication registry as JSON and
 * hands them to their listeners after a restart. The registry's own serializer reads each such old
 * form into the typed event, and writes the typed event in that same form.
 */
@IntegrationTest
class StoredEventsStillReadTest {

    @Autowired
    EventSerializer registry;

    <T> void readsAndWritesTheOldForm(String stored, Class<T> type, T event) {
        assertThat(registry.deserialize(stored, type)).isEqualTo(event);
        assertThat(registry.serialize(event)).isEqualTo(stored);
    }

    @Test
    void claimEventsWrittenWithANumberAreReadWithTheirClaimId() {
        readsAndWritesTheOldForm("""
                {"claimId":12,"claimNumber":"WC-0000012","gtin":"09506000134352","serial":"1027WRQ","lot":"A2611",\
                "defect":"BATTERY","decision":"APPROVED","automatic":true}""", ClaimDecided.class,
                new ClaimDecided(new ClaimId(12), "WC-0000012", "09506000134352", "1027WRQ", "A2611", DefectCode.BATTERY,
                        ClaimDecision.APPROVED, true));
        readsAndWritesTheOldForm("""
                {"claimId":13,"gtin":"09506000134352","serial":"1027WRQ","defect":"DISPLAY",\
                "earlierClaims":["WC-0000012"],"submittedBy":"service"}""", DuplicateClaimSuspected.class,
                new DuplicateClaimSuspected(new ClaimId(13), "09506000134352", "1027WRQ", DefectCode.DISPLAY,
                        List.of("WC-0000012"), "service"));
        readsAndWritesTheOldForm("""
                {"claimId":14,"claimNumber":"WC-0000014","gtin":"09506000134352","serial":"1027WRQ",\
                "claimantEmail":"hop@example.com","otherSerials":["1027WRR","1027WRS"],"windowDays":30,\
                "submittedBy":"service"}""", SerialHoppingSuspected.class,
                new SerialHoppingSuspected(new ClaimId(14), "WC-0000014", "09506000134352", "1027WRQ", "hop@example.com",
                        List.of("1027WRR", "1027WRS"), 30, "service"));
    }

    @Test
    void lifecycleAndCustodyEventsWrittenWithANumberAreReadWithTheirLifecycleEventId() {
        readsAndWritesTheOldForm("""
                {"eventId":7001,"bizStep":"SHIPPING","disposition":"IN_TRANSIT","sourceParty":"urn:a","destinationParty":\
                "urn:b","newStatus":null,"serials":["1027WRQ"]}""", LifecycleEventRecorded.class,
                new LifecycleEventRecorded(new LifecycleEventId(7001), BusinessStep.SHIPPING, Disposition.IN_TRANSIT,
                        "urn:a", "urn:b", null, List.of(new SerialNumber("1027WRQ"))));
        readsAndWritesTheOldForm("""
                {"eventId":7002,"bizStep":"DECOMMISSIONING","disposition":null,"sourceParty":null,"destinationParty":null,\
                "newStatus":"DESTROYED","serials":[]}""", LifecycleEventRecorded.class,
                new LifecycleEventRecorded(new LifecycleEventId(7002), BusinessStep.DECOMMISSIONING, null, null, null,
                        UnitStatus.DESTROYED, List.of()));
        readsAndWritesTheOldForm("""
                {"lifecycleEventId":7001,"bizStep":"SHIPPING","shipmentNumber":"SH-1","fromParty":"MFG-1",\
                "toParty":"DIST-DE","serials":["1027WRQ","1027WRR"]}""", CustodyTransferred.class,
                new CustodyTransferred(new LifecycleEventId(7001), BusinessStep.SHIPPING, "SH-1", "MFG-1", "DIST-DE",
                        List.of("1027WRQ", "1027WRR")));
    }

    @Test
    void recallEventsWrittenWithANumberAreReadWithTheirCampaignId() {
        readsAndWritesTheOldForm("""
                {"campaignId":3,"campaignNumber":"RC-000003","expectedUnits":120}""", RecallCampaignStarted.class,
                new RecallCampaignStarted(new CampaignId(3), "RC-000003", 120));
        readsAndWritesTheOldForm("""
                {"campaignId":3,"campaignNumber":"RC-000003","affected":118,"remedied":101}""", RecallCampaignClosed.class,
                new RecallCampaignClosed(new CampaignId(3), "RC-000003", 118, 101));
    }
}
