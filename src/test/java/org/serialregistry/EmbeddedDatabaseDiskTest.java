package org.serialregistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The disk under the embedded H2 database runs low (scripts/fault-disk-full.sh fills a real one, which needs
 * root; here the guard is told the free space): H2 is not used until there is room again, so that it never meets
 * a full disk (its file did not open again afterwards in 4 of 12 runs of the script before). Public answers
 * degrade as in any database outage, health says why, and everything resumes by itself.
 */
@SpringBootTest(properties = {"serial-registry.demo.enabled=true",
        "serial-registry.verification.unit-cache-ttl=100ms", "serial-registry.verification.outage.backoff=500ms",
        "serial-registry.verification.outage.scan-retry=200ms",
        "serial-registry.verification.rate-limit-per-minute=1000000", "serial-registry.verification.rate-limit-burst=1000000"})
@AutoConfigureMockMvc
@DirtiesContext
class EmbeddedDatabaseDiskTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        Path folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "h2-disk-");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + folder.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void belowTheReserveTheDatabaseIsLeftAloneHealthSaysWhyAndAllResumesOnceThereIsRoom() throws Exception {
        var reserve = EmbeddedDatabaseDisk.Reserve.of(dataSource);
        assertThat(reserve).as("the embedded H2 file database is guarded").isNotNull();
        var serials = phones(2);
        String known = serials.get(0);   // verified before the disk runs low
        String unseen = serials.get(1);  // only the database knows it
        assertThat(verify(known).getStatus()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> scansOf(known) == 1);
        // an operator's key checked once while the database answers (then known without it, as in an outage)
        assertThat(component("databaseDisk").get("status").asString()).isEqualTo("UP");

        reserve.measuredBy(() -> 5L << 20); // 5 MB free: below the 32 MB reserve
        try {
            var knownWhileLow = verify(known);
            assertThat(knownWhileLow.getStatus()).isEqualTo(200);
            assertThat(json.readTree(knownWhileLow.getContentAsString()).get("verdict").asString()).isEqualTo("GENUINE");
            var unseenWhileLow = verify(unseen);
            assertThat(unseenWhileLow.getStatus()).as(unseenWhileLow.getContentAsString()).isEqualTo(503);
            assertThat(unseenWhileLow.getHeader("Retry-After")).isNotBlank();
            assertThat(unseenWhileLow.getContentAsString()).doesNotContain("Exception").doesNotContain("MB free");
            // the writer tries the scan every 200 ms and keeps it until it can be written
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var disk = component("databaseDisk");
                assertThat(disk.get("status").asString()).isEqualTo("DOWN");
                assertThat(disk.get("details").get("error").asString())
                        .startsWith("the disk under the database is full: 5 MB free in " + reserve.folder)
                        .contains("32 MB in reserve");
                assertThat(disk.get("details").get("freeBytes").asLong()).isEqualTo(5L << 20);
                var scanLog = component("scanLog");
                assertThat(scanLog.get("status").asString()).isEqualTo("DOWN");
                assertThat(scanLog.get("details").get("error").asString())
                        .isEqualTo("scans cannot be written to the scan log: "
                                + disk.get("details").get("error").asString());
                assertThat(scanLog.get("details").get("lost").asInt()).as("the scan waits, none is lost").isZero();
            });
            assertThat(health().getStatus()).isEqualTo(503);
        } finally {
            reserve.measuredBy(null);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> verify(unseen).getStatus() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> scansOf(known) == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> health().getStatus() == 200);
        assertThat(component("databaseDisk").get("status").asString()).isEqualTo("UP");
        assertThat(component("scanLog").get("details").get("lost").asInt()).isZero();
    }

    @Test
    void onlyAnEmbeddedH2FileDatabaseIsGuardedAndAReserveOfZeroTurnsTheGuardOff() {
        var environment = new MockEnvironment();
        assertThat(EmbeddedDatabaseDisk.Reserve.of("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", environment)).isNull();
        assertThat(EmbeddedDatabaseDisk.Reserve.of("jdbc:postgresql://db/registry", environment)).isNull();
        var file = EmbeddedDatabaseDisk.Reserve.of("jdbc:h2:file:./data/serial-registry;DB_CLOSE_ON_EXIT=FALSE", environment);
        assertThat(file).isNotNull();
        assertThat(file.folder).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(file.bytes).as("the default reserve").isEqualTo(32L << 20);
        environment.setProperty(EmbeddedDatabaseDisk.RESERVE, "200MB");
        assertThat(EmbeddedDatabaseDisk.Reserve.of("jdbc:h2:./data/serial-registry", environment).bytes).isEqualTo(200L << 20);
        environment.setProperty(EmbeddedDatabaseDisk.RESERVE, "0");
        assertThat(EmbeddedDatabaseDisk.Reserve.of("jdbc:h2:./data/serial-registry", environment)).isNull();
    }

    MockHttpServletResponse verify(String serial) throws Exception {
        return mvc.perform(get("/01/" + PHONE + "/21/" + serial).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
    }

    MockHttpServletResponse health() throws Exception {
        return mvc.perform(get("/actuator/health").header("Authorization", ADMIN)).andReturn().getResponse();
    }

    tools.jackson.databind.JsonNode component(String name) throws Exception {
        var components = json.readTree(health().getContentAsString()).get("components");
        assertThat(components).as("an operator's health view").isNotNull();
        return components.get(name);
    }

    long scansOf(String serial) {
        try {
            return jdbc.queryForObject("select count(*) from scan_record where serial = ?", Long.class, serial);
        } catch (org.springframework.dao.DataAccessException notYet) {
            return -1;
        }
    }

    List<String> phones(int n) throws Exception {
        return DemoApi.issuePhones(mvc, n, "DISK1");
    }
}
