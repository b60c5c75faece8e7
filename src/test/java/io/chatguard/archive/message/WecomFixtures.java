package io.chatguard.archive.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads WeCom record fixtures from {@code src/test/resources/wecom/}. */
final class WecomFixtures {
    private WecomFixtures() {
    }

    static String read(String name) {
        try (InputStream in = WecomFixtures.class.getResourceAsStream("/wecom/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture wecom/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedMessage parse(String name) {
        try {
            return new MessageParser().parse(read(name));
        } catch (MessageParseException e) {
            throw new AssertionError("fixture " + name + " did not parse: " + e.reason(), e);
        }
    }
}
