/** The returns module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.returns.internal;

import org.jspecify.annotations.NullMarked;
