package org.serialregistry.factors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second-factor keys live outside the database, owner-only, and rotate by version. */
class FactorKeyRingTest {

    private static final String V1 = "sVbeeZNtk3+VsxS8hiwZipIy/hj2ScqJv2ENleok+2w=";
    private static final String V2 = "q7Xc1m1s1Ng1H5B0F0tJm0c7qGk2q3D4b5A6s7d8f9g=";

    @Test
    void the_demo_key_file_is_created_owner_only_and_a_readable_one_is_refused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("factor-keys.properties");

        var ring = FactorKeyRing.loadOrCreateDemoKeyFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ring.activeVersion()).isEqualTo(1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> FactorKeyRing.loadOrCreateDemoKeyFile(file))
                .hasMessageContaining("must be accessible by its owner only");
    }

    @Test
    void each_tag_gets_its_own_file_read_key_and_old_versions_still_verify_after_rotation() {
        var before = new FactorCrypto(FactorKeyRing.fromBase64(Map.of(1, V1), 1));
        var rotated = new FactorCrypto(FactorKeyRing.fromBase64(Map.of(1, V1, 2, V2), 2));
        String[] oldTap = before.simulateTap(1, "04A1B2C3D4E5F6", 10);

        var tap = rotated.decrypt(oldTap[0]);

        assertThat(tap).isEqualTo(new FactorCrypto.Tap("04A1B2C3D4E5F6", 10, 1));
        assertThat(rotated.macMatches(1, "04A1B2C3D4E5F6", 10, oldTap[1])).isTrue();
        assertThat(rotated.tagKeys(1, "04A1B2C3D4E5F6").sdmFileReadKey())
                .isNotEqualTo(rotated.tagKeys(1, "04A1B2C3D4E5F7").sdmFileReadKey());
        assertThat(rotated.scratchCode("09506000134352", "ABC")).startsWith("2");
        assertThat(rotated.scratchMatches("09506000134352", "ABC", before.scratchCode("09506000134352", "ABC"))).isTrue();
        assertThat(rotated.toString()).doesNotContain(V1);
    }

    @Test
    void a_short_secret_or_a_missing_active_version_is_refused_by_name() {
        assertThatThrownBy(() -> FactorKeyRing.fromBase64(Map.of(1, "c2hvcnQ="), 1))
                .hasMessageContaining("factor key version 1 must have at least 32 secret bytes");
        assertThatThrownBy(() -> FactorKeyRing.fromBase64(Map.of(1, V1), 3))
                .hasMessageContaining("active factor key version 3");
    }
}
