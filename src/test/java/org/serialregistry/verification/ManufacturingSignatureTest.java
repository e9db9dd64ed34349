package org.serialregistry.verification;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A hospital's verifier, offline, checks that a unit's production record was signed by the
 * manufacturer, with nothing but the published public key: its own SHA-256, its own path folding,
 * the JDK's Ed25519; no class of the application.
 */
@IntegrationTest
class ManufacturingSignatureTest {

    static final String PHONE = "09506000134352";

    @Autowired
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    JsonMapper json;

    @Test
    @WithMockUser(username = "pat", roles = "PRODUCTION")
    void aThirdPartyVerifiesTheProductionRecordOfEveryUnitWithOnlyThePublicKey() throws Exception {
        var batch = issuance.issue(new IssueBatchRequest(PHONE, "LOTSIG1", "DE-MUC", "L1", 150,
                LocalDate.now().minusDays(2), LocalDate.now().plusYears(2), "DE", null), null, true).batch();
        List<SerialNumber> serials = issuance.serials(batch.id(), 0, 1000);

        JsonNode keys = read(mvc.perform(get("/.well-known/serial-registry-keys.json")).andReturn().getResponse()
                .getContentAsString());
        JsonNode key = keys.get("keys").get(0);
        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        byte[] raw = Base64.getDecoder().decode(key.get("publicKey").asString());
        byte[] x509 = new byte[12 + 32];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, x509, 0, 12);
        System.arraycopy(raw, 0, x509, 12, 32);
        var publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));

        // the first, one in the middle, and the last unit (in the last, partial chunk of 64)
        for (SerialNumber serial : List.of(serials.get(0), serials.get(77), serials.get(149))) {
            var plain = read(mvc.perform(get("/01/" + PHONE + "/21/" + serial.value()).accept(MediaType.APPLICATION_JSON))
                    .andReturn().getResponse().getContentAsString());
            assertThat(plain.has("manufacturingSignature")).as("a phone's answer stays small").isFalse();
            var response = mvc.perform(get("/01/" + PHONE + "/21/" + serial.value()).param("proof", "true")
                            .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
            JsonNode answer = read(response.getContentAsString());
            assertThat(answer.get("verified").asBoolean()).isTrue();
            JsonNode sig = answer.get("manufacturingSignature");
            assertThat(sig.get("keyId").asString()).isEqualTo(key.get("keyId").asString());
            JsonNode r = sig.get("record");
            assertThat(r.get("serial").asString()).isEqualTo(serial.value());
            assertThat(r.get("lot").asString()).isEqualTo("LOTSIG1");
            String text = String.join("|", "srmr/v1", r.get("gtin").asString(), r.get("serial").asString(),
                    r.get("lot").asString(), r.get("batchId").asString(), r.get("productionDate").asString(),
                    r.get("expiryDate").asString(), r.get("facilityNumber").asString(),
                    r.get("lineNumber").asString(), r.get("intendedMarket").asString());
            byte[] root = fold(text, sig.get("path"));
            assertThat(HexFormat.of().formatHex(root)).isEqualTo(sig.get("merkleRoot").asString());
            var verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(root);
            assertThat(verifier.verify(Base64.getDecoder().decode(sig.get("signature").asString()))).isTrue();

            // a forged record (another lot) does not lead to the signed root
            byte[] forged = fold(text.replace("|LOTSIG1|", "|LOTSIG2|"), sig.get("path"));
            verifier.initVerify(publicKey);
            verifier.update(forged);
            assertThat(verifier.verify(Base64.getDecoder().decode(sig.get("signature").asString()))).isFalse();
        }
    }

    private static byte[] fold(String recordText, JsonNode path) throws Exception {
        var sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] node = sha.digest(recordText.getBytes(StandardCharsets.UTF_8));
        for (JsonNode step : path) {
            byte[] sibling = HexFormat.of().parseHex(step.get("hash").asString());
            sha.update((byte) 1);
            if (step.get("side").asString().equals("L")) {
                sha.update(sibling);
                sha.update(node);
            } else {
                sha.update(node);
                sha.update(sibling);
            }
            node = sha.digest();
        }
        return node;
    }

    private JsonNode read(String text) {
        return json.readTree(text);
    }
}
