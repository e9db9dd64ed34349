package org.serialregistry.warranty;

/** What a failed check does to a claim: deny it, or send it to a person. */
public enum FailureAction { DENY, REVIEW }
