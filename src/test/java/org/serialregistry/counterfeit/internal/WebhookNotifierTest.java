package org.serialregistry.counterfeit.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.counterfeit.AlertCaseId;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.Severity;
import org.serialregistry.counterfeit.SignalType;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security tooling receives new high-severity cases on its webhook: a JSON body whose HMAC it can
 * verify with the shared secret, delivered again after a failure. A real HTTP server listens.
 */
class WebhookNotifierTest {

    static final String SECRET = "webhook-test-secret";

    record Delivery(byte[] body, String signature, String attempt, Instant at) {
    }

    HttpServer server;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToServe = new AtomicInteger();
    final CountDownLatch delivered = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/counterfeit", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Delivery-Attempt"), Instant.now()));
            int status = failuresToServe.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status == 204) {
                delivered.countDown();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        schedulers.values().forEach(org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler::shutdown);
        server.stop(0);
    }

    /** The deliveries table, as the migration makes it, in a database of this test's own. */
    final org.springframework.jdbc.core.JdbcTemplate jdbc = database();

    static org.springframework.jdbc.core.JdbcTemplate database() {
        var ds = new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:webhook-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(ds);
        try (var in = WebhookNotifierTest.class.getResourceAsStream("/db/migration/common/V0056__webhook_outbox.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return jdbc;
    }

    WebhookNotifier notifier(String secret) {
        return notifier(secret, Duration.ofMillis(200));
    }

    /** Each notifier gets its own scheduler, as each process would; stopping it is the process stopping. */
    final java.util.Map<WebhookNotifier, org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler> schedulers =
            new java.util.IdentityHashMap<>();

    WebhookNotifier notifier(String secret, Duration backoff) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/counterfeit";
        var scheduler = DetectionExecutors.webhookScheduler();
        scheduler.initialize();
        var notifier = new WebhookNotifier(new CounterfeitProperties(url, secret, 4, backoff, 1000, 1000, 250,
                Duration.ofDays(7), 0), new WebhookDeliveryStore(jdbc), scheduler, java.time.Clock.systemUTC());
        schedulers.put(notifier, scheduler);
        return notifier;
    }

    void stop(WebhookNotifier notifier) {
        schedulers.remove(notifier).shutdown();
    }

    static AlertCaseSummary highCase() {
        var now = Instant.parse("2026-11-25T10:15:30Z");
        return new AlertCaseSummary(new AlertCaseId(42), "SERIAL", "0123456789ABCDEFGHJK", CaseState.OPEN, Severity.HIGH,
                SignalType.GEO_ANOMALY, EnumSet.of(SignalType.GEO_ANOMALY), "0123456789ABCDEFGHJK", "09506000134352",
                "A2611", "client-1", "CN", null, 1, now, now, now, 1);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aNewHighSeverityCaseIsPostedAsSignedJsonAndRetriedAfterAServerError() throws Exception {
        failuresToServe.set(1);
        var webhook = notifier(SECRET);
        try {
            webhook.caseRaised(highCase());
            assertThat(delivered.await(10, TimeUnit.SECONDS)).as("delivered after a retry").isTrue();
            // The receiver has the request; the notifier counts it once it has read the 2xx answer
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> webhook.deliveredCount() >= 1);
        } finally {
            stop(webhook);
        }
        assertThat(deliveries).hasSize(2);
        var first = deliveries.get(0);
        var second = deliveries.get(1);
        assertThat(first.attempt()).isEqualTo("1");
        assertThat(second.attempt()).isEqualTo("2");
        assertThat(Duration.between(first.at(), second.at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(second.body()).isEqualTo(first.body());
        // the receiver recomputes the HMAC of the exact body with the shared secret
        assertThat(second.signature()).isEqualTo(hmac(SECRET, second.body()));
        assertThat(second.signature()).isNotEqualTo(hmac("another-secret", second.body()));
        String json = new String(second.body(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"caseId\":42", "\"severity\":\"HIGH\"", "\"serial\":\"0123456789ABCDEFGHJK\"",
                "\"type\":\"GEO_ANOMALY\"");
        assertThat(webhook.deliveredCount()).isEqualTo(1);
    }

    @Test
    void deliveryBacksOffExponentiallyAndGivesUpAfterTheLastAttempt() throws Exception {
        failuresToServe.set(100);
        var webhook = notifier(SECRET);
        try {
            webhook.caseRaised(highCase());
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> webhook.failedCount() > 0);
        } finally {
            stop(webhook);
        }
        assertThat(webhook.failedCount()).isEqualTo(1);
        assertThat(deliveries).hasSize(4);
        var gap1 = Duration.between(deliveries.get(0).at(), deliveries.get(1).at());
        var gap3 = Duration.between(deliveries.get(2).at(), deliveries.get(3).at());
        assertThat(gap1).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(gap3).isGreaterThanOrEqualTo(Duration.ofMillis(700)); // 200, 400, 800 ms
    }

    @Test
    void aDeliveryStillPendingWhenTheServiceStopsIsSentAfterTheRestart() throws Exception {
        failuresToServe.set(100);
        var before = notifier(SECRET, Duration.ofSeconds(2));
        before.caseRaised(highCase());
        // the first attempt failed and its retry is 2 s away ...
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject("select attempts from webhook_delivery", Integer.class) >= 1);
        stop(before); // ... when the service goes down
        assertThat(jdbc.queryForObject("select state from webhook_delivery", String.class)).isEqualTo("PENDING");
        int attemptsBefore = deliveries.size();

        failuresToServe.set(0);
        var after = notifier(SECRET, Duration.ofSeconds(2)); // a new process on the same database
        try {
            assertThat(delivered.await(20, TimeUnit.SECONDS)).as("delivered after the restart").isTrue();
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "DELIVERED".equals(jdbc.queryForObject("select state from webhook_delivery", String.class)));
        } finally {
            stop(after);
        }
        assertThat(jdbc.queryForObject("select state from webhook_delivery", String.class)).isEqualTo("DELIVERED");
        var last = deliveries.getLast();
        assertThat(Integer.parseInt(last.attempt())).as("the attempt count carries over").isGreaterThan(attemptsBefore);
        assertThat(last.signature()).isEqualTo(hmac(SECRET, last.body()));
        assertThat(new String(last.body(), StandardCharsets.UTF_8)).contains("\"caseId\":42");
    }
}
