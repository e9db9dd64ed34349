package org.serialregistry.forensics.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.forensics.DecodingBusyException;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.NewSubmission;
import org.serialregistry.forensics.UploadedPhoto;
import org.serialregistry.forensics.internal.PhotoInspector;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Badges;
import org.serialregistry.ui.CodeInput;
import org.serialregistry.ui.FieldErrors;
import org.serialregistry.ui.Notifications;
import org.serialregistry.ui.Photos;

/**
 * Distributors, service centres and forensic reviewers submit a suspect unit. A photo of the
 * unit's code may replace typing the serial: it is decoded on the server and fills the field.
 */
@Route("forensics/submit")
@PageTitle("Submit a suspect unit")
@Menu(title = "Submit suspect unit", order = 85, icon = "vaadin:upload")
@RolesAllowed({Role.DISTRIBUTOR_NAME, Role.SERVICE_CENTER_NAME, Role.FORENSICS_NAME})
class SubmitSuspectUnitView extends VerticalLayout {

    private final ForensicReview review;
    final TextField serial = new TextField("Serial as read on the unit");
    final TextField gtin = new TextField("GTIN (optional)");
    final TextField foundWhere = new TextField("Where the unit was found or is held");
    final TextField receivedFrom = new TextField("From whom it came");
    final TextArea measurements = new TextArea("Measurements (dimensions, weight)");
    final TextArea hologram = new TextArea("Hologram reading");
    final TextArea nfc = new TextArea("NFC tag reading");
    final TextArea note = new TextArea("Why it is suspect");
    final Upload photosUpload;
    final Upload codeUpload;
    private final List<UploadedPhoto> photos = new ArrayList<>();
    /** The photos added so far, each with a thumbnail to enlarge and Remove; a refused file says why. */
    final Div photoList = new Div();
    private UploadedPhoto codePhoto;
    final FieldErrors errors = new FieldErrors();

