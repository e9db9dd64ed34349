package org.serialregistry.serial.internal;

import org.serialregistry.audit.ChainHead;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The lifecycle log as a checkpointed chain: its head is read from the newest event itself. */
@Component
class LifecycleChainHead implements ChainHead {

    static final String CHAIN = org.serialregistry.serial.Units.CHAIN;

    private final LifecycleLogStore log;

    LifecycleChainHead(LifecycleLogStore log) {
        this.log = log;
    }

    @Override
    public String chain() {
        return CHAIN;
    }

    @Override
    @Transactional(readOnly = true)
    public Head head() {
        return log.head();
    }
}
