/** The recall module's implementation: campaign and notice stores, the resumable job, notifier, remedy watcher and API. */
@NullMarked
package org.serialregistry.recall.internal;

import org.jspecify.annotations.NullMarked;
