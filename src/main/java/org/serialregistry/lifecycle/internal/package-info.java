/** The end-of-life module's implementation: its API, evidence store, settings and the caller's custody scope. */
@NullMarked
package org.serialregistry.lifecycle.internal;

import org.jspecify.annotations.NullMarked;
