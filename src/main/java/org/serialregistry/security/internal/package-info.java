/** The security module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.security.internal;

import org.jspecify.annotations.NullMarked;
