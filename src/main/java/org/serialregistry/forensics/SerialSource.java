package org.serialregistry.forensics;

/** How the serial of a submission was obtained. */
public enum SerialSource {
    TYPED, DECODED_FROM_PHOTO
}
