/** Service centres: repairs, returns and refurbishment. */
@org.springframework.modulith.ApplicationModule(displayName = "Service and returns")
@NullMarked
package org.serialregistry.returns;

import org.jspecify.annotations.NullMarked;
