/** The reporting module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.reporting.internal;

import org.jspecify.annotations.NullMarked;
