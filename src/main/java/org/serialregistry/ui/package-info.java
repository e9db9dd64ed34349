/**
 * The portal shell: main layout with one workspace per role in the side navigation, the chart
 * component, and error pages. Depends on no feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal shell")
@NullMarked
package org.serialregistry.ui;

import org.jspecify.annotations.NullMarked;
