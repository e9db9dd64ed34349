package org.serialregistry.counterfeit.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.serialregistry.counterfeit.AlertCaseSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts new high-severity cases to the configured webhook: a JSON body signed with
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body>}, retried with exponential back-off
 * on its own thread (never the detector's), until a 2xx answer or the last attempt. Deliveries
 * are kept in the database ({@code webhook_delivery}) until delivered or given up, so a restart
 * resumes the pending ones; each attempt first leases its row, so with several instances one sends.
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final CounterfeitProperties properties;
    private final WebhookDeliveryStore deliveries;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TaskScheduler executor;
    private final Clock clock;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    WebhookNotifier(CounterfeitProperties properties, WebhookDeliveryStore deliveries,
                    @Qualifier(DetectionExecutors.WEBHOOKS) TaskScheduler executor, Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.executor = executor;
        this.clock = clock;
        if (configured()) {
            // picks up deliveries left pending by a restart, and any whose retry time has come
            executor.scheduleWithFixedDelay(this::deliverDue, clock.instant().plusSeconds(1), Duration.ofSeconds(5));
        }
    }

    public boolean configured() {
        return properties.webhookUrl() != null && !properties.webhookUrl().isBlank();
    }

    /** Stores the delivery of a case that just became high severity and sends it soon; returns at once. */
    public void caseRaised(AlertCaseSummary c) {
        if (!configured()) {
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("event", "alert-case.high-severity");
        body.put("caseId", c.id().value());
        body.put("severity", c.severity().name());
        body.put("state", c.state().name());
        body.put("type", c.firstType().name());
        body.put("types", c.types().stream().map(Enum::name).sorted().toList());
        body.put("serial", c.serial());
        body.put("gtin", c.gtin());
        body.put("lot", c.lot());
        body.put("clientKey", c.clientKey());
        body.put("country", c.country());
        body.put("signalCount", c.signalCount());
        body.put("firstSeenAt", c.firstSeenAt().toString());
        body.put("openedAt", c.openedAt().toString());
        String payload = json.writeValueAsString(body);
        var now = now();
        deliveries.insert(c.id().value(), payload, now);
        executor.schedule(this::deliverDue, clock.instant());
    }

    /** Sends every pending delivery whose time has come (each leased first). */
    void deliverDue() {
        try {
            var due = deliveries.due(now());
            for (long id : due) {
                attempt(id);
            }
        } catch (RuntimeException e) {
            log.error("Webhook: could not read pending deliveries: {}", e.toString());
        }
    }

    private void attempt(long id) {
        var pending = deliveries.pending(id);
        if (pending.isEmpty()) {
            return;
        }
        var p = pending.get();
        var now = now();
        if (!deliveries.lease(id, p.nextAttemptAt(), now.plus(LEASE))) {
            return;
        }
        int attempt = p.attempts() + 1;
        byte[] payload = p.payload().getBytes(StandardCharsets.UTF_8);
        int status = -1;
        String error = null;
        try {
            var request = HttpRequest.newBuilder(URI.create(properties.webhookUrl()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Signature", "sha256=" + sign(payload))
                    .header("X-Delivery-Attempt", String.valueOf(attempt))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the attempt is made again
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (status >= 200 && status < 300) {
            deliveries.delivered(id, attempt, now());
            delivered.incrementAndGet();
            log.info("Webhook: case {} delivered on attempt {}", p.caseId(), attempt);
            return;
        }
        String why = error != null ? error : "HTTP " + status;
        if (why.length() > 500) {
            why = why.substring(0, 500);
        }
        if (attempt >= properties.webhookMaxAttempts()) {
            deliveries.failed(id, attempt, why);
            failed.incrementAndGet();
            log.error("Webhook: case {} not delivered after {} attempts (last: {})", p.caseId(), attempt, why);
            return;
        }
        long delay = properties.webhookInitialBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
        deliveries.retryAt(id, attempt, why, now().plusMillis(delay));
        log.warn("Webhook: case {} attempt {} failed ({}); retrying in {} ms", p.caseId(), attempt, why, delay);
        executor.schedule(this::deliverDue, clock.instant().plusMillis(delay));
    }

    /** Hex HMAC-SHA256 of the body with the configured secret (empty secret when none). */
    public String sign(byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            String secret = properties.webhookSecret() == null ? "" : properties.webhookSecret();
            mac.init(new SecretKeySpec(secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
