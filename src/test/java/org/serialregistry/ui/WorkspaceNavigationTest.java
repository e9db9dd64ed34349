package org.serialregistry.ui;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Each demo user sees exactly the workspaces of their role in the side navigation, and lands in it. */
@IntegrationTest
class WorkspaceNavigationTest extends SpringBrowserlessTest {

    private List<String> sideNavigation() {
        navigate("", com.vaadin.flow.component.Component.class);
        var nav = $(SideNav.class).single();
        return nav.getItems().stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    @WithUserDetails("admin")
    void anAdministratorSeesTheAdministrationWorkspaceOnly() {
        assertThat(sideNavigation()).containsExactly("Administration", "Recalls", "Counterfeit list", "End of life");
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("UserAdminView");
    }

    @Test
    @WithUserDetails("production")
    void productionStaffSeeTheProductionWorkspaceAndLandInIt() {
        assertThat(sideNavigation()).containsExactly("Production", "End of life");
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("ProductionHomeView");
    }

    @Test
    @WithUserDetails("quality")
    void qualityEngineersSeeTheQualityWorkspace() {
        assertThat(sideNavigation()).containsExactly("Quality", "End of life");
    }

    @Test
    @WithUserDetails("warranty")
    void adjudicatorsSeeTheWarrantyWorkspace() {
        assertThat(sideNavigation()).containsExactly("Warranty");
    }

    @Test
    @WithUserDetails("channel")
    void channelManagersSeeTheChannelVerificationAndCounterfeitWorkspaces() {
        assertThat(sideNavigation()).containsExactlyInAnyOrder("Channel", "Verification", "Counterfeit", "End of life");
    }

    @Test
    @WithUserDetails("forensics")
    void forensicReviewersSeeTheForensicsVerificationAndCounterfeitWorkspaces() {
        assertThat(sideNavigation()).containsExactlyInAnyOrder("Forensics", "Verification", "Counterfeit");
    }

    @Test
    @WithUserDetails("service")
    void serviceCentresSeeTheServiceWorkspaceAndMaySubmitSuspectUnits() {
        assertThat(sideNavigation()).containsExactly("Service centre", "Submit suspect unit", "End of life");
    }

    @Test
    @WithUserDetails("distributor")
    void distributorsSeeTheDistributorWorkspaceAndMaySubmitSuspectUnits() {
        assertThat(sideNavigation()).containsExactly("Distributor", "Submit suspect unit", "End of life");
    }
}
