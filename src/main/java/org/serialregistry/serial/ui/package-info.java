/**
 * Views of the serial module. {@link org.serialregistry.serial.ui.CatalogueOverview} is shared with
 * the other workspaces through this named interface; the views themselves stay package-private.
 */
@org.springframework.modulith.NamedInterface("ui")
@NullMarked
package org.serialregistry.serial.ui;

import org.jspecify.annotations.NullMarked;
