/** The counterfeit module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.counterfeit.internal;

import org.jspecify.annotations.NullMarked;
