package org.serialregistry.verification;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * Issue 16 item 10: the public page as a customer meets it on a phone: sentences that do not break
 * inside words, no registration offered for a stolen or destroyed unit, a registration form that
 * keeps what was typed and the chosen file and shows each problem at its field, a next step for an
 * invalid code, and thanks after sending a country.
 */
@IntegrationTest
class PublicPageCareTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Autowired
    org.springframework.web.context.WebApplicationContext context;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SerialCodec codec;
    MockMvc mvc;
    DemoCodes codes;
    String clientAddress;

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
        codes = DemoCodes.from(issuance, codec);
        clientAddress = "10.61." + CLIENTS.get() / 250 + "." + CLIENTS.getAndIncrement() % 250;
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> B from(B request) {
        return request.with(r -> {
            r.setRemoteAddr(clientAddress);
            return r;
        }).accept(MediaType.TEXT_HTML);
    }

    private String page(String path) throws Exception {
        return mvc.perform(from(get(path))).andReturn().getResponse().getContentAsString();
    }

    @Test
    void sentencesWrapBetweenWordsNotInsideThem() throws Exception {
        String html = page(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()));
        assertThat(html).contains("Warranty").doesNotContain("break-all");
        assertThat(html).contains("dd{margin:0;overflow-wrap:break-word");
    }

    @Test
    void aStolenOrDestroyedUnitIsNotOfferedForRegistration() throws Exception {
        for (String serial : new String[]{codes.stolenPhone(), codes.destroyedPhone()}) {
            String link = DemoCodes.link(DemoCodes.PHONE, serial);
            assertThat(page(link)).doesNotContain("Register this product");
            assertThat(page(link + "?linkType=gs1:registerProduct")).contains("Cannot register")
                    .doesNotContain("<form");
        }
        assertThat(page(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()))).contains("Register this product");
    }

    @Test
    void aRefusedRegistrationKeepsWhatWasTypedAndTheFileAndShowsEachProblemAtItsField() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone());
        var proof = new MockMultipartFile("proof", "receipt.pdf", "application/pdf",
                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes());
        String html = mvc.perform(from(multipart(link).file(proof).param("linkType", "gs1:registerProduct")
                .param("ownerName", "Paula Keep").param("email", "paula-at-example")
                .param("purchaseDate", LocalDate.now().minusDays(2).toString()).param("retailer", "Shop 7")))
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("value=\"Paula Keep\"", "value=\"paula-at-example\"", "value=\"Shop 7\"",
                "value=\"" + LocalDate.now().minusDays(2) + "\"");
        assertThat(html).contains("id=\"email-error\"").doesNotContain("email: ");
        assertThat(html).contains("Kept from your last try: <strong>receipt.pdf</strong>", "name=\"proofKept\"");
    }

    @Test
    void anInvalidCodeSaysWhatToDoNext() throws Exception {
        String html = page("/01/09506000134352/21/abc-def");
        assertThat(html).contains("Not a valid code", "What you can do", "Scan the code again");
    }

    @Test
    void sendingACountryIsThankedAndNotAskedAgain() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone());
        assertThat(page(link)).contains("which country are you in?");
        String html = page(link + "?country=fr");
        assertThat(html).contains("Thank you: we noted that you checked this product in FR")
                .doesNotContain("which country are you in?");
    }
}
