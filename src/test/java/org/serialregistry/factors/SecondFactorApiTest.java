package org.serialregistry.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.EnumSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.factors.internal.Ntag424Sun;
import org.serialregistry.factors.ui.SecondFactorsViewTestAccess;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.verification.VerificationMvc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** An ERP and a tag encoder set up second factors through the API, with production's API key. */
@IntegrationTest
class SecondFactorApiTest {

    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String WARRANTY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SecondFactors factors;
    @Autowired
    ObjectMapper json;
    MockMvc mvc;
    FactorTestUnits units;

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
        units = FactorTestUnits.create(masterData, issuance, factors, EnumSet.noneOf(SecondFactor.class), 2);
    }

    private MvcResult call(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private JsonNode body(MvcResult r) throws Exception {
        return json.readTree(r.getResponse().getContentAsString());
    }

    @Test
    void an_erp_turns_on_nfc_binds_a_tag_and_the_encoder_fetches_its_keys() throws Exception {
        var set = call(put("/api/v1/products/" + units.gtin().value() + "/second-factors").header("Authorization", PRODUCTION)
                .contentType(MediaType.APPLICATION_JSON).content("{\"factors\":[\"NFC\",\"hologram\"]}"));
        assertThat(set.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(set).path("factors").toString()).isEqualTo("[\"NFC\",\"HOLOGRAM\"]");

        String uid = "04C0FFEE" + String.format("%06X", (int) (System.nanoTime() % 0xFFFFFF));
        var bound = call(post("/api/v1/nfc-tags").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                .content("{\"uid\":\"" + uid.toLowerCase() + "\",\"serial\":\"" + units.serials().get(0).value() + "\"}"));
        assertThat(bound.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(bound).path("uid").asString()).isEqualTo(uid);

        var encoding = body(call(get("/api/v1/nfc-tags/" + uid + "/encoding").header("Authorization", PRODUCTION)));
        assertThat(encoding.path("urlTemplate").asString()).endsWith("/01/" + units.gtin().value() + "/10/" + units.lot()
                + "/21/" + units.serials().get(0).value() + "?picc_data=" + "0".repeat(32)
                + "&cmac=" + "0".repeat(16));
        // a tag encoded with exactly these keys verifies on the public page
        byte[] meta = java.util.HexFormat.of().parseHex(encoding.path("sdmMetaReadKey").asString());
        byte[] file = java.util.HexFormat.of().parseHex(encoding.path("sdmFileReadKey").asString());
        String picc = Ntag424Sun.encryptPiccData(meta, uid, 1, new byte[5]);
        String cmac = Ntag424Sun.sdmMac(file, uid, 1, new byte[0]);
        var tap = body(call(get(units.link(0) + "?picc_data=" + picc + "&cmac=" + cmac).accept(MediaType.APPLICATION_JSON)));
        assertThat(tap.path("secondFactors").path("strength").asString()).isEqualTo("code + NFC tag");

        var holo = call(post("/api/v1/holograms").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                .content("{\"serial\":\"" + units.serials().get(1).value() + "\",\"from\":\"Q" + units.lot()
                        + "001\",\"to\":\"Q" + units.lot() + "010\"}"));
        assertThat(holo.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(holo).path("bound").asInt()).isEqualTo(10);
    }

    @Test
    void binding_a_tag_names_every_wrong_field_in_one_answer() throws Exception {
        var r = call(post("/api/v1/nfc-tags").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                .content("{\"uid\":\"04ZZ\",\"serial\":\"" + units.serials().get(0).value() + "\"}"));

        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        String detail = body(r).path("detail").asString();
        assertThat(detail).contains("uid: an NTAG 424 DNA UID is 7 bytes").contains("serial: the units of product "
                + units.gtin().value() + " carry no NFC tag");
    }

    @Test
    void an_unknown_factor_name_is_refused_naming_the_field() throws Exception {
        var r = call(put("/api/v1/products/" + units.gtin().value() + "/second-factors").header("Authorization", PRODUCTION)
                .contentType(MediaType.APPLICATION_JSON).content("{\"factors\":[\"RFID\"]}"));

        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r).path("detail").asString()).contains("factors: 'RFID' is not one of NFC, SCRATCH_OFF, HOLOGRAM");
    }

    @Test
    void a_warranty_key_may_not_change_factors_nor_read_tag_keys() throws Exception {
        var r = call(put("/api/v1/products/" + units.gtin().value() + "/second-factors").header("Authorization", WARRANTY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"factors\":[\"NFC\"]}"));

        assertThat(r.getResponse().getStatus()).isEqualTo(403);
        assertThat(factors.forProduct(units.gtin()).factors()).isEmpty();
    }

    @Test
    void the_encoders_file_is_imported_all_or_nothing() throws Exception {
        org.serialregistry.warranty.WarrantyTestUnits.as("production",
                () -> factors.configure(units.gtin(), EnumSet.of(SecondFactor.NFC)), "PRODUCTION");
        String uid = "04D00D" + String.format("%08X", (int) (System.nanoTime() & 0x7FFFFFFF));
        byte[] bad = SecondFactorsViewTestAccess.workbook(new String[] {uid, units.serials().get(0).value()},
                new String[] {uid, units.serials().get(1).value()});
        var rejected = call(multipart("/api/v1/nfc-tags/import").file(new MockMultipartFile("file", "tags.xlsx",
                "application/octet-stream", bad)).header("Authorization", PRODUCTION));
        assertThat(rejected.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(rejected).path("rejected").get(0).asString()).startsWith("Row 3: uid: tag " + uid + " is listed twice");

        byte[] good = SecondFactorsViewTestAccess.workbook(new String[] {uid, units.serials().get(0).value()});
        var imported = call(multipart("/api/v1/nfc-tags/import").file(new MockMultipartFile("file", "tags.xlsx",
                "application/octet-stream", good)).header("Authorization", PRODUCTION));
        assertThat(imported.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(imported).path("imported").asInt()).isEqualTo(1);
    }
}
