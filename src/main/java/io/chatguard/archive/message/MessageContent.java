package io.chatguard.archive.message;

/** The typed body of a message; one record per WeCom msgtype. */
public interface MessageContent {
}
