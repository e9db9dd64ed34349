package org.serialregistry.forensics.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Image;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.forensics.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 4: evidence photos of a suspect unit. A file that is not an image is refused visibly
 * when it is added (no tick left behind), a refused or unwanted photo can be removed so that Submit
 * goes through without a reload, and a photo opens large.
 */
@IntegrationTest
@WithUserDetails("distributor")
class SuspectPhotosTest extends SpringBrowserlessTest {

    @Autowired
    JdbcTemplate jdbc;

    private String freePhone(int index) {
        return jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset ? rows fetch next 1 rows only",
                String.class, index);
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedVisiblyAndCanBeDismissedSoThatSubmitGoesThrough() {
        String serial = freePhone(81);
        var view = navigate("forensics/submit", SubmitSuspectUnitView.class);
        view.serial.setValue(serial);
        view.foundWhere.setValue("Returns desk");
        view.receivedFrom.setValue("Walk-in customer");
        test(view.photosUpload).upload("invoice.png", "image/png", "%PDF-1.4 not an image".getBytes());
        test(view.photosUpload).upload("housing.png", "image/png", TestImages.photo("png", 320, 240));
        roundTrip();

        assertThat(view.photoList.getElement().getTextRecursively()).contains("Refused", "invoice.png",
                "not a PNG or JPEG image");
        assertThat(view.photos()).extracting(p -> p.filename()).containsExactly("housing.png");

        $(Button.class).withText("Submit").single().click();
        assertThat(jdbc.queryForObject("select count(*) from forensic_submission where serial = ?", Long.class, serial))
                .isZero();

        $(Button.class, view.photoList).withText("Dismiss").single().click();
        $(Button.class).withText("Submit").single().click();
        assertThat(jdbc.queryForObject("select count(*) from forensic_submission where serial = ?", Long.class, serial))
                .isEqualTo(1L);
    }

    @Test
    void aPhotoCanBeRemovedAndEnlarged() {
        var view = navigate("forensics/submit", SubmitSuspectUnitView.class);
        test(view.photosUpload).upload("label.jpg", "image/jpeg", TestImages.photo("jpeg", 640, 480));
        test(view.photosUpload).upload("box.jpg", "image/jpeg", TestImages.photo("jpeg", 640, 480));
        roundTrip();
        assertThat(view.photos()).hasSize(2);

        test($(Image.class, view.photoList).first()).click();
        var large = $(Dialog.class).single();
        assertThat(large.getHeaderTitle()).isEqualTo("label.jpg");
        assertThat($(Image.class, large).exists()).isTrue();
        $(Button.class, large).withText("Close").single().click();

        $(Button.class, view.photoList).withText("Remove").first().click();
        assertThat(view.photos()).extracting(p -> p.filename()).containsExactly("box.jpg");
    }
}