    SubmitSuspectUnitView(ForensicReview review) {
        this.review = review;
        CodeInput.withCamera(CodeInput.configure(serial), () -> { });
        serial.setHelperText("Serial, Digital Link or GS1 code; or upload a photo of the code below");
        gtin.setMaxLength(14);
        foundWhere.setMaxLength(200);
        receivedFrom.setMaxLength(200);

        photosUpload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            // Vaadin runs this off the UI lock; keep the bytes, checks run on submit
            getUI().ifPresent(ui -> ui.access(() -> addPhoto(meta.fileName(), bytes)));
        }));
        photosUpload.setAcceptedFileTypes("image/png", "image/jpeg", ".png", ".jpg", ".jpeg");
        photosUpload.setMaxFileSize(PhotoInspector.MAX_BYTES);
        photosUpload.setMaxFiles(ForensicReview.MAX_PHOTOS);
        photosUpload.addFileRejectedListener(e -> refused(e.getFileName(), e.getErrorMessage()));

        codeUpload = new Upload(UploadHandler.inMemory((meta, bytes) ->
                getUI().ifPresent(ui -> ui.access(() -> decode(meta.fileName(), bytes)))));
        codeUpload.setAcceptedFileTypes("image/png", "image/jpeg", ".png", ".jpg", ".jpeg");
        codeUpload.setMaxFileSize(PhotoInspector.MAX_BYTES);
        codeUpload.setMaxFiles(1);
        codeUpload.addFileRejectedListener(e -> Notifications.error(e.getErrorMessage()));

        errors.bind("serial", serial).bind("gtin", gtin).bind("foundWhere", foundWhere).bind("receivedFrom", receivedFrom)
                .bind("measurements", measurements).bind("hologramReading", hologram).bind("nfcReading", nfc)
                .bind("note", note).label("photos", "Photos").label("codePhoto", "Photo of the code");
        renderPhotos();
        var form = new FormLayout(serial, gtin, foundWhere, receivedFrom, measurements, hologram, nfc, note);
        var submit = new Button("Submit", e -> submit());
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new Paragraph("Describe the suspect unit. Photos: PNG or JPEG, up to 10 MB and 40 megapixels each, at most "
                + ForensicReview.MAX_PHOTOS + "."), form,
                new Span("Photo of the code (QR or Data Matrix), decoded to fill the serial:"), codeUpload,
                new Span("Photos of the unit, its label and packaging:"), photosUpload, photoList, errors.summary(), submit);
    }

    /**
     * Adds a photo after checking it as the submission will: a file that is not a usable photo is
     * listed as refused with the reason (the upload's own tick is cleared, so nothing looks accepted
     * that was not), and it is not sent.
     */
    void addPhoto(String filename, byte[] bytes) {
        var photo = new UploadedPhoto(filename, bytes);
        photosUpload.clearFileList();
        try {
            review.checkPhoto(photo);
        } catch (IllegalArgumentException e) {
            refused(filename, FieldErrors.readable(e.getMessage()).replaceFirst("^Photos: ", ""));
            return;
        }
        photos.add(photo);
        renderPhotos();
    }

    private void refused(String filename, String why) {
        var line = new Div(Badges.badge("Refused", "error"), new Span(" " + filename + ": " + why));
        line.addClassName("photo-refused");
        var dismiss = new Button("Dismiss", e -> photoList.remove(line));
        dismiss.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        line.add(dismiss);
        photoList.add(line);
    }

    void removePhoto(UploadedPhoto photo) {
        photos.remove(photo);
        renderPhotos();
    }

    List<UploadedPhoto> photos() {
        return List.copyOf(photos);
    }

    private void renderPhotos() {
        photoList.getChildren().filter(c -> !c.hasClassName("photo-refused")).toList().forEach(photoList::remove);
        if (photos.isEmpty()) {
            photoList.addComponentAsFirst(new Span("No photos yet"));
            return;
        }
        var gallery = new FlexLayout();
        gallery.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        gallery.getStyle().set("gap", "var(--lumo-space-m)");
        for (var p : photos) {
            var thumb = Photos.enlargeable(new Image(p.content(), p.filename()), () -> new Image(p.content(), p.filename()),
                    p.filename());
            thumb.setMaxWidth("8rem");
            thumb.setMaxHeight("6rem");
            var remove = new Button("Remove", e -> removePhoto(p));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + p.filename());
            gallery.add(new Div(thumb, new Div(new Span(p.filename()), remove)));
        }
        photoList.addComponentAsFirst(gallery);
    }

    void decode(String filename, byte[] bytes) {
        try {
            var decoded = review.decodeCodePhoto(new UploadedPhoto(filename, bytes));
            codePhoto = new UploadedPhoto(filename, bytes);
            serial.setValue(decoded.serial());
            gtin.setValue(decoded.gtin());
            Notifications.success("Code read: serial " + decoded.serial());
        } catch (IllegalArgumentException | DecodingBusyException e) {
            codePhoto = null;
            Notifications.error(e.getMessage());
        }
    }

    void submit() {
        errors.clear();
        long refused = photoList.getChildren().filter(c -> c.hasClassName("photo-refused")).count();
        if (refused > 0) {
            // the person decides what replaces a refused photo: nothing is sent while one is listed
            errors.show(new IllegalArgumentException("photos: " + (refused == 1 ? "a photo was" : refused + " photos were")
                    + " refused; dismiss it or add a PNG or JPEG in its place, then submit"));
            return;
        }
        try {
            var created = review.submit(new NewSubmission(serial.getValue(), gtin.getValue(), foundWhere.getValue(),
                    receivedFrom.getValue(), measurements.getValue(), hologram.getValue(), nfc.getValue(),
                    note.getValue()), List.copyOf(photos), codePhoto);
            Notifications.success("Submission " + created.id() + " received for serial " + created.serial()
                    + "; a forensic reviewer will examine it");
            photos.clear();
            codePhoto = null;
            photoList.removeAll();
            renderPhotos();
            photosUpload.clearFileList();
            codeUpload.clearFileList();
            for (var f : List.of(serial, gtin, foundWhere, receivedFrom)) {
                f.clear();
            }
            for (var a : List.of(measurements, hologram, nfc, note)) {
                a.clear();
            }
        } catch (IllegalArgumentException e) {
            // a refused photo stays listed with its Remove button; the rest of the form stays as typed
            errors.show(e);
        } catch (DecodingBusyException e) {
            Notifications.error(e.getMessage());
        }
    }
}
