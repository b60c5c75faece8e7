package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
    private static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
    }

    @Test
    void readsPkcs8AndPkcs1PemAndBothDecryptWhatThePublicKeyEncrypted(@TempDir Path dir) throws Exception {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String pkcs8Pem = pem("PRIVATE KEY", pkcs8);
        String pkcs1Pem = pem("RSA PRIVATE KEY", innerPkcs1(pkcs8));
        Path file = Files.writeString(dir.resolve("v3.pem"), pkcs1Pem);

        KeyRing ring = KeyRing.fromPem(Map.of(1, pkcs8Pem, 2, pkcs1Pem.replace("\n", "\\n"), 3, "file:" + file));

        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Cipher encrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        encrypt.init(Cipher.ENCRYPT_MODE, pair.getPublic());
        byte[] encrypted = encrypt.doFinal(secret);
        for (int version : new int[] {1, 2, 3}) {
            Cipher decrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            decrypt.init(Cipher.DECRYPT_MODE, ring.key(version).orElseThrow());
            assertThat(decrypt.doFinal(encrypted)).as("version %d", version).isEqualTo(secret);
        }
        assertThat(ring.versions()).containsExactly(1, 2, 3);
        assertThat(ring.key(4)).isEmpty();
    }

    @Test
    void unreadableKeyNamesItsVersionButNeverItsContent() {
        String broken = "-----BEGIN PRIVATE KEY-----\nTUlJQ2VjcmV0LWJ1dC1icm9rZW4=\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> KeyRing.fromPem(Map.of(7, broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publickey_ver 7")
                .hasMessageNotContaining("TUlJQ2Vj");
        assertThat(KeyRing.fromPem(Map.of()).toString()).isEqualTo("KeyRing[]");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The RSAPrivateKey (PKCS#1) is the OCTET STRING at the end of the PKCS#8 PrivateKeyInfo. */
    private static byte[] innerPkcs1(byte[] pkcs8) {
        int i = 0;
        i = skipHeader(pkcs8, i); // outer SEQUENCE
        i = skipElement(pkcs8, i); // version
        i = skipElement(pkcs8, i); // algorithm
        int contentStart = skipHeader(pkcs8, i); // OCTET STRING
        return Arrays.copyOfRange(pkcs8, contentStart, pkcs8.length);
    }

    private static int skipHeader(byte[] der, int i) {
        int lengthByte = der[i + 1] & 0xff;
        return i + 2 + (lengthByte < 0x80 ? 0 : lengthByte & 0x7f);
    }

    private static int skipElement(byte[] der, int i) {
        int lengthByte = der[i + 1] & 0xff;
        int length;
        int header;
        if (lengthByte < 0x80) {
            length = lengthByte;
            header = 2;
        } else {
            int n = lengthByte & 0x7f;
            length = 0;
            for (int k = 0; k < n; k++) {
                length = (length << 8) | (der[i + 2 + k] & 0xff);
            }
            header = 2 + n;
        }
        return i + header + length;
    }
}
