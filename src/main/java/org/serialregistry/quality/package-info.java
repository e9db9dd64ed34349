/** Quality engineering: claim rates per lot, line, facility and product; quality alerts. */
@org.springframework.modulith.ApplicationModule(displayName = "Quality")
package org.serialregistry.quality;
