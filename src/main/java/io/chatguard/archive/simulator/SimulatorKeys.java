package io.chatguard.archive.simulator;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's RSA key pairs, one per key version, generated deterministically from the seed.
 *
 * <p>Immutable after construction and safe to share. Private keys are exported as PEM the way operators
 * supply them to the service: odd versions as PKCS#8, even versions as PKCS#1, so both parsers are exercised.
 */
final class SimulatorKeys {
    private static final int KEY_BITS = 2048;

    private final Map<Integer, KeyPair> pairs;
    private final Map<Integer, String> pems;

    SimulatorKeys(long seed, int versions) {
        Map<Integer, KeyPair> generated = new LinkedHashMap<>();
        Map<Integer, String> exported = new LinkedHashMap<>();
        for (int version = 1; version <= versions; version++) {
            KeyPair pair = generate(seed, version);
            generated.put(version, pair);
            exported.put(version, version % 2 == 1 ? pkcs8Pem(pair) : pkcs1Pem((RSAPrivateCrtKey) pair.getPrivate()));
        }
        this.pairs = Collections.unmodifiableMap(generated);
        this.pems = Collections.unmodifiableMap(exported);
    }

    RSAPublicKey publicKey(int version) {
        return (RSAPublicKey) pairs.get(version).getPublic();
    }

    Map<Integer, String> privateKeysPem() {
        return pems;
    }

    /** A SHA1PRNG whose only seed is {@code material}: seeded before first use, so it never self-seeds. */
    static SecureRandom deterministicRandom(long material) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(ByteBuffer.allocate(Long.BYTES).putLong(material).array());
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1PRNG is required by the simulator", e);
        }
    }

    private static KeyPair generate(long seed, int version) {
        try {
            // SunRsaSign draws the primes only from the SecureRandom we pass: same seed, same key.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            generator.initialize(KEY_BITS, deterministicRandom(Seeds.derive(seed, version, Seeds.KEYS)));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate simulator RSA key", e);
        }
    }

    private static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** RFC 8017 A.1.2 RSAPrivateKey, which the JDK cannot export itself. */
    static String pkcs1Pem(RSAPrivateCrtKey key) {
        byte[] der = Der.sequence(
                Der.integer(BigInteger.ZERO),
                Der.integer(key.getModulus()),
                Der.integer(key.getPublicExponent()),
                Der.integer(key.getPrivateExponent()),
                Der.integer(key.getPrimeP()),
                Der.integer(key.getPrimeQ()),
                Der.integer(key.getPrimeExponentP()),
                Der.integer(key.getPrimeExponentQ()),
                Der.integer(key.getCrtCoefficient()));
        return pem("RSA PRIVATE KEY", der);
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The two DER constructs PKCS#1 needs. */
    static final class Der {
        private static final int TAG_INTEGER = 0x02;
        private static final int TAG_SEQUENCE = 0x30;

        private Der() {
        }

        static byte[] integer(BigInteger value) {
            // toByteArray is minimal two's complement, which is exactly DER's INTEGER content.
            return tlv(TAG_INTEGER, value.toByteArray());
        }

        static byte[] sequence(byte[]... elements) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] element : elements) {
                content.writeBytes(element);
            }
            return tlv(TAG_SEQUENCE, content.toByteArray());
        }

        private static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else {
                int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
                out.write(0x80 | bytes);
                for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                    out.write((length >>> shift) & 0xff);
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }
    }
}
