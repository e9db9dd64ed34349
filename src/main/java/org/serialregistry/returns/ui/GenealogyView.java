package org.serialregistry.returns.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.returns.Genealogy;
import org.serialregistry.security.Role;

/**
 * A unit's genealogy as two trees: its ancestors (what it is built into, the unit it replaced, the
 * original it was refurbished from) and its descendants (components, replacement, refurbished unit).
 */
@Route("service/genealogy")
@PageTitle("Genealogy")
@Menu(title = "Genealogy", order = 75, icon = "vaadin:sitemap")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class GenealogyView extends VerticalLayout {

    private final Genealogy genealogy;
    final TextField serial = new TextField("Serial");
    final Paragraph summary = new Paragraph();
    final TreeGrid<Genealogy.Node> ancestors = tree();
    final TreeGrid<Genealogy.Node> descendants = tree();

    GenealogyView(Genealogy genealogy) {
        this.genealogy = genealogy;
        var show = new Button("Show genealogy", e -> ServiceFormat.attempt(() -> show(serial.getValue())));
        var bar = new HorizontalLayout(serial, show);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar, summary, new Paragraph("Backward: ancestors"), ancestors, new Paragraph("Forward: descendants"), descendants);
    }

    private static TreeGrid<Genealogy.Node> tree() {
        var grid = new TreeGrid<Genealogy.Node>();
        grid.addHierarchyColumn(Genealogy.Node::serial).setHeader("Serial").setAutoWidth(true);
        grid.addColumn(n -> n.relation().words()).setHeader("Relation").setAutoWidth(true);
        grid.addColumn(n -> n.gtin() == null ? "" : n.gtin()).setHeader("GTIN").setAutoWidth(true);
        grid.addColumn(n -> n.status() == null ? "" : n.status()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(n -> n.detail() == null ? "" : n.detail()).setHeader("Detail").setFlexGrow(1);
        grid.setAllRowsVisible(true);
        return grid;
    }

    void show(String text) {
        var graph = genealogy.of(text);
        if (graph.isEmpty()) {
            summary.setText("This registry never issued serial " + text.strip().toUpperCase() + ".");
            ancestors.setItems(List.of(), n -> List.of());
            descendants.setItems(List.of(), n -> List.of());
            return;
        }
        var g = graph.get();
        summary.setText(g.serial() + ": " + g.ancestors().size() + " ancestor(s), " + g.descendants().size()
                + " descendant(s)" + (g.truncated() ? " (first " + Genealogy.MAX_NODES + " units only)" : "") + ".");
        fill(ancestors, g.serial(), g.ancestors());
        fill(descendants, g.serial(), g.descendants());
    }

    private static void fill(TreeGrid<Genealogy.Node> grid, String root, List<Genealogy.Node> nodes) {
        var roots = nodes.stream().filter(n -> root.equals(n.parent())).toList();
        grid.setItems(roots, n -> new ArrayList<>(nodes.stream().filter(c -> n.serial().equals(c.parent())).toList()));
        grid.expandRecursively(roots, 10);
    }
}
