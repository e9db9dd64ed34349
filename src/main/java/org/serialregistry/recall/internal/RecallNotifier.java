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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.serialregistry.recall.internal.NoticeStore.Channel;
import org.serialregistry.recall.internal.NoticeStore.Notice;
import org.serialregistry.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends recall notices from the outbox off the job's and the requests' threads: e-mails
 * to registered owners through Spring Mail, and webhooks to partners, signed with
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body with the subscription's secret>}. A failed
 * attempt is retried with exponential back-off until {@code max-attempts}; a restart resumes the
 * pending ones; each attempt leases its row first, so with several instances one sends.
 *
 * <p>A delivery round is a task on the application's shared {@code taskExecutor}; at most one round
 * runs at a time in this instance, and a {@link #wake()} during a round makes it look once more
 * afterwards instead of starting a second. Spring's {@code taskScheduler} wakes it every
 * {@code notice-interval}. On shutdown the round ends after the notice under way (waited for up to
 * {@link #STOP_WAIT}); its lease runs out and another instance, or the next start, sends it.
 */
@Component
public class RecallNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecallNotifier.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final NoticeStore notices;
    private final CampaignStore campaigns;
    private final ObjectProvider<JavaMailSender> mail;
    private final RecallProperties properties;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AsyncTaskExecutor background;
    private final TaskScheduler scheduler;
    private static final String ROUND = "delivery round";

    /** The {@link #ROUND} is queued or running. */
    private final WorkUnderWay delivering = new WorkUnderWay();
    /** Someone woke the notifier since the running round last looked. */
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private volatile boolean running;
    private volatile @Nullable ScheduledFuture<?> wakeUps;

    RecallNotifier(NoticeStore notices, CampaignStore campaigns, ObjectProvider<JavaMailSender> mail,
                   RecallProperties properties, Clock clock, AsyncTaskExecutor background,
                   @Qualifier("taskScheduler") TaskScheduler scheduler) {
        this.notices = notices;
        this.campaigns = campaigns;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.background = background;
        this.scheduler = scheduler;
    }

    /** Looks for due notices soon (after a commit that wrote some); returns at once. */
    public void wake() {
        lookAgain.set(true);
        if (!running || !delivering.begin(ROUND)) {
            return; // the round under way looks again before it ends
        }
        try {
            background.execute(this::deliverWhileWoken);
        } catch (TaskRejectedException e) {
            delivering.end(ROUND);
            log.warn("Recall notices: could not queue a delivery round (the next wake-up tries again): {}", e.toString());
        }
    }

    private void deliverWhileWoken() {
        try {
            while (running && lookAgain.getAndSet(false)) {
                deliverDue();
            }
        } finally {
            delivering.end(ROUND);
        }
        if (running && lookAgain.get()) {
            wake(); // woken between the last look and the round's end
        }
    }

    void deliverDue() {
        try {
            for (long id : notices.due(now(), 200)) {
                if (!running) {
                    return;
                }
                notices.pending(id).ifPresent(this::attempt);
            }
        } catch (RuntimeException e) {
            if (Databases.unreachable(e)) {
                log.warn("Recall notices: the database is unreachable; pending notices wait for the next turn: {}",
                        e.toString());
            } else {
                log.error("Recall notices: could not read pending notices: {}", e.toString(), e);
            }
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

    @Override
    public void start() {
        running = true;
        long every = Math.max(100, properties.noticeInterval().toMillis());
        wakeUps = scheduler.scheduleWithFixedDelay(this::wake, clock.instant().plusMillis(every), Duration.ofMillis(every));
    }

    /** No new round starts; waits (up to {@link #STOP_WAIT}) for the notice under way. */
    @Override
    public void stop() {
        running = false;
        var w = wakeUps;
        if (w != null) {
            w.cancel(false);
        }
        if (!delivering.awaitNone(STOP_WAIT)) {
            log.warn("Recall notices: stopped with a delivery still under way (its lease runs out)");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
