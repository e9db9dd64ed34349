package org.serialregistry.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** Sign-in: user name and password, plus "Sign in with Keycloak" when OIDC is configured. */
@Route(value = LoginView.ROUTE, autoLayout = false)
@PageTitle("Sign in · Serial Registry")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "login";
    public static final String ROUTE_PATH = "/" + ROUTE;
    /** Query parameter the login throttle sends back: the seconds until the next attempt may be made. */
    public static final String THROTTLED_PARAMETER = "throttled";

    private final LoginForm login = new LoginForm();

    LoginView(ObjectProvider<ClientRegistrationRepository> oidcClients) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentModeCenter();
        login.setAction(ROUTE);
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Serial Registry"), login);
        if (oidcClients.getIfAvailable() != null) {
            var keycloak = new Anchor("oauth2/authorization/keycloak", "Sign in with Keycloak");
            keycloak.setRouterIgnore(true);
            add(keycloak);
        }
        add(new Paragraph("Checking a product code? Scan it with your phone: no account needed."));
    }

    private void setJustifyContentModeCenter() {
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey(THROTTLED_PARAMETER)) {
            long seconds;
            try {
                seconds = Math.max(1, Long.parseLong(parameters.get(THROTTLED_PARAMETER).getFirst()));
            } catch (NumberFormatException e) {
                seconds = 60;
            }
            var i18n = LoginI18n.createDefault();
            var message = new LoginI18n.ErrorMessage();
            message.setTitle("Too many sign-in attempts");
            message.setMessage("Sign-in is paused for this account or network. Try again in " + seconds
                    + (seconds == 1 ? " second." : " seconds."));
            i18n.setErrorMessage(message);
            login.setI18n(i18n);
            login.setError(true);
        } else if (parameters.containsKey("error")) {
            login.setError(true);
        }
    }
}
