package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.ScanFixtures;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.serialregistry.forensics.TestImages;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * The anonymous registration form stored every conflicting registration with its proof of purchase,
 * without limit. Now it keeps at most 3 with a proof per unit and 10 per client each day.
 */
@IntegrationTest
class PublicProofCapTest {

    static final String PHONE = "09506000134352";

    @Autowired
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;

    List<SerialNumber> phones;

    static final java.util.concurrent.atomic.AtomicInteger LOTS = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void serials() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken("p", "n/a", "ROLE_PRODUCTION"));
        SecurityContextHolder.setContext(context);
        try {
            phones = ScanFixtures.issue(issuance, PHONE, "CAP" + LOTS.incrementAndGet(), 20, "DE");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    MvcResult register(SerialNumber serial, String from, int n) throws Exception {
        return mvc.perform(multipart("/01/" + PHONE + "/21/" + serial.value())
                .file(new MockMultipartFile("proof", "receipt.png", "image/png", TestImages.photo("png", 40, 30)))
                .param("linkType", "gs1:registerProduct").param("ownerName", "Claimant " + n)
                .param("email", "claimant" + n + "@example.com").param("purchaseDate", LocalDate.now().toString())
                .param("retailer", "Shop").accept(MediaType.TEXT_HTML)
                .with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                })).andReturn();
    }

    @Test
    void aFourthRegistrationWithProofOfOneUnitOnOneDayIsRefusedAtTheProofField() throws Exception {
        SerialNumber unit = phones.getFirst();
        assertThat(register(unit, "192.0.2.10", 0).getResponse().getStatus()).isEqualTo(200);
        for (int i = 1; i < 3; i++) {
            var conflicting = register(unit, "192.0.2." + (10 + i), i).getResponse();
            assertThat(conflicting.getStatus()).isEqualTo(422);
            assertThat(conflicting.getContentAsString()).contains("Your registration was kept and will be reviewed");
        }
        var fourth = register(unit, "192.0.2.20", 3).getResponse();
        assertThat(fourth.getStatus()).isEqualTo(400);
        assertThat(fourth.getContentAsString()).contains("id=\"proof-error\"")
                .contains("This unit has received 3 registrations with a proof");
    }

    @Test
    void oneClientMayLeaveTenProofsADayAcrossUnits() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(register(phones.get(2 + i), "192.0.2.99", 100 + i).getResponse().getStatus()).isEqualTo(200);
        }
        var eleventh = register(phones.get(15), "192.0.2.99", 111).getResponse();
        assertThat(eleventh.getStatus()).isEqualTo(400);
        assertThat(eleventh.getContentAsString()).contains("id=\"proof-error\"")
                .contains("Your network has sent 10 registrations");
        assertThat(register(phones.get(15), "192.0.2.98", 112).getResponse().getStatus()).isEqualTo(200);
    }
}
