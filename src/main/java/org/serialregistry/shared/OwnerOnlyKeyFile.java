package org.serialregistry.shared;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A demo key file in properties format, created readable and writable by its owner only (the
 * permissions set atomically at creation) and refused when group or others may access it, as ssh
 * does with a private key. For demos and development; production passes keys through configuration.
 */
public final class OwnerOnlyKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyKeyFile() {
    }

    /**
     * Loads the file, creating it first with {@code freshContent} when it does not exist.
     *
     * @throws IllegalStateException if it cannot be created or read, or grants access to group or others
     */
    public static Properties loadOrCreate(Path file, Supplier<String> freshContent) {
        return loadOrCreate(file, "key file", freshContent);
    }

    /** As {@link #loadOrCreate(Path, Supplier)}; {@code kind} names the file in messages ("serial key file"). */
    public static Properties loadOrCreate(Path file, String kind, Supplier<String> freshContent) {
        Path absolute = file.toAbsolutePath();
        try {
            if (!Files.exists(absolute)) {
                if (absolute.getParent() != null) {
                    Files.createDirectories(absolute.getParent());
                }
                try (SeekableByteChannel channel = Files.newByteChannel(absolute,
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                    channel.write(ByteBuffer.wrap(freshContent.get().getBytes(StandardCharsets.US_ASCII)));
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first; its permissions are checked below
                }
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
            if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
                throw new IllegalStateException(kind + " " + absolute + " has permissions "
                        + PosixFilePermissions.toString(permissions)
                        + " but must be accessible by its owner only; run: chmod 600 " + absolute);
            }
            var properties = new Properties();
            properties.load(new StringReader(Files.readString(absolute, StandardCharsets.US_ASCII)));
            return properties;
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException(kind + " " + absolute
                    + " must be on a file system with POSIX permissions, to keep it owner-only", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + kind + " " + absolute + ": " + e, e);
        }
    }

    /** A versioned key file's secrets ({@code version.N=...} lines, by N) and its {@code active=N} version. */
    public record Versions(Map<Integer, String> secrets, int active) {
    }

    /**
     * Reads {@code version.N=<secret>} lines and {@code active=N} from a loaded key file; {@code name}
     * names the file in messages.
     *
     * @throws IllegalStateException for a line that is not version.N, or without active=N
     * @throws NumberFormatException when active is not a number
     */
    public static Versions versions(Properties properties, String name) {
        Map<Integer, String> secrets = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("version.")) {
                try {
                    secrets.put(Integer.parseInt(key.substring("version.".length())), properties.getProperty(key));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(name + ": '" + key + "' is not version.N");
                }
            }
        }
        String active = properties.getProperty("active");
        if (active == null) {
            throw new IllegalStateException(name + " lacks the line active=N");
        }
        return new Versions(secrets, Integer.parseInt(active.strip()));
    }
}
