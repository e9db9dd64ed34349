package org.serialregistry.lifecycle.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.UnitCustody;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Component;

/**
 * Whose units a caller may change: staff who run the production and the channel (ADMIN, QUALITY,
 * PRODUCTION, CHANNEL) any unit; everyone else only units their party holds now, by custody.
 */
@Component
public class CallerScope {

    static final Set<Role> WHOLE_PRODUCTION = EnumSet.of(Role.ADMIN, Role.QUALITY, Role.PRODUCTION, Role.CHANNEL);

    private final CurrentUser currentUser;
    private final Parties parties;
    private final Custody custody;

    CallerScope(CurrentUser currentUser, Parties parties, Custody custody) {
        this.currentUser = currentUser;
        this.parties = parties;
        this.custody = custody;
    }

    /** The party the caller acts for, if bound to one. */
    public @Nullable String actingParty() {
        return parties.actingParty().orElse(null);
    }

    public String username() {
        return currentUser.username().orElse("system");
    }

    /**
     * Checks that the caller may change these units.
     *
     * @throws IllegalArgumentException naming the units the caller's party does not hold
     */
    public void requireOwn(List<SerialNumber> serials) {
        if (currentUser.roles().stream().anyMatch(WHOLE_PRODUCTION::contains)) {
            return;
        }
        String party = actingParty();
        if (party == null) {
            throw new IllegalArgumentException("serials: you act for no party; only units your party holds can be "
                    + "reported (ask an administrator to bind you to your party)");
        }
        var notHeld = new ArrayList<String>();
        for (SerialNumber s : serials) {
            // a partner gets the holder only where it is its own party; units it never held answer empty
            boolean ours = custody.holderOf(s.value()).map(UnitCustody::holder).filter(party::equals).isPresent();
            if (!ours) {
                notHeld.add(s.value());
            }
        }
        if (!notHeld.isEmpty()) {
            throw new IllegalArgumentException("serials: " + party + " does not hold " + notHeld.size() + " of them ("
                    + String.join(", ", notHeld.stream().limit(5).toList()) + (notHeld.size() > 5 ? ", …" : "")
                    + "); a party reports only its own units");
        }
    }
}
