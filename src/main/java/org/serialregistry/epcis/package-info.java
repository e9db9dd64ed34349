/**
 * EPCIS 2.0 capture and query (GS1 standard REST binding): partners send their shipping, receiving,
 * packing and selling events as EPCIS JSON-LD documents, which are checked against GS1's JSON schema
 * and applied to custody through custody's own rules; they query the events they may see with the
 * standard query parameters.
 */
@org.springframework.modulith.ApplicationModule(displayName = "EPCIS")
@NullMarked
package org.serialregistry.epcis;

import org.jspecify.annotations.NullMarked;
