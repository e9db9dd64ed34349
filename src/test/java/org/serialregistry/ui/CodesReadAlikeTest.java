package org.serialregistry.ui;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.verification.BatchVerification;
import org.serialregistry.verification.PublicVerdict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 7: every screen that takes a code reads a scanned Digital Link, a GS1 element string
 * and a serial in lower case the same way.
 */
@IntegrationTest
class CodesReadAlikeTest extends SpringBrowserlessTest {

    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    BatchVerification batch;

    private String genuinePhone() {
        var a2611 = issuance.latestBatches(100).stream().filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow();
        return issuance.serials(a2611.id(), 0, 10).get(5).value();
    }

    private List<String> theSameUnitScannedFourWays(String serial) {
        return List.of(serial.toLowerCase(), "https://id.example.com/01/" + PHONE + "/10/A2611/21/" + serial,
                "(01)" + PHONE + "(10)A2611(21)" + serial.toLowerCase(), "]d201" + PHONE + "10A2611\u001D21" + serial);
    }

    @Test
    @WithUserDetails("production")
    void unitLookupFindsTheUnitFromAScannedLinkAnElementStringAndLowerCase() {
        String serial = genuinePhone();
        for (String scanned : theSameUnitScannedFourWays(serial)) {
            navigate("production/units", Component.class);
            var field = $(TextField.class).withCaption("Serial").single();
            test(field).setValue(scanned);
            test($(Button.class).withText("Look up").single()).click();
            assertThat(field.isInvalid()).as(scanned + ": " + field.getErrorMessage()).isFalse();
            assertThat($(H3.class).withText("Unit " + serial).exists()).as(scanned).isTrue();
        }
    }

    @Test
    @WithUserDetails("production")
    void aLinkThatNamesNoUnitIsRefusedAtTheFieldSayingWhatIsMissing() {
        navigate("production/units", Component.class);
        var field = $(TextField.class).withCaption("Serial").single();
        test(field).setValue("https://id.example.com/01/" + PHONE);
        test($(Button.class).withText("Look up").single()).click();
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).contains("no /21/{serial}");
    }

    @Test
    @WithUserDetails("distributor")
    void verifyingAShipmentAcceptsLowerCaseLinksAndElementStringsWithoutCuttingThem() {
        String serial = genuinePhone();
        var items = theSameUnitScannedFourWays(serial).stream()
                .map(s -> new BatchVerification.Item(null, s, null, null)).toList();
        var results = batch.verify(items, done -> { });
        assertThat(results).allSatisfy(r -> {
            assertThat(r.answer().verdict()).as(r.answer().message()).isEqualTo(PublicVerdict.GENUINE);
            assertThat(r.serial()).isEqualTo(serial);
            assertThat(r.gtin()).isEqualTo(PHONE);
        });
    }
}
