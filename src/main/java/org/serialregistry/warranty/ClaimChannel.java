package org.serialregistry.warranty;

/** How a claim arrived. */
public enum ClaimChannel { PORTAL, API, EXCEL }
