package org.serialregistry.shape;

import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Background work runs on the threads Spring makes and shuts down: the shared {@code taskExecutor}
 * (which carries the user's security context), {@code taskScheduler}, or a module's own Spring-made
 * executor bean ({@code ThreadPoolTaskExecutor}/{@code ThreadPoolTaskScheduler}), never on a thread or
 * JDK pool a class makes for itself, which nobody shuts down and which loses the signed-in user.
 * Found when the recall job and notifier each had a single-thread executor of their own, the shipment
 * manifest upload a virtual thread and the return intake a platform thread.
 *
 * <p>The one exception: {@code ScanLogWriter}, whose single writer loop lives as long as the
 * application and is started and joined by its own {@code SmartLifecycle}; on the shared pool it
 * would hold a thread for good.
 */
class OneBackgroundPoolTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.serialregistry");

    static final DescribedPredicate<JavaAccess<?>> MAKES_ITS_OWN_THREADS = DescribedPredicate.describe(
            "make a thread or a JDK pool of its own (Executors.new*, new Thread, Thread.ofPlatform/ofVirtual, "
                    + "new ThreadPoolExecutor/ForkJoinPool/Timer, the common pool)", access -> {
                var owner = access.getTargetOwner();
                String name = access.getName();
                boolean constructor = "<init>".equals(name);
                return owner.isEquivalentTo(Executors.class) && name.startsWith("new")
                        || owner.isAssignableTo(Thread.class) && (constructor || name.equals("ofPlatform")
                        || name.equals("ofVirtual") || name.equals("startVirtualThread"))
                        || owner.isAssignableTo(ThreadPoolExecutor.class) && constructor
                        || owner.isAssignableTo(ForkJoinPool.class) && (constructor || name.equals("commonPool"))
                        || owner.isAssignableTo(Timer.class) && constructor
                        || owner.isEquivalentTo(CompletableFuture.class) && name.endsWith("Async")
                        && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget call
                        && call.getRawParameterTypes().size() == 1;
            });

    @Test
    void backgroundWorkRunsOnSpringsExecutorsNotOnThreadsAClassMakesItself() {
        ArchRule rule = noClasses()
                .that().doNotHaveFullyQualifiedName("org.serialregistry.verification.internal.ScanLogWriter")
                .should().accessTargetWhere(MAKES_ITS_OWN_THREADS)
                .because("background work goes to the shared taskExecutor or taskScheduler (see BackgroundWork)");
        rule.check(MAIN);
    }
}
