/**
 * Cross-cutting REST plumbing: RFC 9457 problem answers for every API error, and a 404 for
 * unknown API paths. Depends on no feature; features own their controllers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "REST API plumbing")
@NullMarked
package org.serialregistry.api;

import org.jspecify.annotations.NullMarked;
