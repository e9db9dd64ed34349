/** Recall campaign screens of the Quality workspace (package-private views). */
package org.serialregistry.recall.ui;
