package org.serialregistry.forensics.internal;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.forensics.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * A 280 KB PNG that decodes to 288 MB (6000 × 6000, 16-bit RGBA) used to take the JVM down when
 * four arrived at once. Its decoded size is now read from the header and refused, and decoding runs
 * under a bulkhead that answers 503 with Retry-After when full.
 */
@IntegrationTest
class ImageMemoryBoundTest {

    static final String DISTRIBUTOR_KEY = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecodeBulkhead bulkhead;

    MvcResult upload(byte[] codePhoto) throws Exception {
        return mvc.perform(multipart("/api/v1/forensic-submissions")
                .file(new MockMultipartFile("codePhoto", "code.png", "image/png", codePhoto))
                .param("foundWhere", "Hamburg depot").param("receivedFrom", "Carrier X")
                .header("Authorization", DISTRIBUTOR_KEY)).andReturn();
    }

    @Test
    void fourParallelUploadsOfA288MegabyteDecodePngAreEachRefusedNamingTheLimit() throws Exception {
        byte[] png = TestImages.png16Rgba(6000, 6000);
        assertThat(png.length).isBetween(200 * 1024, 400 * 1024);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var answers = new ArrayList<Future<MvcResult>>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return upload(png);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                var response = answer.get().getResponse();
                assertThat(response.getStatus()).isEqualTo(400);
                assertThat(response.getContentAsString()).contains("codePhoto: code.png would take 274 MB")
                        .contains("8 bytes each").contains("at most 128 MB per image");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenEveryDecodingSlotIsTakenAnUploadIsToldToComeBackLater() throws Exception {
        int slots = bulkhead.slots().availablePermits();
        bulkhead.slots().acquire(slots);
        try {
            var response = upload(TestImages.qr("https://id.example.com/01/09506000134352/21/ANYSERIAL")).getResponse();
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentAsString()).contains("at most 2 at once");
        } finally {
            bulkhead.slots().release(slots);
        }
    }
}
