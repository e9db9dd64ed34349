package org.serialregistry.warranty;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When claims by one claimant count as hopping between serials
 * ({@code serial-registry.warranty.serial-hopping.*}).
 *
 * @param serials this many different units claimed by one e-mail address ...
 * @param window  ... within this time
 */
@ConfigurationProperties("serial-registry.warranty.serial-hopping")
public record SerialHoppingProperties(@DefaultValue("3") int serials, @DefaultValue("30d") Duration window) {

    public SerialHoppingProperties {
        if (serials < 2) {
            throw new IllegalArgumentException("serial-registry.warranty.serial-hopping.serials must be at least 2");
        }
    }
}
