/** The warranty module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.warranty.internal;

import org.jspecify.annotations.NullMarked;
