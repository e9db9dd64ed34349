package org.serialregistry.security.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serialregistry.shared.Databases;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class H2FilePermissionsTest {

    @TempDir
    Path dir;

    @Test
    void theH2DatabaseFileIsCreatedReadableByItsOwnerOnlyAndH2UsesIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/serial-registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        var dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        new H2FilePermissions(new MockEnvironment().withProperty("spring.datasource.url", url))
                .postProcessBeforeInitialization(dataSource, "dataSource");
        try (var con = dataSource.getConnection(); var st = con.createStatement()) {
            st.execute("create table t(x int)");
            st.execute("insert into t values (42)");
            st.execute("shutdown");
        }
        Path file = dir.resolve("data/serial-registry.mv.db");
        assertThat(Files.size(file)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFileIsTightenedAndOtherUrlsAreLeftAlone() throws Exception {
        Path file = Files.createFile(dir.resolve("old.mv.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        H2FilePermissions.protect(Databases.h2File("jdbc:h2:file:" + dir.resolve("old")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Databases.h2File("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isNull();
        assertThat(Databases.h2File("jdbc:postgresql://db/x")).isNull();
        assertThat(Databases.h2File("jdbc:h2:./data/serial-registry")).hasFileName("serial-registry.mv.db");
    }
}
