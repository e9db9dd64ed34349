package org.serialregistry.factors;

/**
 * What a tag encoder writes onto one NTAG 424 DNA: its keys (hex) and the NDEF URL template with the
 * SUN mirror placeholders. Secret: shown to production users and the encoder only, and audited.
 *
 * @param urlTemplate the unit's Digital Link with {@code ?picc_data=<32 zeros>&cmac=<16 zeros>}; the
 *                    encoder sets the PICC data offset at the first zero after {@code picc_data=} and
 *                    the SDMMAC offset (and SDMMACInputOffset) at the first zero after {@code cmac=}
 */
public record TagEncoding(String uid, String serial, int keyVersion, String appMasterKey, String sdmMetaReadKey,
                          String sdmFileReadKey, String urlTemplate) {
    @Override
    public String toString() {
        return "TagEncoding[uid=" + uid + ", serial=" + serial + ", version=" + keyVersion + "]";
    }
}
