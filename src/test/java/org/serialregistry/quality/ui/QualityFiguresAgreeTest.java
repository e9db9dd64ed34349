package org.serialregistry.quality.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.quality.ClaimRate;
import org.serialregistry.quality.LotClaimRate;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 8: a quality engineer's figures agree and lead somewhere: the drill-down says how
 * many of its claims the rate counts, a product opens its lots, a claim opens from the drill-down,
 * and the lot chart shows the threshold with the bars above it marked.
 */
@IntegrationTest
@WithUserDetails("quality")
class QualityFiguresAgreeTest extends SpringBrowserlessTest {

    private LotClaimRate a2611(QualityHomeView home) {
        var lots = test(home.lots);
        for (int i = 0; i < lots.size(); i++) {
            if (lots.getRow(i).lot().equals("A2611")) {
                return lots.getRow(i);
            }
        }
        throw new AssertionError("A2611 not listed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDrillDownSaysHowManyOfItsClaimsTheRateCountsAndOpensAClaim() {
        navigate(QualityHomeView.class);
        var lot = a2611((QualityHomeView) getCurrentView());
        ((QualityHomeView) getCurrentView()).drillDown(lot);
        var drill = (QualityClaimsView) getCurrentView();
        var claims = test((Grid<ClaimView>) drill.grid);
        long denied = 0;
        for (int i = 0; i < claims.size(); i++) {
            if (claims.getRow(i).state() == ClaimState.DENIED) {
                denied++;
            }
        }
        assertThat(claims.size() - denied).as("claims the rate counts").isEqualTo(lot.claims());
        if (denied > 0) {
            assertThat(drill.title.getText()).contains(lot.claims() + " counted in the claim rate, " + denied
                    + " denied and not counted");
        }

        claims.clickRow(0);
        var dialog = $(Dialog.class).single();
        assertThat(dialog.getHeaderTitle()).startsWith("Claim " + claims.getRow(0).claimNumber());
        assertThat(dialog.getElement().getTextRecursively()).contains("Decision and why", "Counted in the rate");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clickingAProductShowsOnlyItsLots() {
        navigate(QualityHomeView.class);
        var home = (QualityHomeView) getCurrentView();
        var products = test((Grid<ClaimRate>) $(Grid.class).id("rates-product"));
        String product = products.getRow(0).group();
        products.clickRow(0);

        var lots = test(home.lots);
        assertThat(lots.size()).isPositive();
        for (int i = 0; i < lots.size(); i++) {
            assertThat(lots.getRow(i).product()).isEqualTo(product);
        }
        assertThat(home.lotFilter.getElement().getTextRecursively()).contains("Lots of " + product);
    }

    @Test
    void theLotChartDrawsTheThresholdAndColoursTheBarsAboveIt() {
        navigate(QualityHomeView.class);
        var panel = $(FigurePanel.class).all().stream().filter(p -> p.getTitle().equals("Claim rate per lot"))
                .findFirst().orElseThrow();
        String option = panel.getChart().getOptionJson();
        assertThat(option).contains("\"markLine\"", "\"yAxis\"", "#b3261e");
    }
}
