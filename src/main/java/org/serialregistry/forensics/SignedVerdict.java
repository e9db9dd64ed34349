package org.serialregistry.forensics;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A signed verdict as stored: never edited, only superseded by a later one.
 *
 * @param contentHash SHA-256 over the submission, the verdict, the checklist as signed, the photos'
 *                    hashes and the signature (signer, printed name, meaning, time)
 * @param intact      the stored content still gives {@code contentHash}
 */
public record SignedVerdict(long id, long submissionId, Verdict verdict, String reasoning,
                            List<ChecklistEntry> checklist, SignatureMeaning meaning, String signer,
                            String signerName, Instant signedAt, @Nullable Long supersedesId, String contentHash,
                            boolean intact) {
}
