/** The quality module's portal screens. */
@NullMarked
package org.serialregistry.quality.ui;

import org.jspecify.annotations.NullMarked;
