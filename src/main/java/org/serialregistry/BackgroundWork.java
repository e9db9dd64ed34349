package org.serialregistry;

import com.vaadin.flow.spring.annotation.VaadinTaskExecutor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.AsyncAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/**
 * The one place background work runs: {@code @Async} methods, Spring Modulith's asynchronous module
 * listeners, and every job a screen or service starts off the request thread (reports, uploads,
 * shipment checks) take the {@link AsyncTaskExecutor} bean. It is a bounded pool made and shut down
 * by Spring, and it carries the submitting user's security context into the task (the pattern
 * Vaadin documents for background threads), so the services' {@code @PreAuthorize} checks see the
 * same person in the background as on the request thread.
 *
 * <p>Work that must keep its own order or capacity has its own Spring-made executor beside this
 * one: serial batches ({@code serialBatchExecutor}), the counterfeit detector and the webhook
 * scheduler. They are not the default, so a long batch never starves the event listeners.
 * (Before this bean, no executor was the default, so Spring's {@code @Async} fell back to a new
 * unbounded thread per task, and screens used the common fork-join pool or threads of their own.)
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWork {

    @Bean
    ThreadPoolTaskExecutor backgroundPool(@Value("${serial-registry.background.threads:4}") int threads,
                                          @Value("${serial-registry.background.queue:10000}") int queue) {
        var pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setQueueCapacity(queue);
        pool.setThreadNamePrefix("work-");
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(10);
        return pool;
    }

    /**
     * Vaadin installs its session-aware {@link SecurityContextHolderStrategy} only after the singletons
     * exist, so the strategy is wired in explicitly (as Vaadin's documentation shows); the same bean
     * is Vaadin's own executor.
     */
    @Bean(name = {AsyncAnnotationBeanPostProcessor.DEFAULT_TASK_EXECUTOR_BEAN_NAME, "applicationTaskExecutor"})
    @Primary
    @VaadinTaskExecutor
    AsyncTaskExecutor taskExecutor(@Qualifier("backgroundPool") ThreadPoolTaskExecutor backgroundPool,
                                   SecurityContextHolderStrategy strategy) {
        var executor = new DelegatingSecurityContextAsyncTaskExecutor(backgroundPool);
        executor.setSecurityContextHolderStrategy(strategy);
        return executor;
    }

    /**
     * Runs the {@code @Scheduled} housekeeping (chain sealing, checkpoints, product refresh). Named
     * so that Spring picks it and not a module's own scheduler.
     */
    @Bean(ScheduledAnnotationBeanPostProcessor.DEFAULT_TASK_SCHEDULER_BEAN_NAME)
    ThreadPoolTaskScheduler taskScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("scheduled-");
        scheduler.setErrorHandler(new ScheduledTaskErrors());
        return scheduler;
    }
}
