package org.serialregistry.warranty.internal;

import org.serialregistry.verification.PublicRegistration;
import org.serialregistry.verification.RegistrationIntake;
import org.serialregistry.verification.RegistrationResult;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.springframework.stereotype.Component;

/** Takes registrations from verification's public form; bad input throws "field: problem" for the form. */
@Component
class PublicRegistrationIntake implements RegistrationIntake {

    private final OwnershipRegistry registry;

    PublicRegistrationIntake(OwnershipRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RegistrationResult register(PublicRegistration r) {
        var outcome = registry.registerFromPublicForm(new NewRegistration(r.gtin().value(), r.serial().value(),
                r.purchaseDate(), r.retailer(), r.ownerName(), r.email(), r.proofOfPurchase(), r.proofFilename()),
                r.clientKey());
        return new RegistrationResult(outcome.effective(), outcome.message());
    }
}
