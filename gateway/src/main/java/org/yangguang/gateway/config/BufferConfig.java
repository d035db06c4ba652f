package org.yangguang.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param maxBytes     disk quota; when full the oldest readings are dropped (counted and reported in status)
 * @param syncInterval how often appended readings are forced to the storage device (fsync): a power cut loses at
 *                     most this much; a killed process loses nothing that was appended
 */
public record BufferConfig(Path dir, long maxBytes, Duration syncInterval, long segmentBytes) {
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    public BufferConfig {
        if (dir == null) {
            throw new ConfigException("buffer.dir is required");
        }
        if (maxBytes < 2 * segmentBytes) {
            throw new ConfigException("buffer.maxBytes must be at least two segments (" + 2 * segmentBytes + " bytes), was " + maxBytes);
        }
    }

    public static BufferConfig of(Path dir) {
        return new BufferConfig(dir, DEFAULT_MAX_BYTES, Duration.ofSeconds(1), 4L * 1024 * 1024);
    }
}
