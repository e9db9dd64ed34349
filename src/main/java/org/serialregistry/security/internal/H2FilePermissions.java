package org.serialregistry.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import javax.sql.DataSource;

import org.serialregistry.shared.Databases;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database file holds everything the registry vouches for, like the serial key file:
 * readable by its owner only. Before the first connection, its folder is created 0700 and the file
 * itself 0600 (H2 would create it with the process umask, usually 0644); an existing file is set to
 * 0600. Nothing happens for in-memory H2, for PostgreSQL, or on a file system without POSIX permissions.
 */
@Component
class H2FilePermissions implements BeanPostProcessor {

    private final Environment environment;

    H2FilePermissions(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            Path file = Databases.h2File(environment.getProperty("spring.datasource.url"));
            if (file != null) {
                protect(file);
            }
        }
        return bean;
    }

    static void protect(Path file) {
        try {
            Path folder = file.getParent();
            if (folder != null && !Files.exists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException exists) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the folder's access rules
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or protect the H2 database file " + file, e);
        }
    }
}
