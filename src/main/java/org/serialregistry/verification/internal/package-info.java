/** The verification module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.verification.internal;

import org.jspecify.annotations.NullMarked;
