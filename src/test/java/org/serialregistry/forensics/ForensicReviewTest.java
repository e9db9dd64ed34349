package org.serialregistry.forensics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.ScanFixtures;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.CounterfeitReason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A forensic reviewer receives suspect units, checks them and signs verdicts that stand up to a regulator. */
@IntegrationTest
@WithUserDetails("forensics")
class ForensicReviewTest {

    @Autowired
    ForensicReview review;
    @Autowired
    AlertCases cases;
    @Autowired
    CounterfeitList counterfeitList;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    JdbcTemplate jdbc;

    /** A demo phone of lot A2611 that is still active; each test takes its own. */
    String demoPhone(int index) {
        return jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset ? rows fetch next 1 rows only",
                String.class, index);
    }

    static NewSubmission suspect(String serial) {
        return new NewSubmission(serial, null, "Pharmacy warehouse, Lyon, FR", "Grey-market wholesaler Xpress SARL",
                "148.2 × 71.5 × 8.1 mm, 181 g (genuine: 187 g)", "Hologram flat, no colour shift", null,
                "Box print blurred, weight low");
    }

    long stored(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    @Test
    void oversizedWrongTypeAndBombPhotosAreRefusedAndNothingIsStored() {
        String serial = demoPhone(10);
        long submissions = stored("forensic_submission");
        long photos = stored("forensic_photo");
        var good = new UploadedPhoto("label.jpg", TestImages.photo("jpeg", 640, 480));

        assertThatThrownBy(() -> review.submit(suspect(serial), List.of(good,
                new UploadedPhoto("huge.png", TestImages.oversized(10 * 1024 * 1024 + 1))), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("photos: huge.png")
                .hasMessageContaining("at most 10 MB");
        assertThatThrownBy(() -> review.submit(suspect(serial), List.of(good, new UploadedPhoto("box.gif", TestImages.gif())), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("photos: box.gif is not a PNG or JPEG image");
        assertThatThrownBy(() -> review.submit(suspect(serial), List.of(good,
                new UploadedPhoto("renamed.png", "%PDF-1.7 not an image".getBytes())), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PNG or JPEG");
        byte[] bomb = TestImages.pngBomb(50_000, 50_000);
        assertThat(bomb.length).isLessThan(2_000);
        assertThatThrownBy(() -> review.submit(suspect(serial), List.of(good, new UploadedPhoto("bomb.png", bomb)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("photos: bomb.png is 50000 × 50000 pixels (2500 megapixels); at most 40 megapixels");

        assertThat(stored("forensic_submission")).isEqualTo(submissions);
        assertThat(stored("forensic_photo")).isEqualTo(photos);
    }

    @Test
    void unknownSerialsAndUnreadableCodesAreRefusedWithAClearMessage() {
        long submissions = stored("forensic_submission");
        assertThatThrownBy(() -> review.submit(suspect("ZZZZZZZZZZZZZZZZZZZZ"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was never issued by this registry");
        assertThatThrownBy(() -> review.submit(suspect("abc-1"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("serial:");
        assertThatThrownBy(() -> review.submit(suspect(null), List.of(),
                new UploadedPhoto("blurry.png", TestImages.photo("png", 300, 200))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("codePhoto: no readable QR");
        assertThatThrownBy(() -> review.submit(suspect(null), List.of(),
                new UploadedPhoto("menu.png", TestImages.qr("https://example.com/lunch-menu"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a GS1 Digital Link");
        assertThatThrownBy(() -> review.submit(new NewSubmission(demoPhone(11), null, " ", "someone", null, null, null, null),
                List.of(), null)).isInstanceOf(IllegalArgumentException.class).hasMessage("foundWhere: required");
        assertThat(stored("forensic_submission")).isEqualTo(submissions);
    }

    @Test
    void aPhotoOfTheCodeIsDecodedInsteadOfTypingTheSerial() {
        String serial = demoPhone(12);
        byte[] code = TestImages.qr("HTTPS://ID.EXAMPLE.COM/01/09506000134352/10/A2611/21/" + serial);
        assertThat(review.decodeCodePhoto(new UploadedPhoto("code.png", code)).serial()).isEqualTo(serial);

        var created = review.submit(suspect(null), List.of(new UploadedPhoto("unit.png", TestImages.photo("png", 800, 600))),
                new UploadedPhoto("code.png", code));
        assertThat(created.serial()).isEqualTo(serial);
        assertThat(created.gtin()).isEqualTo("09506000134352");
        assertThat(created.serialSource()).isEqualTo(SerialSource.DECODED_FROM_PHOTO);
        assertThat(created.photos()).extracting(PhotoView::filename).containsExactly("unit.png", "code.png");
        assertThat(created.photos().getFirst().width()).isEqualTo(800);
        var back = review.photo(created.photos().getFirst().id()).orElseThrow();
        assertThat(back.getKey()).isEqualTo("image/png");
        assertThat(back.getValue()).isEqualTo(TestImages.photo("png", 800, 600));

        assertThatThrownBy(() -> review.submit(suspect(demoPhone(13)), List.of(), new UploadedPhoto("code.png", code)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but the photo of the code says");
    }

    @Test
    void aSignedCounterfeitVerdictConfirmsTheCaseAndListsTheSerialAndAWrongPasswordSignsNothing() {
        String serial = demoPhone(14);
        Instant now = Instant.now();
        ScanFixtures.record(events, detector,
                ScanFixtures.scan(now.minus(Duration.ofMinutes(40)), ScanFixtures.PHONE, serial, "s-fr-1", "DE", 52.52, 13.405),
                ScanFixtures.scan(now.minus(Duration.ofMinutes(5)), ScanFixtures.PHONE, serial, "s-fr-2", "IN", 19.08, 72.88));
        var openCase = cases.openCasesFor(serial).getFirst();

        var submission = review.submit(suspect(serial), List.of(new UploadedPhoto("box.jpg", TestImages.photo("jpeg", 400, 300))), null);
        var pre = review.preChecks(submission.id());
        assertThat(pre.codeGenuine()).isTrue();
        assertThat(pre.unit().lot().value()).isEqualTo("A2611");
        assertThat(pre.custody()).isNotEmpty();
        assertThat(pre.scans()).extracting(s -> s.country()).contains("DE", "IN");
        assertThat(pre.openCases()).extracting(c -> c.id()).contains(openCase.id());
        assertThat(pre.listed()).isFalse();

        // a verdict needs inspection results
        assertThatThrownBy(() -> review.sign(submission.id(), Verdict.COUNTERFEIT, SignatureMeaning.RESPONSIBILITY,
                "Label print does not match", "forensics")).hasMessageStartingWith("checklist:");
        review.saveChecklist(submission.id(), List.of(
                new ChecklistEntry(ChecklistItem.EXTERNAL_VISUAL_INSPECTION, CheckResult.FAIL, "Mould marks on housing"),
                new ChecklistEntry(ChecklistItem.MARKING_AND_LABEL_PRINT, CheckResult.FAIL, "Blurred laser marking"),
                new ChecklistEntry(ChecklistItem.DIMENSIONS_AND_WEIGHT, CheckResult.FAIL, "6 g light")));

        assertThatThrownBy(() -> review.sign(submission.id(), Verdict.COUNTERFEIT, SignatureMeaning.RESPONSIBILITY,
                "Copy of a genuine code", "not-my-password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("password:");
        assertThat(review.verdicts(submission.id())).isEmpty();
        assertThat(counterfeitList.isListed(serial)).isFalse();

        var signed = review.sign(submission.id(), Verdict.COUNTERFEIT, SignatureMeaning.RESPONSIBILITY,
                "Copy of a genuine code: marking, housing and weight fail", "forensics");
        assertThat(signed.signer()).isEqualTo("forensics");
        assertThat(signed.signerName()).isEqualTo("Fran Forensics");
        assertThat(signed.meaning()).isEqualTo(SignatureMeaning.RESPONSIBILITY);
        assertThat(signed.intact()).isTrue();
        assertThat(signed.contentHash()).matches("[0-9a-f]{64}");
        assertThat(signed.checklist()).filteredOn(e -> e.result() == CheckResult.FAIL).hasSize(3);

        assertThat(counterfeitList.isListed(serial)).isTrue();
        assertThat(counterfeitList.find(serial).orElseThrow().reason()).isEqualTo(CounterfeitReason.FORENSIC_VERDICT);
        assertThat(cases.find(openCase.id()).orElseThrow().summary().state()).isEqualTo(CaseState.CONFIRMED_COUNTERFEIT);
        assertThat(review.find(submission.id()).orElseThrow().currentVerdict().verdict()).isEqualTo(Verdict.COUNTERFEIT);

        // verdicts are never edited: the database refuses, and a later verdict supersedes
        assertThatThrownBy(() -> jdbc.update("update forensic_verdict set verdict = 'GENUINE' where id = ?", signed.id()))
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> jdbc.update("delete from forensic_verdict where id = ?", signed.id()))
                .isInstanceOf(Exception.class);
        var second = review.sign(submission.id(), Verdict.INCONCLUSIVE, SignatureMeaning.REVIEW,
                "Second opinion pending X-ray", "forensics");
        assertThat(second.supersedesId()).isEqualTo(signed.id());
        assertThat(review.verdicts(submission.id())).extracting(SignedVerdict::verdict)
                .containsExactly(Verdict.COUNTERFEIT, Verdict.INCONCLUSIVE);
        assertThat(review.verdicts(submission.id())).allMatch(SignedVerdict::intact);
    }

    @Test
    void aCounterfeitVerdictOnAUnitWithoutCasesOpensAConfirmedCase() throws Exception {
        String serial = demoPhone(15);
        var submission = review.submit(suspect(serial), List.of(), null);
        review.saveChecklist(submission.id(), List.of(new ChecklistEntry(ChecklistItem.PACKAGING, CheckResult.FAIL, "Wrong font")));
        review.sign(submission.id(), Verdict.COUNTERFEIT, SignatureMeaning.APPROVAL, "Packaging is a copy", "forensics");
        var found = cases.search(new CaseQuery(serial, CaseState.CONFIRMED_COUNTERFEIT, SignalType.FORENSIC_VERDICT, 10));
        assertThat(found).hasSize(1);
        assertThat(counterfeitList.isListed(serial)).isTrue();
    }
}
