package org.serialregistry.serial;

/** EPCIS 2.0 event types. */
public enum EpcisEventType {
    OBJECT_EVENT("ObjectEvent"), AGGREGATION_EVENT("AggregationEvent"),
    TRANSFORMATION_EVENT("TransformationEvent"), TRANSACTION_EVENT("TransactionEvent");

    private final String epcis;

    EpcisEventType(String epcis) {
        this.epcis = epcis;
    }

    public String epcis() {
        return epcis;
    }
}
