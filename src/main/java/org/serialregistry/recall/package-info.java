/**
 * Recall campaigns: a quality engineer's signed decision names units by lot, serial list, production
 * window, facility or line; a resumable background job marks them RECALLED; registered owners get an
 * e-mail, partners a signed webhook; the public page warns at once; the campaign page follows the
 * remedy (located, returned, remedied, still in the field, per market) until a signed close.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recalls")
@NullMarked
package org.serialregistry.recall;

import org.jspecify.annotations.NullMarked;
