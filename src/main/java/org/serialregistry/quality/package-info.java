/** Quality engineering: claim rates per lot, line, facility and product; quality alerts. */
@org.springframework.modulith.ApplicationModule(displayName = "Quality")
@NullMarked
package org.serialregistry.quality;

import org.jspecify.annotations.NullMarked;
