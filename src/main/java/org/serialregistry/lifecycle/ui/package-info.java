/** End-of-life and status-change screen (package-private view). */
package org.serialregistry.lifecycle.ui;
