package org.serialregistry.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serialregistry.shared.Gtin;

class SerialKeyRingTest {

    private static final Gtin GTIN = new Gtin("09506000134352");
    private static final SerialFields FIELDS = new SerialFields(3, 1, LocalDate.of(2025, 6, 1), 42);

    @TempDir
    Path dir;

    @Test
    void aNewDemoKeyFileIsOwnerOnlyAndGivesTheSameKeysOnEveryLoad() throws Exception {
        Path file = dir.resolve("keys/serial-keys.properties");

        SerialKeyRing created = SerialKeyRing.loadOrCreateDemoKeyFile(file);
        SerialKeyRing reloaded = SerialKeyRing.loadOrCreateDemoKeyFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).containsPattern("(?m)^version\\.1=[A-Za-z0-9+/]{43}=$").contains("active=1");
        assertThat(created.activeVersion()).isEqualTo(1);
        assertThat(reloaded.versions()).containsExactly(1);
        String serial = new SerialCodec(created).issue(GTIN, FIELDS);
        assertThat(new SerialCodec(reloaded).check(GTIN, serial)).isEqualTo(new Verdict.Genuine(FIELDS));
    }

    @Test
    void twoNewDemoKeyFilesHoldDifferentKeys() {
        SerialKeyRing one = SerialKeyRing.loadOrCreateDemoKeyFile(dir.resolve("one.properties"));
        SerialKeyRing two = SerialKeyRing.loadOrCreateDemoKeyFile(dir.resolve("two.properties"));

        assertThat(new SerialCodec(two).check(GTIN, new SerialCodec(one).issue(GTIN, FIELDS)))
                .isEqualTo(new Verdict.Forged());
    }

    @Test
    void aKeyFileThatGroupOrOthersMayReadIsRefused() throws Exception {
        for (String permissions : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-"}) {
            Path file = dir.resolve(permissions + ".properties");
            SerialKeyRing.loadOrCreateDemoKeyFile(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

            assertThatIllegalStateException().isThrownBy(() -> SerialKeyRing.loadOrCreateDemoKeyFile(file))
                    .withMessageContaining("has permissions " + permissions)
                    .withMessageContaining("owner only")
                    .withMessageContaining("chmod 600 " + file.toAbsolutePath());
        }
    }

    @Test
    void aKeyFileWithRotatedKeysLoadsAllVersions() throws Exception {
        Path file = dir.resolve("rotated.properties");
        String v1 = Base64.getEncoder().encodeToString(TestKeys.secret(1));
        String v2 = Base64.getEncoder().encodeToString(TestKeys.secret(2));
        Files.writeString(file, "version.1=" + v1 + "\nversion.2=" + v2 + "\nactive=2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        SerialKeyRing ring = SerialKeyRing.loadOrCreateDemoKeyFile(file);

        assertThat(ring.versions()).containsExactly(1, 2);
        assertThat(ring.activeVersion()).isEqualTo(2);
        String fromTestKeys = new SerialCodec(TestKeys.version1Only()).issue(GTIN, FIELDS);
        assertThat(new SerialCodec(ring).check(GTIN, fromTestKeys)).isEqualTo(new Verdict.Genuine(FIELDS));
    }

    @Test
    void aBrokenKeyFileIsRefusedWithoutQuotingSecrets() throws Exception {
        Path file = dir.resolve("broken.properties");
        Files.writeString(file, "version.1=c2hvcnQ=\nactive=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatIllegalStateException().isThrownBy(() -> SerialKeyRing.loadOrCreateDemoKeyFile(file))
                .withMessageEndingWith("serial key version 1 must have at least 32 secret bytes, got 5")
                .withMessageNotContaining("c2hvcnQ");

        Files.writeString(file, "version.1=" + Base64.getEncoder().encodeToString(TestKeys.secret(1)) + "\n");
        assertThatIllegalStateException().isThrownBy(() -> SerialKeyRing.loadOrCreateDemoKeyFile(file))
                .withMessageEndingWith("lacks the line active=N");
    }

    @Test
    void invalidSecretsAndVersionsAreRejectedWithClearMessages() {
        String good = Base64.getEncoder().encodeToString(TestKeys.secret(1));
        assertThatIllegalArgumentException().isThrownBy(() -> SerialKeyRing.fromBase64(Map.of(32, good), 32))
                .withMessage("serial key version must be 0..31, got 32");
        assertThatIllegalArgumentException().isThrownBy(() -> SerialKeyRing.fromBase64(Map.of(1, "AAAA"), 1))
                .withMessage("serial key version 1 must have at least 32 secret bytes, got 3");
        assertThatIllegalArgumentException().isThrownBy(() -> SerialKeyRing.fromBase64(Map.of(1, "*secret*"), 1))
                .withMessage("serial key version 1 is not valid Base64");
        assertThatIllegalArgumentException().isThrownBy(() -> SerialKeyRing.fromBase64(Map.of(1, good), 2))
                .withMessage("active serial key version 2 is not among the key versions [1]");
        assertThatIllegalArgumentException().isThrownBy(() -> SerialKeyRing.fromBase64(Map.of(), 1))
                .withMessage("serial key ring needs at least one key version");
    }

    @Test
    void noKeyMaterialAppearsInToString() {
        byte[] secret = TestKeys.secret(1);
        SerialKeyRing ring = SerialKeyRing.fromBase64(Map.of(1, Base64.getEncoder().encodeToString(secret)), 1);
        SerialKeyRing.VersionKeys keys = ring.keys(1);

        assertThat(ring).hasToString("SerialKeyRing[versions=[1], active=1]");
        for (String text : new String[] {ring.toString(), keys.toString(), keys.ff1Key().toString(),
                keys.tagKey().toString()}) {
            for (byte[] material : new byte[][] {secret, keys.ff1Key().getEncoded(), keys.tagKey().getEncoded()}) {
                assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(material))
                        .doesNotContainIgnoringCase(HexFormat.of().formatHex(material));
            }
        }
    }

    @Test
    void theCipherAndTagKeysOfAVersionAreDistinctAndDifferFromTheSecret() {
        SerialKeyRing ring = TestKeys.versions1And2(1);

        byte[] ff1 = ring.keys(1).ff1Key().getEncoded();
        byte[] tag = ring.keys(1).tagKey().getEncoded();

        assertThat(ff1).hasSize(32).isNotEqualTo(tag).isNotEqualTo(TestKeys.secret(1));
        assertThat(ring.keys(2).ff1Key().getEncoded()).isNotEqualTo(ff1);
        assertThat(ring.keys(3)).isNull();
    }
}
