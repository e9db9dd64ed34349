/** The custody module's implementation: stores and helpers other modules do not see. */
@NullMarked
package org.serialregistry.custody.internal;

import org.jspecify.annotations.NullMarked;
