package org.serialregistry.forensics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.factors.HologramBinding;
import org.serialregistry.factors.Holograms;
import org.serialregistry.factors.NfcTags;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.NewSubmission;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.serialregistry.warranty.WarrantyTestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** A forensic reviewer sees the unit's registered second factors next to what the submitter read. */
@IntegrationTest
class RegisteredFactorsReviewTest extends SpringBrowserlessTest {

    @Autowired
    ForensicReview review;
    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SecondFactors factors;
    @Autowired
    NfcTags tags;
    @Autowired
    Holograms holograms;

    @Test
    @WithUserDetails("forensics")
    void the_review_shows_the_registered_tag_and_hologram_and_whether_the_readings_match() {
        int n = (int) (System.nanoTime() % 90_000) + 10_000;
        String thirteen = "09506190" + String.format("%05d", n);
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int d = thirteen.charAt(12 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        String gtin = thirteen + (10 - sum % 10) % 10;
        String uid = "04F0" + String.format("%010X", (long) n * 7919L);
        String serial = WarrantyTestUnits.as("production", () -> {
            masterData.createProduct(new NewProduct(gtin, "Infusion pump " + n, ProductCategory.MEDICAL_DEVICE,
                    RiskClass.HIGH_VALUE, java.util.Set.of("DE"), ""));
            factors.configure(new Gtin(gtin), EnumSet.of(SecondFactor.NFC, SecondFactor.HOLOGRAM));
            var batch = issuance.issue(new IssueBatchRequest(gtin, "R" + n, "DE-MUC", "L2", 1, LocalDate.now().minusDays(2),
                    null, "DE", null), null, true).batch();
            String s = issuance.serials(batch.id(), 0, 1).getFirst().value();
            tags.bind(uid, s);
            holograms.bind(new HologramBinding(null, null, s, List.of("HX" + n), null, null));
            return s;
        }, "PRODUCTION");
        var submission = review.submit(new NewSubmission(serial, gtin, "Clinic, Graz", "Broker", null, "HX999",
                "UID " + uid.substring(0, 2) + ":" + uid.substring(2), "Label looks off"), List.of(), null);

        var view = navigate("forensics/submissions/" + submission.id(), SubmissionReviewView.class);

        var texts = view.registeredFactors.getChildren().flatMap(c -> c.getChildren())
                .filter(c -> c instanceof Span).map(c -> ((Span) c).getText()).toList();
        assertThat(texts).anyMatch(t -> t.startsWith("tag " + uid + ", never tapped") && t.endsWith("matches the registry"));
        assertThat(texts).anyMatch(t -> t.startsWith("HX" + n) && t.contains("submitter read: HX999")
                && t.endsWith("DOES NOT match the registry"));
        assertThat(texts).contains("NFC tag, hologram");
    }
}
