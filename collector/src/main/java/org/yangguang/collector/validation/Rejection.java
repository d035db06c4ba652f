package org.yangguang.collector.validation;

/** Why a message is not stored: a stable reason code (dead-letter topic level, metric tag) and a sentence. */
public record Rejection(String code, String detail) {
}
