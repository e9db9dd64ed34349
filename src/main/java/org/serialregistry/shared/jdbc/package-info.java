/** Database helpers shared by migrations (H2 triggers). */
@NullMarked
package org.serialregistry.shared.jdbc;

import org.jspecify.annotations.NullMarked;
