package org.serialregistry.lifecycle.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * End-of-life settings ({@code serial-registry.lifecycle.*}).
 *
 * @param undoWindow how long the party that decommissioned a unit may undo it (EU FMD: 10 days); after
 *                   it the decommissioning is final
 */
@ConfigurationProperties("serial-registry.lifecycle")
public record LifecycleProperties(@DefaultValue("10d") Duration undoWindow) {
}
