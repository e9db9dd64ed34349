/** The security module's portal screens. */
@NullMarked
package org.serialregistry.security.ui;

import org.jspecify.annotations.NullMarked;
