/** The quality module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.quality.internal;

import org.jspecify.annotations.NullMarked;
