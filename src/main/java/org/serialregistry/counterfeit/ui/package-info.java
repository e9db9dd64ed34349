/** The counterfeit module's portal screens. */
@NullMarked
package org.serialregistry.counterfeit.ui;

import org.jspecify.annotations.NullMarked;
