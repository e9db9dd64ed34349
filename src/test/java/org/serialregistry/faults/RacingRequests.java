package org.serialregistry.faults;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two requests that race for one thing, sent through the REST API from real threads that a latch
 * releases together; each test runs the race several times, because one run may happen to serialise.
 */
abstract class RacingRequests {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String WARRANTY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";
    static final int ROUNDS = 5;

    final JsonMapper json = JsonMapper.builder().build();
    MockMvc mvc;
    ExecutorService threads;

    abstract WebApplicationContext context();

    @BeforeEach
    void startThreads() {
        mvc = MockMvcBuilders.webAppContextSetup(context()).apply(springSecurity()).build();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // ---------------------------------------------------------------- the races

    @Test
    void twoAdjudicatorsDecideOneClaimAtOnceAndExactlyOneDecisionIsSigned() throws Exception {
        users().createIfAbsent("warranty2", "Second Adjudicator", "warranty2-password", Set.of(Role.WARRANTY));
        for (int round = 0; round < ROUNDS; round++) {
            String number = claimInReview();
            var answers = race(decision(number, "APPROVED", "warranty", "warranty"),
                    decision(number, "DENIED", "warranty2", "warranty2-password"));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactlyInAnyOrder(200, 409);
            var loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(loser.json(json).get("detail").asString()).as(loser.body()).contains("was changed meanwhile");
            long claimId = org.serialregistry.warranty.ClaimId.of(number).value();
            assertThat(jdbc().queryForObject("select count(*) from warranty_signature where claim_id = ?", Long.class,
                    claimId)).as("signatures of " + number).isEqualTo(1);
            assertThat(jdbc().queryForObject("select count(*) from audit_entry where action = 'claim.decided' "
                    + "and subject_id = ?", Long.class, number)).as("audit entries of " + number).isEqualTo(1);
            var winner = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow().json(json);
            assertThat(jdbc().queryForObject("select state from warranty_claim where id = ?", String.class, claimId))
                    .isEqualTo(winner.get("claim").get("state").asString());
        }
    }

    @Test
    void twoDistributorsReceiveOneShipmentAtOnceAndItIsReceivedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            var serials = phones(4);
            long shipment = ship(serials);
            var answers = race(receipt(shipment, serials), receipt(shipment, serials.subList(0, 3)));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactlyInAnyOrder(200, 409);
            var loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(loser.json(json).get("detail").asString()).as(loser.body()).contains("received");
            assertThat(jdbc().queryForObject("select count(*) from receipt_line where shipment_id = ?",
                    Long.class, shipment)).as("receipt lines: one receipt's").isEqualTo(4);
            assertThat(jdbc().queryForObject("select count(*) from audit_entry where action = 'custody.received' "
                    + "and subject_id = (select shipment_number from shipment where id = ?)", Long.class, shipment))
                    .isEqualTo(1);
            assertThat(jdbc().queryForObject("select count(*) from custody_movement where serial = ? "
                    + "and biz_step = 'RECEIVING'", Long.class, serials.getFirst())).as("receiving events").isEqualTo(1);
        }
    }

    @Test
    void twoIdenticalBatchRequestsWithOneIdempotencyKeyMakeOneBatch() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-" + round + "-" + System.nanoTime();
            String body = batch("K" + (System.nanoTime() % 1_000_000), 20);
            var answers = race(issue(key, body), issue(key, body));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactlyInAnyOrder(201, 200);
            var replay = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
            assertThat(replay.replayed()).isEqualTo("true");
            assertThat(answers.stream().map(a -> a.json(json).get("id").asString()).distinct()).hasSize(1);
            assertThat(jdbc().queryForObject("select count(*) from serial_batch where idempotency_key = ?", Long.class,
                    key)).isEqualTo(1);
            String id = answers.getFirst().json(json).get("id").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(jdbc().queryForObject(
                    "select status from serial_batch where idempotency_key = ?", String.class, key)));
            assertThat(jdbc().queryForObject("select count(*) from unit where batch_id = ?", Long.class,
                    java.util.UUID.fromString(id))).isEqualTo(20);
        }
    }

    /** The same key with a different body, at the same moment: one batch, and the other request is told why. */
    @Test
    void twoDifferentBatchRequestsWithOneIdempotencyKeyMakeOneBatchAndTheOtherA409() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-diff-" + round + "-" + System.nanoTime();
            var answers = race(issue(key, batch("D" + round, 10)), issue(key, batch("E" + round, 10)));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactlyInAnyOrder(201, 409);
            var loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(loser.json(json).get("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(jdbc().queryForObject("select count(*) from serial_batch where idempotency_key = ?", Long.class,
                    key)).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    abstract JdbcTemplate jdbc();

    abstract UserAdministration users();

    String claimInReview() throws Exception {
        String serial = phones(1).getFirst();
        String body = """
                {"gtin":"%s","serial":"%s","defectCode":"DISPLAY","failureDate":"%s",
                 "claimantName":"Racing Claimant","claimantEmail":"race@example.com","description":"Screen flickers"}"""
                .formatted(PHONE, serial, LocalDate.now().minusDays(1));
        var answer = json.readTree(mvc.perform(post("/api/v1/warranty-claims").header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString());
        assertThat(answer.get("state").asString()).as(answer.toString()).isEqualTo("NEEDS_REVIEW");
        return answer.get("claimNumber").asString();
    }

    MockHttpServletRequestBuilder decision(String number, String decision, String user, String password) {
        return post("/api/v1/warranty-claims/" + number + "/decision").header("Authorization", WARRANTY)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"decision":"%s","meaning":"APPROVAL","note":"Decided in a race by %s",
                         "signature":{"username":"%s","password":"%s"}}""".formatted(decision, user, user, password));
    }

    long ship(List<String> serials) throws Exception {
        String created = mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"RACE-" + System.nanoTime() + "\",\"from\":\"MFG-DE\","
                                + "\"to\":\"DIST-DE\",\"serials\":[" + quoted(serials) + "]}"))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(created).get("id").asLong();
    }

    MockHttpServletRequestBuilder receipt(long shipment, List<String> serials) {
        return post("/api/v1/shipments/" + shipment + "/receipt").header("Authorization", DISTRIBUTOR)
                .contentType(MediaType.APPLICATION_JSON).content("{\"serials\":[" + quoted(serials) + "]}");
    }

    MockHttpServletRequestBuilder issue(String key, String body) {
        return post("/api/v1/serial-batches").header("Authorization", PRODUCTION).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** What one of the racing requests got back. */
    record Answer(int status, String body, String replayed) {
        JsonNode json(JsonMapper mapper) {
            return mapper.readTree(body);
        }
    }

    /** Sends both requests at the same instant (as far as two threads can) and waits for both answers. */
    List<Answer> race(MockHttpServletRequestBuilder first, MockHttpServletRequestBuilder second) throws Exception {
        var ready = new CountDownLatch(2);
        var go = new CountDownLatch(1);
        var futures = new ArrayList<Future<Answer>>();
        for (var request : List.of(first, second)) {
            Callable<Answer> send = () -> {
                ready.countDown();
                go.await();
                MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
                return new Answer(r.getStatus(), r.getContentAsString(), r.getHeader("Idempotent-Replayed"));
            };
            futures.add(threads.submit(send));
        }
        ready.await(30, TimeUnit.SECONDS);
        go.countDown();
        var answers = new ArrayList<Answer>();
        for (var f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    static Set<Integer> statuses(List<Answer> answers) {
        return answers.stream().map(Answer::status).collect(Collectors.toSet());
    }

    /** Issues phones through the API (PRODUCTION key), completed before the answer. */
    List<String> phones(int n) throws Exception {
        String body = mvc.perform(post("/api/v1/serial-batches").header("Authorization", PRODUCTION)
                        .header("Idempotency-Key", "race-units-" + System.nanoTime())
                        .contentType(MediaType.APPLICATION_JSON).content(batch("R" + (System.nanoTime() % 1_000_000), n)))
                .andReturn().getResponse().getContentAsString();
        var serials = new ArrayList<String>();
        json.readTree(body).get("serials").forEach(s -> serials.add(s.get("serial").asString()));
        if (serials.size() != n) {
            throw new IllegalStateException("could not issue test phones: " + body);
        }
        return serials;
    }

    static String batch(String lot, int quantity) {
        return """
                {"gtin":"%s","lot":"%s","facility":"DE-MUC","line":"L1","quantity":%d,"productionDate":"%s",
                 "intendedMarket":"DE"}""".formatted(PHONE, lot, quantity, LocalDate.now().minusDays(5));
    }

    static String quoted(List<String> serials) {
        return serials.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }
}
