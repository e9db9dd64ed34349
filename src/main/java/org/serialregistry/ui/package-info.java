/**
 * The portal shell: main layout with one workspace per role in the side navigation, the chart
 * component, and error pages. Depends on no feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal shell")
package org.serialregistry.ui;
