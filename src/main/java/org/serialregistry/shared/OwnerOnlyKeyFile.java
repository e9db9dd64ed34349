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
                throw new IllegalStateException("key file " + absolute + " has permissions "
                        + PosixFilePermissions.toString(permissions)
                        + " but must be accessible by its owner only; run: chmod 600 " + absolute);
            }
            var properties = new Properties();
            properties.load(new StringReader(Files.readString(absolute, StandardCharsets.US_ASCII)));
            return properties;
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("key file " + absolute
                    + " must be on a file system with POSIX permissions, to keep it owner-only", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create key file " + absolute + ": " + e, e);
        }
    }
}
