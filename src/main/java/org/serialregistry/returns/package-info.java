/** Service centres: repairs, returns and refurbishment. */
@org.springframework.modulith.ApplicationModule(displayName = "Service and returns")
package org.serialregistry.returns;
