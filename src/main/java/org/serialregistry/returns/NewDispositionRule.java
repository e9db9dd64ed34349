package org.serialregistry.returns;

import org.jspecify.annotations.Nullable;

/** A rule as the quality team enters it; see {@link DispositionRule}. */
public record NewDispositionRule(@Nullable Integer priority, @Nullable ReturnReason reason,
                                 @Nullable Boolean underWarranty, @Nullable Integer maxAgeDays,
                                 @Nullable ReturnDisposition disposition, @Nullable String explanation,
                                 @Nullable Boolean active) {
}
