/** The audit module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.audit.internal;

import org.jspecify.annotations.NullMarked;
