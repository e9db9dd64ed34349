/** The verification module's portal screens. */
@NullMarked
package org.serialregistry.verification.ui;

import org.jspecify.annotations.NullMarked;
