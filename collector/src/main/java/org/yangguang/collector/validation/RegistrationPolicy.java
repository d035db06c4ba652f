package org.yangguang.collector.validation;

/** What to do with a device the registry does not list. */
public enum RegistrationPolicy {
    /** Accept it and register it (first message wins kind and model); suits pilots and small counties. */
    AUTO,
    /** Reject it as unknown_device: only stations and devices in the registry file are stored. */
    STRICT
}
