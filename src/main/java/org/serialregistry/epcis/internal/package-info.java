/** The EPCIS module's implementation: the REST binding, schema check, event hash, store and the bridge to custody. */
@NullMarked
package org.serialregistry.epcis.internal;

import org.jspecify.annotations.NullMarked;
