/** The returns module's portal screens. */
@NullMarked
package org.serialregistry.returns.ui;

import org.jspecify.annotations.NullMarked;
