/** The factors module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.factors.internal;

import org.jspecify.annotations.NullMarked;
