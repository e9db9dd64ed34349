/** Recall campaign screens of the Quality workspace (package-private views). */
@NullMarked
package org.serialregistry.recall.ui;

import org.jspecify.annotations.NullMarked;
