package org.serialregistry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory H2 with demo data; one cached context for all such tests.
 * MockMvc is part of it, so that API tests share the context too: a second context would install
 * its own security-context strategy globally, and method security of the first would stop seeing
 * the signed-in test user.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
public @interface IntegrationTest {
}
