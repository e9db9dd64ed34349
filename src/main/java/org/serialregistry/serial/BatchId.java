package org.serialregistry.serial;

import java.util.UUID;

/** A serial batch's id as other modules hold it (custody expands lots into the batches' serials by it). */
public record BatchId(UUID value) {
}
