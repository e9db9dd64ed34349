package org.serialregistry.recall.internal;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import org.serialregistry.recall.internal.NoticeStore.Channel;
import org.serialregistry.recall.internal.NoticeStore.Notice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends recall notices from the outbox on its own thread (never the job's or a request's): e-mails
 * to registered owners through Spring Mail, and webhooks to partners, signed with
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body with the subscription's secret>}. A failed
 * attempt is retried with exponential back-off until {@code max-attempts}; a restart resumes the
 * pending ones; each attempt leases its row first, so with several instances one sends.
 */
@Component
public class RecallNotifier {

    private static final Logger log = LoggerFactory.getLogger(RecallNotifier.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final NoticeStore notices;
    private final CampaignStore campaigns;
    private final ObjectProvider<JavaMailSender> mail;
    private final RecallProperties properties;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "recall-notifier");
        t.setDaemon(true);
        return t;
    });

    RecallNotifier(NoticeStore notices, CampaignStore campaigns, ObjectProvider<JavaMailSender> mail,
                   RecallProperties properties, Clock clock) {
        this.notices = notices;
        this.campaigns = campaigns;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        long every = Math.max(100, properties.noticeInterval().toMillis());
        executor.scheduleWithFixedDelay(this::deliverDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** Looks for due notices soon (after a commit that wrote some). */
    public void wake() {
        executor.execute(this::deliverDue);
    }

    void deliverDue() {
        try {
            for (long id : notices.due(now(), 200)) {
                notices.pending(id).ifPresent(this::attempt);
            }
        } catch (RuntimeException e) {
            log.error("Recall notices: could not read pending notices: {}", e.toString());
        }
    }

    private void attempt(Notice n) {
        if (!notices.lease(n, now().plus(LEASE))) {
            return;
        }
        int attempt = n.attempts() + 1;
        String error;
        try {
            error = Channel.valueOf(n.channel()) == Channel.EMAIL ? sendMail(n) : post(n, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the attempt is made again
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (error == null) {
            notices.sent(n.id(), attempt, now());
            return;
        }
        if (attempt >= properties.maxAttempts()) {
            notices.failed(n.id(), attempt, error, null);
            log.error("Recall notice {} ({} to {}) given up after {} attempts: {}", n.id(), n.channel(), n.recipient(),
                    attempt, error);
            return;
        }
        long delay = properties.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
        notices.failed(n.id(), attempt, error, now().plusMillis(delay));
        log.warn("Recall notice {} attempt {} failed ({}); retrying in {} ms", n.id(), attempt, error, delay);
    }

    /** @return null when sent, else why not */
    private String sendMail(Notice n) {
        var sender = mail.getIfAvailable();
        if (sender == null) {
            return "no mail server configured (spring.mail.host)";
        }
        int split = n.payload().indexOf("\n\n");
        var message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(n.recipient());
        message.setSubject(n.payload().substring(0, split));
        message.setText(n.payload().substring(split + 2));
        sender.send(message);
        return null;
    }

    private String post(Notice n, int attempt) throws Exception {
        long subscription = Long.parseLong(n.recipient().substring("webhook:".length()));
        var hook = campaigns.webhook(subscription).orElse(null);
        if (hook == null || !hook.active()) {
            return "subscription " + subscription + " no longer active";
        }
        byte[] body = n.payload().getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Signature", "sha256=" + sign(hook.secret(), body))
                .header("X-Delivery-Attempt", String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 300 ? null : "HTTP " + status;
    }

    /** Hex HMAC-SHA256 of the body with the secret. */
    public static String sign(String secret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
