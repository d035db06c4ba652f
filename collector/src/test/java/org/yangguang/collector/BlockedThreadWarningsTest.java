package org.yangguang.collector;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The check the load tests rely on can fail: a task that sleeps on the event loop is caught. */
class BlockedThreadWarningsTest {
    @Test
    void aBlockedEventLoopIsReported() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(TimeUnit.MILLISECONDS.toNanos(50))
                .setBlockedThreadCheckInterval(10));
        int before = BlockedThreadWarnings.eventLoopWarnings().size();
        try {
            vertx.getOrCreateContext().runOnContext(v -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Influx.await(() -> BlockedThreadWarnings.eventLoopWarnings().size() > before, Duration.ofSeconds(5), "a blocked-thread warning");
        } finally {
            vertx.close().await();
            BlockedThreadWarnings.clear();
        }
        assertThat(BlockedThreadWarnings.eventLoopWarnings()).isEmpty();
    }
}
