package org.serialregistry.serial;

import java.util.List;

import org.serialregistry.shared.CountryCode;

/** A production facility with its lines; {@code number} is what serials encode (0..1023). */
public record FacilityView(long id, String code, int number, String name, CountryCode country, List<LineView> lines) {

    /** A production line; {@code number} is what serials encode (0..31 within its facility). */
    public record LineView(long id, String code, int number, String name) {
    }
}
