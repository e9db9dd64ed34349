/**
 * Value types that every feature uses (GS1 identifiers and market codes), and the one way a module
 * keeps a cache ({@link org.serialregistry.shared.Caches}).
 *
 * <p>Each type validates itself on construction, so an instance is always valid. The
 * {@link java.lang.IllegalArgumentException} messages name the field and the fault in words a
 * user can act on, because they are returned verbatim in HTTP 400 answers. No Spring beans
 * live here.
 */
@NullMarked
package org.serialregistry.shared;

import org.jspecify.annotations.NullMarked;
