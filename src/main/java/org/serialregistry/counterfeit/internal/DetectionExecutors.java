package org.serialregistry.counterfeit.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The counterfeit module's own threads, made and shut down by Spring. Detection keeps one thread
 * because its memory of recent scans is judged in arrival order; its queue is bounded (a batch that
 * does not fit is counted as dropped, see {@link ScanSignalDetector#droppedScans()}). Webhook
 * deliveries are retried on one scheduler thread. Everything else runs on the application's
 * {@code taskExecutor}.
 */
@Configuration(proxyBeanMethods = false)
class DetectionExecutors {

    static final String DETECTOR = "counterfeitDetectorExecutor";
    static final String WEBHOOKS = "counterfeitWebhookScheduler";

    @Bean(DETECTOR)
    @Qualifier(DETECTOR)
    ThreadPoolTaskExecutor counterfeitDetectorExecutor() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(10_000);
        executor.setThreadNamePrefix("counterfeit-detector-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }

    @Bean(WEBHOOKS)
    @Qualifier(WEBHOOKS)
    ThreadPoolTaskScheduler counterfeitWebhookScheduler() {
        return webhookScheduler();
    }

    /** Also used by tests that build a {@link WebhookNotifier} by hand. */
    static ThreadPoolTaskScheduler webhookScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("counterfeit-webhook-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
