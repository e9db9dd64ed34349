package org.serialregistry.ui;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * "Scan with camera" for the screens that take codes: a button that opens the device camera in a
 * dialog, decodes a QR or Data Matrix code in the browser (html5-qrcode, a static script from its
 * WebJar, loaded like ECharts: no frontend build) and hands the decoded text to the screen, which
 * reads it with the same {@code UnitCode} parser as a typed code. Typing always stays possible: the
 * button hides itself when the browser has no camera (or no camera access, as on plain http off
 * localhost), and a refused permission says so in the dialog and sends the person back to the field.
 */
public final class CameraScan {

    public static final String LABEL = "Scan with camera";

    private CameraScan() {
    }

    /** A small camera button (for a field's suffix) that hands each decoded code to {@code decoded}. */
    public static Button button(Consumer<String> decoded) {
        var button = new Button(VaadinIcon.CAMERA.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        button.setAriaLabel(LABEL);
        button.setTooltipText(LABEL);
        button.addClassName("camera-scan");
        button.addClickListener(e -> open(decoded));
        button.addAttachListener(e -> button.getElement().executeJs("""
                const media = navigator.mediaDevices;
                if (!window.isSecureContext || !media || !media.getUserMedia || !media.enumerateDevices) { return false; }
                return media.enumerateDevices().then(all => all.some(d => d.kind === 'videoinput'), () => false);""")
                .then(Boolean.class, hasCamera -> button.setVisible(Boolean.TRUE.equals(hasCamera))));
        return button;
    }

    static Dialog open(Consumer<String> decoded) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(LABEL);
        var viewfinder = new Viewfinder();
        viewfinder.onDecoded = text -> {
            dialog.close();
            decoded.accept(text);
        };
        viewfinder.onFailed = reason -> viewfinder.status.setText("The camera could not be opened: " + switch (reason) {
            case "NotAllowedError" -> "the browser was not allowed to use it";
            case "NotFoundError", "OverconstrainedError" -> "this device has no camera";
            case "NotReadableError" -> "another program is using it";
            default -> reason;
        } + ". Close this and type the code, or use a handheld scanner.");
        dialog.add(viewfinder, viewfinder.status);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                viewfinder.stop();
            }
        });
        dialog.open();
        return dialog;
    }

    /** Where the camera picture appears while it looks for a code. */
    @Tag("div")
    @JavaScript("context://webjars/html5-qrcode/2.2.1/html5-qrcode.min.js")
    public static final class Viewfinder extends Component {

        private static final AtomicLong NEXT = new AtomicLong();

        final Paragraph status = new Paragraph("Hold the code in the frame.");
        Consumer<String> onDecoded = text -> { };
        Consumer<String> onFailed = reason -> { };

        Viewfinder() {
            status.addClassName("camera-status");
            setId("camera-viewfinder-" + NEXT.incrementAndGet());
            getElement().getStyle().set("width", "min(22rem, 80vw)").set("min-height", "12rem");
            getElement().setAttribute("aria-label", "Camera picture");
        }

        @Override
        protected void onAttach(AttachEvent attachEvent) {
            super.onAttach(attachEvent);
            getElement().executeJs("""
                    const el = this;
                    const lib = window.__Html5QrcodeLibrary__;
                    if (!lib) { el.$server.failed('the scanner script did not load'); return; }
                    const formats = [lib.Html5QrcodeSupportedFormats.QR_CODE, lib.Html5QrcodeSupportedFormats.DATA_MATRIX];
                    const failed = e => el.$server.failed(String((e && e.name) || e));
                    try {
                      const scanner = new lib.Html5Qrcode(el.id, {formatsToSupport: formats, verbose: false});
                      el.__scanner = scanner;
                      scanner.start({facingMode: 'environment'}, {fps: 10}, text => {
                        if (el.__done) { return; }
                        el.__done = true;
                        Promise.resolve().then(() => scanner.stop()).catch(() => {}).then(() => el.$server.decoded(text));
                      }, () => {}).catch(failed);
                    } catch (e) {
                      failed(e);
                    }""");
        }

        void stop() {
            getElement().executeJs("""
                    const s = this.__scanner;
                    if (s && !this.__done) { this.__done = true; try { s.stop().catch(() => {}); } catch (e) { } }""");
        }

        /** The browser decoded {@code text}: the screen gets it as if it had been typed. */
        @ClientCallable
        public void decoded(String text) {
            onDecoded.accept(text.strip());
        }

        /** No camera, or permission refused: said in the dialog; the field stays for typing. */
        @ClientCallable
        public void failed(String reason) {
            onFailed.accept(reason);
        }
    }
}
