package org.serialregistry.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.factors.internal.FactorCrypto;
import org.serialregistry.factors.internal.Ntag424Sun;
import org.serialregistry.serial.BatchExports;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.verification.VerificationMvc;
import org.serialregistry.warranty.WarrantyTestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A buyer checks a unit's printed code together with its second factors: an NFC tap, a scratch-off
 * code, a hologram number. Genuine factors strengthen the answer; a replayed tap, a moved tag, a wrong
 * key, a used scratch-off code or another unit's hologram are refused and raise a counterfeit signal.
 */
@IntegrationTest
class SecondFactorStoriesTest {

    private static final AtomicInteger UIDS = new AtomicInteger((int) (System.nanoTime() % 1_000_000));
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Autowired
    WebApplicationContext context;
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
    @Autowired
    ScratchOffCodes scratchOffCodes;
    @Autowired
    FactorCrypto crypto;
    @Autowired
    BatchExports exports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    MockMvc mvc;
    FactorTestUnits units;
    String client;

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
        units = FactorTestUnits.create(masterData, issuance, factors,
                EnumSet.of(SecondFactor.NFC, SecondFactor.SCRATCH_OFF, SecondFactor.HOLOGRAM), 3);
        client = "10.77." + CLIENTS.get() / 250 + "." + CLIENTS.getAndIncrement() % 250;
    }

    private String newUid() {
        return "04" + String.format("%012X", UIDS.incrementAndGet() * 7919L);
    }

    private String bindTag(int unit) {
        String uid = newUid();
        WarrantyTestUnits.as("production", () -> tags.bind(uid, units.serials().get(unit).value()), "PRODUCTION");
        return uid;
    }

    private String tap(int unit, String uid, int counter) {
        String[] sun = crypto.simulateTap(crypto.activeVersion(), uid, counter);
        return units.link(unit) + "?picc_data=" + sun[0] + "&cmac=" + sun[1];
    }

    private JsonNode answer(String path) throws Exception {
        var result = mvc.perform(get(path).accept(MediaType.APPLICATION_JSON).with(r -> {
            r.setRemoteAddr(client);
            return r;
        })).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private void awaitSignal(String type, int unit) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from alert_signal where type = ? and serial = ?", Integer.class, type,
                units.serials().get(unit).value()) > 0);
    }

    private int signals(int unit) {
        return jdbc.queryForObject("select count(*) from alert_signal where serial = ?", Integer.class,
                units.serials().get(unit).value());
    }

    @Test
    void a_genuine_tag_tapped_twice_confirms_the_unit_each_time() throws Exception {
        String uid = bindTag(0);

        var first = answer(tap(0, uid, 1));
        var second = answer(tap(0, uid, 2));

        assertThat(first.path("verdict").asString()).isEqualTo("GENUINE");
        assertThat(first.path("secondFactors").path("strength").asString()).isEqualTo("code + NFC tag");
        assertThat(first.path("secondFactors").path("checked").get(0).path("result").asString()).isEqualTo("confirmed");
        assertThat(second.path("verdict").asString()).isEqualTo("GENUINE");
        assertThat(second.path("secondFactors").path("strength").asString()).isEqualTo("code + NFC tag");
        assertThat(signals(0)).isZero();
    }

    @Test
    void the_short_e_and_c_parameters_work_like_picc_data_and_cmac() throws Exception {
        String uid = bindTag(0);
        String[] sun = crypto.simulateTap(crypto.activeVersion(), uid, 9);

        var answer = answer(units.link(0) + "?e=" + sun[0] + "&c=" + sun[1]);

        assertThat(answer.path("secondFactors").path("strength").asString()).isEqualTo("code + NFC tag");
    }

    @Test
    void a_replayed_tap_link_is_not_genuine_and_raises_a_signal() throws Exception {
        String uid = bindTag(0);
        String link = tap(0, uid, 5);
        assertThat(answer(link).path("verdict").asString()).isEqualTo("GENUINE");

        var replay = answer(link);
        var older = answer(tap(0, uid, 4));

        assertThat(replay.path("verified").asBoolean()).isFalse();
        assertThat(replay.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(replay.path("message").asString()).startsWith("Not genuine (copied tag link)");
        assertThat(replay.path("secondFactors").path("checked").get(0).path("result").asString())
                .isEqualTo("copied-tag-link");
        assertThat(older.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        awaitSignal("COPIED_TAG_LINK", 0);
        // the public answer never tells the counter or the key
        assertThat(replay.toString()).doesNotContain(uid).doesNotContain("counter 5");
        assertThat(replay.has("status")).as("no unit details for a copied link").isFalse();
        assertThat(replay.has("lot")).isFalse();
    }

    @Test
    void the_page_of_a_replayed_tap_says_copied_tag_link_in_plain_words() throws Exception {
        String uid = bindTag(0);
        String link = tap(0, uid, 3);
        answer(link);

        var page = mvc.perform(get(link).accept(MediaType.TEXT_HTML).with(r -> {
            r.setRemoteAddr(client);
            return r;
        })).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Not genuine (copied tag link)").contains("How sure: code only");
    }

    @Test
    void a_tag_moved_to_another_unit_is_refused() throws Exception {
        String uidOfUnit0 = bindTag(0);

        var answer = answer(tap(1, uidOfUnit0, 1));

        assertThat(answer.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(answer.path("message").asString()).contains("NFC tag does not belong to this product's code");
        awaitSignal("TAG_NOT_THIS_UNIT", 1);
        // the tag's own unit still verifies with a fresh tap
        assertThat(answer(tap(0, uidOfUnit0, 2)).path("verdict").asString()).isEqualTo("GENUINE");
    }

    @Test
    void a_tag_encoded_with_a_wrong_key_is_refused() throws Exception {
        String uid = bindTag(2);
        String[] genuine = crypto.simulateTap(crypto.activeVersion(), uid, 1);
        // right PICC data, but a MAC made with the factory default (all-zero) file read key
        String wrongMac = Ntag424Sun.sdmMac(new byte[16], uid, 1, new byte[0]);
        // PICC data encrypted with the factory default meta read key (AN12196's example link)
        String an12196 = units.link(2) + "?picc_data=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086";

        var wrongFileKey = answer(units.link(2) + "?picc_data=" + genuine[0] + "&cmac=" + wrongMac);
        var wrongMetaKey = answer(an12196);

        assertThat(wrongFileKey.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(wrongMetaKey.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        awaitSignal("TAG_NOT_THIS_UNIT", 2);
        // the refused taps did not move the counter: the genuine tap still passes
        assertThat(answer(units.link(2) + "?picc_data=" + genuine[0] + "&cmac=" + genuine[1]).path("verdict").asString())
                .isEqualTo("GENUINE");
    }

    @Test
    void a_scratch_off_code_confirms_once_then_says_already_used() throws Exception {
        var field = scratchOffCodes.fieldFor(units.gtin());
        assertThat(field).isNotNull();
        String code = field.valueOf().apply(units.serials().get(1));
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}");

        var first = answer(units.link(1) + "?scratch=" + code.toLowerCase().replace("-", ""));
        var second = answer(units.link(1) + "?scratch=" + code);

        assertThat(first.path("verdict").asString()).isEqualTo("GENUINE");
        assertThat(first.path("secondFactors").path("strength").asString()).isEqualTo("code + scratch-off code");
        assertThat(second.path("verdict").asString()).isEqualTo("GENUINE_WITH_WARNING");
        assertThat(second.path("message").asString()).contains("already used on");
        assertThat(second.path("secondFactors").path("checked").get(0).path("result").asString()).isEqualTo("already-used");
        awaitSignal("SCRATCH_CODE_REUSED", 1);
    }

    @Test
    void another_units_scratch_off_code_does_not_confirm() throws Exception {
        String codeOfUnit0 = scratchOffCodes.fieldFor(units.gtin()).valueOf().apply(units.serials().get(0));

        var answer = answer(units.link(2) + "?scratch=" + codeOfUnit0);

        assertThat(answer.path("verdict").asString()).isEqualTo("GENUINE_WITH_WARNING");
        assertThat(answer.path("message").asString()).contains("does not match this unit");
        assertThat(answer.path("secondFactors").path("strength").asString()).isEqualTo("code only");
        awaitSignal("SCRATCH_CODE_WRONG", 2);
    }

    @Test
    void a_hologram_seen_on_the_wrong_unit_is_not_genuine() throws Exception {
        String prefix = "H" + units.lot();
        WarrantyTestUnits.as("production", () -> holograms.bind(new HologramBinding(null, null,
                units.serials().get(0).value(), null, prefix + "0100", prefix + "0101")), "PRODUCTION");

        var own = answer(units.link(0) + "?hologram=" + prefix + "0101");
        var wrong = answer(units.link(1) + "?hologram=" + prefix + "0100");
        var unknown = answer(units.link(1) + "?hologram=" + prefix + "9999");

        assertThat(own.path("verdict").asString()).isEqualTo("GENUINE");
        assertThat(own.path("secondFactors").path("strength").asString()).isEqualTo("code + hologram");
        assertThat(wrong.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(unknown.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        awaitSignal("HOLOGRAM_NOT_THIS_UNIT", 1);
    }

    @Test
    void holograms_bound_to_a_lot_belong_to_every_unit_of_that_lot() throws Exception {
        String number = "L" + units.lot() + "X";
        WarrantyTestUnits.as("production", () -> holograms.bind(new HologramBinding(units.gtin().value(), units.lot(),
                null, java.util.List.of(number), null, null)), "PRODUCTION");

        assertThat(answer(units.link(2) + "?hologram=" + number).path("verdict").asString()).isEqualTo("GENUINE");
    }

    @Test
    void a_plain_code_scan_says_code_only_and_which_factors_could_be_read() throws Exception {
        var answer = answer(units.link(2));

        assertThat(answer.path("verdict").asString()).isEqualTo("GENUINE");
        assertThat(answer.path("secondFactors").path("strength").asString()).isEqualTo("code only");
        assertThat(answer.path("secondFactors").path("notRead").toString())
                .contains("NFC tag", "scratch-off code", "hologram");
        assertThat(answer.path("secondFactors").path("summary").asString()).isEqualTo("Checked: the printed code only. "
                + "This unit also carries an NFC tag, a scratch-off code and a hologram: tap the tag with your phone, "
                + "or enter what you read below, for a stronger check.");
    }

    @Test
    void a_tap_and_a_scratch_off_code_together_make_the_strongest_answer() throws Exception {
        String uid = bindTag(1);
        String code = scratchOffCodes.fieldFor(units.gtin()).valueOf().apply(units.serials().get(1));

        var answer = answer(tap(1, uid, 1) + "&scratch=" + code);

        assertThat(answer.path("secondFactors").path("strength").asString())
                .isEqualTo("code + NFC tag + scratch-off code");
        assertThat(answer.path("secondFactors").path("notRead").toString()).contains("hologram");
    }

    @Test
    void a_product_without_factors_answers_code_only_and_ignores_nothing() throws Exception {
        var plain = FactorTestUnits.create(masterData, issuance, factors, EnumSet.noneOf(SecondFactor.class), 1);

        var answer = answer(plain.link(0) + "?picc_data=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086");

        // a made-up tap on a product without tags is still refused: nobody can bolt a tag onto a copy
        assertThat(answer.path("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(answer(plain.link(0)).path("secondFactors").path("strength").asString()).isEqualTo("code only");
    }

    @Test
    void the_label_printer_export_and_the_label_sheet_carry_the_scratch_off_code() {
        var batchId = issuance.latestBatches(200).stream().filter(b -> b.lot().equals(units.lot())).findFirst()
                .orElseThrow().id();
        String code = scratchOffCodes.fieldFor(units.gtin()).valueOf().apply(units.serials().get(0));
        var csv = new ByteArrayOutputStream();
        var sheet = new ByteArrayOutputStream();

        exports.writeCsv(batchId, csv);
        exports.writeLabelSheet(batchId, sheet);
        var zpl = new ByteArrayOutputStream();
        exports.writeZpl(batchId, zpl);

        assertThat(csv.toString(StandardCharsets.UTF_8)).startsWith("serial,digital_link,scratch_off_code\r\n")
                .contains(units.serials().get(0).value() + ",").contains("," + code + "\r\n");
        assertThat(sheet.toString(StandardCharsets.UTF_8)).contains("Scratch-off code: " + code);
        assertThat(zpl.toString(StandardCharsets.UTF_8)).contains("^FDScratch-off code: " + code + "^FS");
    }

    @Test
    void the_forensic_reviewer_sees_what_is_registered_for_the_unit() throws Exception {
        String uid = bindTag(2);
        answer(tap(2, uid, 7));

        var registered = WarrantyTestUnits.as("forensics", () -> factors.registered(units.gtin(), units.serials().get(2),
                new org.serialregistry.shared.LotNumber(units.lot())), "FORENSICS");

        assertThat(registered.tagUid()).isEqualTo(uid);
        assertThat(registered.lastTagCounter()).isEqualTo(7);
        assertThat(registered.product().factors()).contains(SecondFactor.NFC);
        assertThat(HexFormat.of().parseHex(uid)).hasSize(7);
    }
}
