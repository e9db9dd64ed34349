/** The custody module's portal screens. */
@NullMarked
package org.serialregistry.custody.ui;

import org.jspecify.annotations.NullMarked;
