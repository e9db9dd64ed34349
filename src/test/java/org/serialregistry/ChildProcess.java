package org.serialregistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A program the tests start as a separate process (the packaged jar, Keycloak). Its output is kept
 * in memory for {@link #awaitLine} and written to {@code logFile}, which stays for reading after a
 * failure. Closing it ends the process and everything it started.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildProcess(String name, Process process, Path logFile) throws IOException {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        var log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 log) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                    log.println(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
    }

    /** Starts {@code command} in {@code workDir} with {@code env} added to this JVM's environment. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env)
            throws IOException {
        Files.createDirectories(Path.of("target", "it-logs"));
        var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), Path.of("target", "it-logs", name + ".log").toAbsolutePath());
    }

    /** Waits for the first output line matching {@code pattern} and returns its match. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        var found = new Matcher[1];
        await(name + " to print " + pattern + " (output in " + logFile + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast(name + " exited early (output in " + logFile + ")",
                        () -> !process.isAlive() && find(pattern) == null)
                .until(() -> (found[0] = find(pattern)) != null);
        return found[0];
    }

    /** Every output line so far. */
    public List<String> output() {
        return List.copyOf(lines);
    }

    public Path logFile() {
        return logFile;
    }

    private Matcher find(Pattern pattern) {
        for (String line : lines) {
            var m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
