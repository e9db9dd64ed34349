/** The warranty module's portal screens. */
@NullMarked
package org.serialregistry.warranty.ui;

import org.jspecify.annotations.NullMarked;
