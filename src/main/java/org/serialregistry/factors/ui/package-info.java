/** The factors module's portal screens. */
@NullMarked
package org.serialregistry.factors.ui;

import org.jspecify.annotations.NullMarked;
