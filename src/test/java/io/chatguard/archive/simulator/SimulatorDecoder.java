package io.chatguard.archive.simulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;

/**
 * Decrypts simulator output the way the service does: PEM keys by version (PKCS#8 through KeyFactory, PKCS#1
 * through an independent DER reader), RSA PKCS#1 v1.5 for the random key, then DecryptData.
 */
final class SimulatorDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<Integer, PrivateKey> keys = new HashMap<>();

    SimulatorDecoder(Map<Integer, String> pems) throws GeneralSecurityException {
        pems.forEach((version, pem) -> keys.put(version, parsePem(pem)));
    }

    /** One GetChatData record, as pulled. */
    record Entry(long seq, String msgid, int publickeyVer, String encryptRandomKey, String encryptChatMsg) {
    }

    static List<Entry> pullAll(ArchiveSdk sdk, int limit) throws ArchiveSdkException {
        List<Entry> entries = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode response = readTree(sdk.getChatData(cursor, limit));
            if (response.path("errcode").asInt() != 0) {
                throw new AssertionError("errcode " + response);
            }
            JsonNode chatdata = response.path("chatdata");
            if (chatdata.isEmpty()) {
                return entries;
            }
            for (JsonNode record : chatdata) {
                entries.add(new Entry(record.get("seq").asLong(), record.get("msgid").asText(),
                        record.get("publickey_ver").asInt(), record.get("encrypt_random_key").asText(),
                        record.get("encrypt_chat_msg").asText()));
                cursor = record.get("seq").asLong();
            }
        }
    }

    boolean hasKey(int version) {
        return keys.containsKey(version);
    }

    /** Step 1: base64 + RSA with the key of {@code publickey_ver}. */
    String randomKey(Entry entry) throws GeneralSecurityException {
        byte[] encrypted = Base64.getDecoder().decode(entry.encryptRandomKey());
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.get(entry.publickeyVer()));
        return new String(rsa.doFinal(encrypted), StandardCharsets.US_ASCII);
    }

    static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Escapes raw control characters so strict JSON parsing succeeds, as domain.md §1 asks. */
    static String escapeControlChars(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static PrivateKey parsePem(String pem) {
        try {
            boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (!pkcs1) {
                return factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            DerReader reader = new DerReader(der).enterSequence();
            BigInteger version = reader.integer();
            if (version.signum() != 0) {
                throw new IllegalArgumentException("unsupported RSAPrivateKey version " + version);
            }
            return factory.generatePrivate(new RSAPrivateCrtKeySpec(reader.integer(), reader.integer(),
                    reader.integer(), reader.integer(), reader.integer(), reader.integer(), reader.integer(),
                    reader.integer()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads just enough DER for RSAPrivateKey: one SEQUENCE of INTEGERs. */
    private static final class DerReader {
        private final byte[] der;
        private int position;

        DerReader(byte[] der) {
            this.der = der;
        }

        DerReader enterSequence() {
            expect(0x30);
            int length = length();
            if (position + length != der.length) {
                throw new IllegalArgumentException("trailing bytes after SEQUENCE");
            }
            return this;
        }

        BigInteger integer() {
            expect(0x02);
            int length = length();
            byte[] content = java.util.Arrays.copyOfRange(der, position, position + length);
            position += length;
            return new BigInteger(content);
        }

        private void expect(int tag) {
            if ((der[position++] & 0xff) != tag) {
                throw new IllegalArgumentException("expected tag " + tag);
            }
        }

        private int length() {
            int first = der[position++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[position++] & 0xff);
            }
            return length;
        }
    }
}
