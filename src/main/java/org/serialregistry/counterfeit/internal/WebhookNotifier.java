package org.serialregistry.counterfeit.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts new high-severity cases to the configured webhook: a JSON body signed with
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body>}, retried with exponential back-off
 * on its own thread (never the detector's), until a 2xx answer or the last attempt.
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final CounterfeitProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "counterfeit-webhook");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    WebhookNotifier(CounterfeitProperties properties) {
        this.properties = properties;
    }

    public boolean configured() {
        return properties.webhookUrl() != null && !properties.webhookUrl().isBlank();
    }

    /** Queues the delivery of a case that just became high severity; returns at once. */
    public void caseRaised(AlertCaseSummary c) {
        if (!configured()) {
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("event", "alert-case.high-severity");
        body.put("caseId", c.id());
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
        byte[] payload = json.writeValueAsBytes(body);
        executor.execute(() -> attempt(c.id(), payload, 1));
    }

    private void attempt(long caseId, byte[] payload, int attempt) {
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
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
            log.info("Webhook: case {} delivered on attempt {}", caseId, attempt);
            return;
        }
        if (attempt >= properties.webhookMaxAttempts()) {
            failed.incrementAndGet();
            log.error("Webhook: case {} not delivered after {} attempts (last: {})", caseId, attempt,
                    error != null ? error : "HTTP " + status);
            return;
        }
        long delay = properties.webhookInitialBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
        log.warn("Webhook: case {} attempt {} failed ({}); retrying in {} ms", caseId, attempt,
                error != null ? error : "HTTP " + status, delay);
        executor.schedule(() -> attempt(caseId, payload, attempt + 1), delay, TimeUnit.MILLISECONDS);
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

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
