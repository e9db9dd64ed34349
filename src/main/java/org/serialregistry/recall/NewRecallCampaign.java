package org.serialregistry.recall;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitSelection;

/**
 * A recall as a quality engineer starts it.
 *
 * @param instructions what owners and partners are told to do (the public page and the e-mail show it)
 */
public record NewRecallCampaign(@Nullable UnitSelection scope, @Nullable String reason, @Nullable RecallSeverity severity,
                                @Nullable RecallRemedy remedy, @Nullable String instructions) {
}
