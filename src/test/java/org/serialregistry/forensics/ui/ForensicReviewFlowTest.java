package org.serialregistry.forensics.ui;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.forensics.CheckResult;
import org.serialregistry.forensics.ChecklistItem;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.NewSubmission;
import org.serialregistry.forensics.SubmissionView;
import org.serialregistry.forensics.TestImages;
import org.serialregistry.forensics.Verdict;
import org.serialregistry.ui.Kpi;
import org.serialregistry.verification.CounterfeitList;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forensic flow in the portal: a distributor submits a suspect unit with photos; a reviewer
 * sees the pre-checks, fills the checklist and signs a counterfeit verdict with the password;
 * the serial is then on the public counterfeit list.
 */
@IntegrationTest
class ForensicReviewFlowTest extends SpringBrowserlessTest {

    @Autowired
    ForensicReview review;
    @Autowired
    CounterfeitList counterfeitList;
    @Autowired
    JdbcTemplate jdbc;

    String demoPhone(int index) {
        return jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset ? rows fetch next 1 rows only",
                String.class, index);
    }

    String lastNotification() {
        return test($(Notification.class).last()).getText();
    }

    @Test
    @WithUserDetails("distributor")
    void aDistributorSubmitsASuspectUnitWithPhotosInThePortal() {
        String serial = demoPhone(60);
        long before = jdbc.queryForObject("select count(*) from forensic_submission", Long.class);
        var view = navigate("forensics/submit", SubmitSuspectUnitView.class);
        view.serial.setValue(serial);
        view.foundWhere.setValue("Incoming goods, Rotterdam");
        view.receivedFrom.setValue("Unknown broker, invoice 4711");
        view.note.setValue("Box seal broken, hologram missing");
        test(view.photosUpload).upload("box.png", "image/png", TestImages.photo("png", 640, 480));
        test(view.photosUpload).upload("label.jpg", "image/jpeg", TestImages.photo("jpeg", 640, 480));
        roundTrip();
        $(Button.class).withText("Submit").single().click();

        assertThat(lastNotification()).contains("received for serial " + serial);
        assertThat(jdbc.queryForObject("select count(*) from forensic_submission", Long.class)).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("select count(*) from forensic_photo p join forensic_submission s on "
                + "s.id = p.submission_id where s.serial = ?", Long.class, serial)).isEqualTo(2L);
        assertThat(jdbc.queryForObject("select submitted_by from forensic_submission where serial = ?", String.class,
                serial)).isEqualTo("distributor");
    }

    @Test
    @WithUserDetails("service")
    void aBombPhotoIsRefusedInThePortalAndNothingIsStored() {
        long before = jdbc.queryForObject("select count(*) from forensic_submission", Long.class);
        var view = navigate("forensics/submit", SubmitSuspectUnitView.class);
        view.serial.setValue(demoPhone(61));
        view.foundWhere.setValue("Service bench 3");
        view.receivedFrom.setValue("Customer walk-in");
        test(view.photosUpload).upload("innocent.png", "image/png", TestImages.pngBomb(20_000, 20_000));
        roundTrip();
        // refused when it is added, in the list beside the other photos (issue 16 item 4)
        assertThat(view.photoList.getElement().getTextRecursively()).contains("Refused", "at most 40 megapixels");
        assertThat(view.photos()).isEmpty();
        $(Button.class).withText("Submit").single().click();
        assertThat(view.errors.shown()).anySatisfy(t -> assertThat(t).contains("refused"));
        assertThat(jdbc.queryForObject("select count(*) from forensic_submission", Long.class)).isEqualTo(before);
    }

    @Test
    @WithUserDetails("forensics")
    void aPhotoOfTheCodeFillsTheSerialField() {
        String serial = demoPhone(62);
        var view = navigate("forensics/submit", SubmitSuspectUnitView.class);
        test(view.codeUpload).upload("code.png", "image/png",
                TestImages.qr("https://id.example.com/01/09506000134352/10/A2611/21/" + serial));
        roundTrip();
        assertThat(view.serial.getValue()).isEqualTo(serial);
        assertThat(view.gtin.getValue()).isEqualTo("09506000134352");
    }

    @Test
    @WithUserDetails("forensics")
    void aReviewerSeesThePreChecksFillsTheChecklistAndSignsACounterfeitVerdict() {
        String serial = demoPhone(63);
        SubmissionView submission = review.submit(new NewSubmission(serial, null, "Hospital ward 4B, Lyon",
                "Supplier MedTrade", "181 g", null, "NFC tag silent", "Suspect pump housing"),
                List.of(new org.serialregistry.forensics.UploadedPhoto("housing.jpg", TestImages.photo("jpeg", 300, 200))),
                null);
        var view = navigate("forensics/submissions/" + submission.id(), SubmissionReviewView.class);

        var kpis = $(Kpi.class).all();
        assertThat(kpis).extracting(Kpi::getValue).contains("genuine tag", "Active", "not listed");

        view.results.get(ChecklistItem.MARKING_AND_LABEL_PRINT).setValue(CheckResult.FAIL);
        view.notes.get(ChecklistItem.MARKING_AND_LABEL_PRINT).setValue("Font differs from the genuine label");
        view.results.get(ChecklistItem.EXTERNAL_VISUAL_INSPECTION).setValue(CheckResult.FAIL);
        view.results.get(ChecklistItem.PACKAGING).setValue(CheckResult.PASS);
        view.verdict.setValue(Verdict.COUNTERFEIT);
        view.reasoning.setValue("Label print and housing are not ours");

        $(Button.class).withText("Sign verdict").single().click();
        var dialog = $(Dialog.class).single();
        $(PasswordField.class, dialog).single().setValue("wrong-password");
        $(Button.class, dialog).withText("Sign").single().click();
        assertThat($(PasswordField.class, dialog).single().getErrorMessage()).contains("password is not correct");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(review.verdicts(submission.id())).isEmpty();
        assertThat(counterfeitList.isListed(serial)).isFalse();

        $(PasswordField.class, dialog).single().setValue("forensics");
        $(Button.class, dialog).withText("Sign").single().click();
        assertThat(lastNotification()).contains("Verdict counterfeit signed by Fran Forensics");
        assertThat(counterfeitList.isListed(serial)).isTrue();
        var verdicts = review.verdicts(submission.id());
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.getFirst().checklist()).anySatisfy(e -> {
            assertThat(e.item()).isEqualTo(ChecklistItem.MARKING_AND_LABEL_PRINT);
            assertThat(e.result()).isEqualTo(CheckResult.FAIL);
            assertThat(e.note()).isEqualTo("Font differs from the genuine label");
        });
        // the page now shows the signed verdict and the listing
        @SuppressWarnings("unchecked")
        Grid<org.serialregistry.forensics.SignedVerdict> grid = $(Grid.class).all().stream()
                .filter(g -> g.getColumnByKey("verdict") != null).findFirst().orElseThrow();
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat($(Kpi.class).all()).extracting(Kpi::getValue).contains("listed");

        var home = navigate("forensics", Component.class);
        assertThat(home).isNotNull();
        @SuppressWarnings("unchecked")
        Grid<SubmissionView> queue = $(Grid.class).single();
        assertThat(queue.getGenericDataView().getItems().filter(s -> s.id() == submission.id()).findFirst().orElseThrow()
                .currentVerdict().verdict()).isEqualTo(Verdict.COUNTERFEIT);
    }
}
