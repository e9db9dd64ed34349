package org.serialregistry.forensics.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.SubmissionView;
import org.serialregistry.forensics.Verdict;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Kpi;

/** Forensics workspace home: the queue of submitted suspect units and their verdicts. */
@Route("forensics")
@PageTitle("Forensics")
@Menu(title = "Submissions", order = 60, icon = "vaadin:search")
@RolesAllowed(Role.FORENSICS_NAME)
class ForensicsHomeView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    ForensicsHomeView(ForensicReview review) {
        var submissions = review.latest(500);
        long awaiting = submissions.stream().filter(s -> s.currentVerdict() == null).count();
        long counterfeit = submissions.stream().filter(s -> s.currentVerdict() != null
                && s.currentVerdict().verdict() == Verdict.COUNTERFEIT).count();
        var kpis = new HorizontalLayout(new Kpi("Submissions", submissions.size()), new Kpi("Awaiting a verdict", awaiting),
                new Kpi("Counterfeit verdicts", counterfeit));
        kpis.setWrap(true);
        var submit = new Button("Submit a suspect unit", e -> getUI().ifPresent(ui -> ui.navigate("forensics/submit")));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        var grid = new Grid<SubmissionView>();
        grid.addColumn(SubmissionView::id).setHeader("#").setAutoWidth(true);
        grid.addColumn(SubmissionView::serial).setHeader("Serial").setAutoWidth(true).setKey("serial");
        grid.addColumn(SubmissionView::foundWhere).setHeader("Found at").setFlexGrow(1);
        grid.addColumn(SubmissionView::receivedFrom).setHeader("From").setFlexGrow(1);
        grid.addColumn(SubmissionView::submittedBy).setHeader("Submitted by").setAutoWidth(true);
        grid.addColumn(s -> TIME.format(s.submittedAt())).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(s -> s.photos().size()).setHeader("Photos").setAutoWidth(true);
        grid.addColumn(s -> s.currentVerdict() == null ? "awaiting review" : s.currentVerdict().verdict().label())
                .setHeader("Verdict").setAutoWidth(true).setKey("verdict");
        grid.setItems(submissions);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("forensics/submissions/" + e.getItem().id())));
        add(new Paragraph("Suspect units submitted by distributors, service centres and hospitals. Open one to see the "
                + "pre-checks, fill the checklist and sign a verdict."), kpis, submit, grid);
    }
}
