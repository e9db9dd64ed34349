package org.serialregistry.factors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The SUN check reproduces the worked examples of NXP application note AN12196 "NTAG 424 DNA and
 * NTAG 424 DNA TagTamper features and hints" (https://www.nxp.com/docs/en/application-note/AN12196.pdf):
 * section 3.3, Table 1 (SDM session key generation) and section 3.4, Tables 2 and 4 (PICCData
 * decryption and SUN MAC verification with all-zero factory keys). The same values are quoted by
 * several public SUN verifiers (found with the code search of this project's tooling).
 */
class Ntag424SunTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] ZERO_KEY = new byte[16];
    private static final String PICC = "EF963FF7828658A599F3041510671E88";
    private static final String CMAC = "94EED9EE65337086";

    @Test
    void decrypts_the_an12196_picc_data_to_its_uid_and_read_counter() {
        var picc = Ntag424Sun.decryptPiccData(ZERO_KEY, PICC);

        assertThat(picc).isNotNull();
        assertThat(picc.uid()).isEqualTo("04DE5F1EACC040");
        assertThat(picc.readCounter()).isEqualTo(0x3D);
    }

    @Test
    void derives_the_an12196_session_mac_key_and_truncated_mac() {
        // AN12196 Table 4: SV2 = 3CC30001008004DE5F1EACC0403D0000
        assertThat(HEX.formatHex(Ntag424Sun.sessionMacKey(ZERO_KEY, "04DE5F1EACC040", 61)))
                .isEqualTo("3FB5F6E3A807A03D5E3570ACE393776F");
        assertThat(Ntag424Sun.sdmMac(ZERO_KEY, "04DE5F1EACC040", 61, new byte[0])).isEqualTo(CMAC);
        assertThat(Ntag424Sun.macMatches(ZERO_KEY, "04DE5F1EACC040", 61, CMAC.toLowerCase())).isTrue();
    }

    @Test
    void derives_the_an12196_table_1_session_key_for_a_non_zero_key() {
        // AN12196 Table 1: K = 5ACE7E50AB65D5D51FD5BF5A16B8205B, UID 04C767F2066180, SDMReadCtr 000001
        byte[] key = HEX.parseHex("5ACE7E50AB65D5D51FD5BF5A16B8205B");
        assertThat(HEX.formatHex(Ntag424Sun.sessionMacKey(key, "04C767F2066180", 1)))
                .isEqualTo("3A3E8110E05311F7A3FCF0D969BF2B48");
    }

    @Test
    void refuses_an_altered_mac_another_counter_or_a_wrong_key() {
        assertThat(Ntag424Sun.macMatches(ZERO_KEY, "04DE5F1EACC040", 61, "94EED9EE65337087")).isFalse();
        assertThat(Ntag424Sun.macMatches(ZERO_KEY, "04DE5F1EACC040", 62, CMAC)).isFalse();
        byte[] otherKey = new byte[16];
        otherKey[0] = 1;
        assertThat(Ntag424Sun.macMatches(otherKey, "04DE5F1EACC040", 61, CMAC)).isFalse();
        assertThat(Ntag424Sun.decryptPiccData(otherKey, PICC)).isNull();
        assertThat(Ntag424Sun.decryptPiccData(ZERO_KEY, "not hex")).isNull();
        assertThat(Ntag424Sun.macMatches(ZERO_KEY, "04DE5F1EACC040", 61, "94EED9")).isFalse();
    }

    @Test
    void encrypting_picc_data_is_the_inverse_of_decrypting_it() {
        byte[] key = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
        String picc = Ntag424Sun.encryptPiccData(key, "04A1B2C3D4E5F6", 0x012345, new byte[] {1, 2, 3, 4, 5});

        assertThat(Ntag424Sun.decryptPiccData(key, picc)).isEqualTo(new Ntag424Sun.PiccData("04A1B2C3D4E5F6", 0x012345));
    }
}
