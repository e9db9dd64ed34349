package org.serialregistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camera scanning in a real browser: Chromium's fake camera shows a QR code of a unit's Digital Link
 * (drawn with ZXing into a Y4M video), "Scan with camera" on unit lookup opens it, the page's scanner
 * script (html5-qrcode from its WebJar) decodes it, and the field receives the link and is looked up
 * by the same code reader as a typed one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaadin.devmode.devTools.enabled=false")
@ActiveProfiles("test")
class CameraScanIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aCodeHeldBeforeTheCameraIsDecodedIntoTheUnitLookupField() throws Exception {
        String serial = jdbc.queryForObject("select serial from unit where gtin = '09506000134352' and lot = 'A2611' "
                + "order by serial fetch first 1 rows only", String.class);
        String link = "https://id.example.com/01/09506000134352/10/A2611/21/" + serial;
        chromium = HeadlessChromium.openWithCamera(y4m(link, dir.resolve("qr.y4m")));
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.signInToPortal("production", "production");
        chromium.await().until(d -> !chromium.path().equals("/login"));
        chromium.driver().get("http://localhost:" + port + "/production/units");

        // the button shows only when the browser has a camera: the fake one counts
        var scan = chromium.await().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[aria-label='Scan with camera']")));
        scan.click();

        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("vaadin-app-layout h3"),
                "Unit " + serial));
        Object value = chromium.js("return document.querySelector('vaadin-text-field').value");
        assertThat(value).isEqualTo(link);
        assertThat(chromium.js("return !!document.querySelector('vaadin-dialog-overlay[opened]')")).isEqualTo(false);
    }

    /** A few frames of 640 x 480 4:2:0 video (Y4M, what Chromium's fake camera plays) showing a QR code of {@code text}. */
    static Path y4m(String text, Path file) throws IOException, WriterException {
        int width = 640;
        int height = 480;
        var qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400, Map.of(EncodeHintType.MARGIN, 4));
        byte[] luma = new byte[width * height];
        Arrays.fill(luma, (byte) 235);
        int left = (width - qr.getWidth()) / 2;
        int top = (height - qr.getHeight()) / 2;
        for (int y = 0; y < qr.getHeight(); y++) {
            for (int x = 0; x < qr.getWidth(); x++) {
                if (qr.get(x, y)) {
                    luma[(top + y) * width + left + x] = 16;
                }
            }
        }
        byte[] chroma = new byte[width * height / 4];
        Arrays.fill(chroma, (byte) 128);
        var out = new ByteArrayOutputStream();
        out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        for (int frame = 0; frame < 5; frame++) {
            out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            out.write(luma);
            out.write(chroma);
            out.write(chroma);
        }
        return Files.write(file, out.toByteArray());
    }
}
