/** The application: its entry point and the configuration every module shares (background work, caches). */
@NullMarked
package org.serialregistry;

import org.jspecify.annotations.NullMarked;
