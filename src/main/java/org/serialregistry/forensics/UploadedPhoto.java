package org.serialregistry.forensics;

/** A photo as uploaded: its file name and bytes. Only PNG and JPEG up to 10 MB and 40 megapixels pass. */
public record UploadedPhoto(String filename, byte[] content) {
}
