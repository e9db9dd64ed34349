package org.serialregistry.recall;

import org.jspecify.annotations.Nullable;

/**
 * The electronic signature a person gives to a campaign decision: their password entered again.
 *
 * @param signer the signing person's user name; null: the caller. An API key signs for nobody, so a
 *               system starting a recall through the API names the person (QUALITY or ADMIN) who signs
 */
public record RecallSignature(@Nullable String signer, @Nullable SignatureMeaning meaning, @Nullable String password) {
}
