package org.serialregistry.warranty;

/** Where an ownership registration came from. */
public enum RegistrationChannel { PUBLIC, API, PORTAL, TRANSFER }
