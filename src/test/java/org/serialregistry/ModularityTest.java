package org.serialregistry;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features talk through each other's APIs and events only; this fails on any reach into an internal package. */
class ModularityTest {

    @Test
    void moduleBoundariesHold() {
        ApplicationModules.of(Application.class).verify();
    }
}
