package org.yangguang.distribution;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/** Prints the line ./yangguang and the end-to-end tests wait for. */
@Singleton
final class ReadyAnnouncer {
    @EventListener
    void onStartup(ServerStartupEvent event) {
        System.out.println("DISTRIBUTION READY http=" + event.getSource().getPort());
        System.out.flush();
    }
}
