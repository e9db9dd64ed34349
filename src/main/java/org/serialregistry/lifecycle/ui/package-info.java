/** End-of-life and status-change screen (package-private view). */
@NullMarked
package org.serialregistry.lifecycle.ui;

import org.jspecify.annotations.NullMarked;
