/** The forensics module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.forensics.internal;

import org.jspecify.annotations.NullMarked;
