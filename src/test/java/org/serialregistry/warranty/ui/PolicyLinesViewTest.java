package org.serialregistry.warranty.ui;

import java.time.LocalDate;
import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.shared.Gtin;
import org.serialregistry.warranty.CoverageKind;
import org.serialregistry.warranty.CoverageLine;
import org.serialregistry.warranty.CoverageStart;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.WarrantyPolicies;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator gives a policy its own parts and travel lines where policies are edited. */
@IntegrationTest
@WithUserDetails("admin")
class PolicyLinesViewTest extends SpringBrowserlessTest {

    @Autowired
    MasterData masterData;
    @Autowired
    WarrantyPolicies policies;

    @Test
    void anAdministratorAddsAVersionWithPartsAndTravelLines() {
        String first13 = "0950619" + String.format("%06d", System.nanoTime() % 1_000_000);
        String gtin = first13 + Gtin.checkDigit(first13);
        masterData.createProduct(new NewProduct(gtin, "Heat pump " + gtin.substring(8), ProductCategory.ELECTRONICS,
                RiskClass.STANDARD, Set.of("DE"), ""));

        var view = navigate(PolicyAdminView.class);
        @SuppressWarnings("unchecked")
        Select<ProductView> product = $(Select.class).withCaption("Product").single();
        product.setValue(product.getListDataView().getItems().filter(p -> p.gtin().value().equals(gtin)).findFirst()
                .orElseThrow());
        $(DatePicker.class).withCaption("In force from").single().setValue(LocalDate.of(2020, 1, 1));
        @SuppressWarnings("unchecked")
        CheckboxGroup<DefectCode> covered = $(CheckboxGroup.class).withCaption("Covered defects").single();
        covered.setValue(Set.of(DefectCode.LEAK));
        view.lineTerms.get(CoverageKind.PARTS).setValue(60);
        view.lineStarts.get(CoverageKind.PARTS).setValue(CoverageStart.MANUFACTURE);
        view.lineTerms.get(CoverageKind.TRAVEL).setValue(12);
        view.lineStarts.get(CoverageKind.TRAVEL).setValue(CoverageStart.INSTALLATION);
        $(Button.class).withText("Add policy version").single().click();

        var saved = policies.versions(new Gtin(gtin));
        assertThat(saved).singleElement().satisfies(p -> {
            assertThat(p.lines()).containsExactly(new CoverageLine(CoverageKind.PARTS, 60, CoverageStart.MANUFACTURE),
                    new CoverageLine(CoverageKind.TRAVEL, 12, CoverageStart.INSTALLATION));
            assertThat(p.labourCovered()).as("no labour line: labour is not paid").isFalse();
            assertThat(p.termInWords()).isEqualTo("parts 60 months from manufacture; travel 12 months from installation");
        });
        assertThat(test(view.grid).size()).isEqualTo(policies.all().size());
    }
}
