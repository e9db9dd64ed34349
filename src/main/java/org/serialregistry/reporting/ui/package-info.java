/** The reporting module's portal screens. */
@NullMarked
package org.serialregistry.reporting.ui;

import org.jspecify.annotations.NullMarked;
