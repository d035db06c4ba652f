package org.yangguang.gateway.config;

import java.nio.file.Path;

/**
 * How the gateway knows its wall clock is set (section {@code clock:} of station.yaml). A box without a
 * battery-backed real-time clock (a Raspberry Pi, many industrial PCs after a flat battery) boots at 1970 or at the
 * last time it saved, and keeps that until NTP reaches it over 4G; readings stamped meanwhile would land at the wrong
 * place in history. With {@code synchronizedWhen} the gateway stores no reading until the OS says its clock is
 * synchronized.
 *
 * @param timedatectl ask {@code timedatectl show -p NTPSynchronized} (systemd-timesyncd, or chrony through timedated)
 * @param file        or: a file that exists once the clock is synchronized (systemd-timesyncd's
 *                    {@code /run/systemd/timesync/synchronized}); null with timedatectl false: trust the clock
 */
public record ClockConfig(boolean timedatectl, Path file) {
    public static final ClockConfig TRUST = new ClockConfig(false, null);

    public ClockConfig {
        if (timedatectl && file != null) {
            throw new ConfigException("clock.synchronizedWhen is either 'timedatectl' or a file, not both");
        }
    }

    public boolean checksSync() {
        return timedatectl || file != null;
    }
}
