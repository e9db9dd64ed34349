/** The forensics module's portal screens. */
@NullMarked
package org.serialregistry.forensics.ui;

import org.jspecify.annotations.NullMarked;
