/** The serial module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.serial.internal;

import org.jspecify.annotations.NullMarked;
