package org.yangguang.collector;

import ch.qos.logback.core.AppenderBase;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects Vert.x's blocked-thread warnings (logback-test.xml attaches it to the BlockedThreadChecker logger), so
 * a test fails when any task held an event loop beyond the collector's threshold.
 */
public final class BlockedThreadWarnings extends AppenderBase<Object> {
    private static final List<String> WARNINGS = new ArrayList<>();

    @Override
    protected void append(Object event) {
        synchronized (WARNINGS) {
            WARNINGS.add(String.valueOf(event));
        }
    }

    static List<String> eventLoopWarnings() {
        synchronized (WARNINGS) {
            return WARNINGS.stream().filter(w -> w.contains("eventloop")).toList();
        }
    }

    static void clear() {
        synchronized (WARNINGS) {
            WARNINGS.clear();
        }
    }
}
