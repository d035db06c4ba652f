package org.yangguang.distribution.access;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Lockouts of {@link LoginThrottle} go into the audit trail: who was locked out, since when, until when, why. */
@Singleton
class LoginAudit {
    private final Audit audit;

    LoginAudit(Audit audit) {
        this.audit = audit;
    }

    @Transactional
    void lockout(LoginThrottle.Lockout l, String username, String address) {
        // the system locks; the key is the account name as typed, or the address
        audit.record(new Actor("system", Role.ADMIN, 0, null, null), "login_lockout", "login_" + l.kind().word(),
                l.key(), "too many failed logins",
                l.failures() + " failed logins for " + l.kind().word() + " " + l.key() + ", the last as '"
                        + AccountAuthenticationProvider.printable(username) + "' from " + address + "; locked until " + l.until());
    }
}
