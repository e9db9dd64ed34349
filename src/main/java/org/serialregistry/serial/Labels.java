package org.serialregistry.serial;

import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.internal.LabelRenderer;
import org.serialregistry.serial.internal.UnitStore;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The code printed on a unit: its GS1 Digital Link URI under the configured public base URL
 * ({@code serial-registry.public-base-url}), as a QR code (PNG, SVG) or a GS1 DataMatrix (PNG).
 * Labels exist only for serials this registry issued.
 */
@Service
public class Labels {

    /** Which 2D symbol a label carries. The QR code holds the Digital Link URI; the DataMatrix the element string. */
    public enum Symbology { QR, DATAMATRIX }

    public static final int DEFAULT_SIZE_PX = 300;

    private final LabelRenderer renderer;
    private final UnitStore units;
    private final String publicBaseUrl;

    Labels(LabelRenderer renderer, UnitStore units,
           @Value("${serial-registry.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.renderer = renderer;
        this.units = units;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** {@code {public-base-url}/01/{gtin}/10/{lot}/21/{serial}} */
    public String digitalLink(Gtin gtin, @Nullable LotNumber lot, SerialNumber serial) {
        return DigitalLink.uri(publicBaseUrl, gtin, lot, serial);
    }

    public String digitalLink(UnitRecord unit) {
        return digitalLink(unit.gtin(), unit.lot(), unit.serial());
    }

    /**
     * The label of an issued unit as a PNG of at most {@code sizePx} pixels square.
     *
     * @throws NoSuchElementException the serial was never issued here
     * @throws IllegalArgumentException "size: ..." for a size outside 64..2048
     */
    @Transactional(readOnly = true)
    public byte[] png(SerialNumber serial, Symbology symbology, int sizePx) {
        if (sizePx < 64 || sizePx > 2048) {
            throw new IllegalArgumentException("size: 64 to 2048 pixels, got " + sizePx);
        }
        var unit = unit(serial);
        return switch (symbology) {
            case QR -> renderer.qrPng(renderer.qrPayload(digitalLink(new Gtin(unit.gtin()), new LotNumber(unit.lot()),
                    serial)), sizePx);
            case DATAMATRIX -> renderer.dataMatrixPng(new Gtin(unit.gtin()), serial, sizePx);
        };
    }

    /** The QR label of an issued unit as SVG, the serial printed under the code. */
    @Transactional(readOnly = true)
    public String svg(SerialNumber serial) {
        var unit = unit(serial);
        return renderer.qrSvg(renderer.qrPayload(digitalLink(new Gtin(unit.gtin()), new LotNumber(unit.lot()),
                serial)), serial.value());
    }

    private UnitStore.UnitRow unit(SerialNumber serial) {
        return units.find(serial.value())
                .orElseThrow(() -> new NoSuchElementException("No unit with serial " + serial.value()));
    }
}
