/** The audit module's portal screens. */
@NullMarked
package org.serialregistry.audit.ui;

import org.jspecify.annotations.NullMarked;
