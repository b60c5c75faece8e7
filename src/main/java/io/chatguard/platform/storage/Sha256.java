package io.chatguard.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers returning lowercase hex. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    public static String hex(String utf8) {
        return hex(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String hex(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Of what {@code in} holds to its end; the stream is not closed. */
    public static String hex(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
