package org.serialregistry.forensics;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.ScanFixtures;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Security tooling reads alert cases, and partners submit suspect units, through the REST API with
 * API keys. MockMvc is built on the shared test context (not {@code @AutoConfigureMockMvc}, which
 * would start a second context and, with it, a second global security-context strategy).
 */
@IntegrationTest
class CounterfeitApiTest {

    static final String FORENSICS_KEY = "Bearer sr_demofors_ForensicsDemoKeyNotForProduction";
    static final String CHANNEL_KEY = "Bearer sr_demochan_ChannelDemoKeyNotForProduction";
    static final String DISTRIBUTOR_KEY = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";
    static final String PRODUCTION_KEY = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";

    @Autowired
    org.springframework.web.context.WebApplicationContext context;
    MockMvc mvc;

    @org.junit.jupiter.api.BeforeEach
    void mockMvc() {
        mvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
    }
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    JdbcTemplate jdbc;

    String demoPhone(int index) {
        return jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset ? rows fetch next 1 rows only",
                String.class, index);
    }

    @Test
    void alertCasesAreListedBySerialStateAndTypeForSecurityTooling() throws Exception {
        String serial = demoPhone(40);
        Instant now = Instant.now();
        ScanFixtures.record(events, detector,
                ScanFixtures.scan(now.minus(Duration.ofMinutes(30)), ScanFixtures.PHONE, serial, "s-api-1", "DE", 52.52, 13.405),
                ScanFixtures.scan(now.minus(Duration.ofMinutes(10)), ScanFixtures.PHONE, serial, "s-api-2", "US", 40.71, -74.0));

        mvc.perform(get("/api/v1/alert-cases").param("serial", serial).header("Authorization", FORENSICS_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1)) // its own case, or its lot's when a sibling was cloned too
                .andExpect(jsonPath("$.items[0].gtin").value(ScanFixtures.PHONE))
                .andExpect(jsonPath("$.items[0].state").value("OPEN"))
                .andExpect(jsonPath("$.items[0].types", hasItem("GEO_ANOMALY")));
        mvc.perform(get("/api/v1/alert-cases").param("serial", serial).param("state", "open")
                        .param("type", "GEO_ANOMALY").header("Authorization", CHANNEL_KEY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(get("/api/v1/alert-cases").param("serial", serial).param("state", "CLOSED")
                        .header("Authorization", FORENSICS_KEY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(0));
        mvc.perform(get("/api/v1/alert-cases").param("state", "MAYBE").header("Authorization", FORENSICS_KEY))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/v1/alert-cases").param("type", "UFO").header("Authorization", FORENSICS_KEY))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("type"));
        mvc.perform(get("/api/v1/alert-cases").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/alert-cases")).andExpect(status().isUnauthorized());
    }

    @Test
    void aDistributorSubmitsASuspectUnitWithPhotosAndBadPhotosAreRefused() throws Exception {
        String serial = demoPhone(41);
        long before = jdbc.queryForObject("select count(*) from forensic_submission", Long.class);
        mvc.perform(multipart("/api/v1/forensic-submissions")
                        .file(new MockMultipartFile("photos", "bomb.png", "image/png", TestImages.pngBomb(30_000, 30_000)))
                        .param("serial", serial).param("foundWhere", "Hamburg depot").param("receivedFrom", "Carrier X")
                        .header("Authorization", DISTRIBUTOR_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("photos"))
                .andExpect(jsonPath("$.detail", containsString("at most 40 megapixels")));
        mvc.perform(multipart("/api/v1/forensic-submissions")
                        .file(new MockMultipartFile("photos", "huge.png", "image/png", TestImages.oversized(11 * 1024 * 1024)))
                        .param("serial", serial).param("foundWhere", "Hamburg depot").param("receivedFrom", "Carrier X")
                        .header("Authorization", DISTRIBUTOR_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("at most 10 MB")));
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject("select count(*) from forensic_submission",
                Long.class)).isEqualTo(before);

        mvc.perform(multipart("/api/v1/forensic-submissions")
                        .file(new MockMultipartFile("photos", "label.jpg", "image/jpeg", TestImages.photo("jpeg", 320, 240)))
                        .file(new MockMultipartFile("codePhoto", "code.png", "image/png",
                                TestImages.qr("https://id.example.com/01/09506000134352/21/" + serial)))
                        .param("foundWhere", "Hamburg depot").param("receivedFrom", "Carrier X")
                        .param("measurements", "181 g").header("Authorization", DISTRIBUTOR_KEY))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/forensic-submissions/")))
                .andExpect(jsonPath("$.serial").value(serial))
                .andExpect(jsonPath("$.serialSource").value("DECODED_FROM_PHOTO"))
                .andExpect(jsonPath("$.photos.length()").value(2))
                .andExpect(jsonPath("$.submittedBy").exists());
        mvc.perform(multipart("/api/v1/forensic-submissions").param("serial", serial).param("foundWhere", "x")
                        .param("receivedFrom", "y").header("Authorization", CHANNEL_KEY))
                .andExpect(status().isForbidden());
    }
}
