package org.serialregistry.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;

/**
 * The portal shell. The side navigation lists the routes the signed-in user may open, taken from
 * each view's {@code @Menu} and filtered by its access annotation, so a user sees only the
 * workspaces of their roles.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();

    MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);
        viewTitle.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        addToNavbar(new DrawerToggle(), viewTitle);

        var brand = new Span("Serial Registry");
        brand.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE, LumoUtility.Padding.MEDIUM);

        var nav = new SideNav();
        nav.addClassNames(LumoUtility.Margin.Horizontal.SMALL);
        groupByWorkspace(MenuConfiguration.getMenuEntries()).forEach(nav::addItem);

        var who = new Span(authentication.getPrincipalName().orElse(""));
        who.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        var logout = new Button("Sign out", e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        var footer = new Div(who, logout);
        footer.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Padding.MEDIUM,
                LumoUtility.Gap.XSMALL);

        addToDrawer(brand, new Scroller(nav), footer);
    }

    /** Entries whose paths share a first segment ("admin/users", "admin/audit") go under one heading. */
    static List<SideNavItem> groupByWorkspace(List<MenuEntry> entries) {
        var groups = new LinkedHashMap<String, List<MenuEntry>>();
        for (MenuEntry entry : entries) {
            String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            groups.computeIfAbsent(path.contains("/") ? path.substring(0, path.indexOf('/')) : path,
                    k -> new ArrayList<>()).add(entry);
        }
        var items = new ArrayList<SideNavItem>();
        groups.forEach((segment, group) -> {
            if (group.size() == 1) {
                items.add(item(group.getFirst()));
            } else {
                var parent = new SideNavItem(WORKSPACES.getOrDefault(segment, segment));
                group.forEach(e -> parent.addItem(item(e)));
                parent.setExpanded(true);
                items.add(parent);
            }
        });
        return items;
    }

    private static final Map<String, String> WORKSPACES = Map.of(
            "admin", "Administration", "production", "Production", "quality", "Quality", "warranty", "Warranty",
            "channel", "Channel", "forensics", "Forensics", "service", "Service centre",
            "distributor", "Distributor", "verification", "Verification", "counterfeit", "Counterfeit");

    private static SideNavItem item(MenuEntry entry) {
        return entry.icon() == null ? new SideNavItem(entry.title(), entry.path())
                : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
