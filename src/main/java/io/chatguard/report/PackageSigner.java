package io.chatguard.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatguard.platform.storage.Sha256;

/**
 * Signs evidence packages with ChatGuard's Ed25519 key, so a regulator can tell a package from one
 * assembled elsewhere: the verifier checks the signature over manifest.json and prints the key's
 * fingerprint to compare with the published one. The key lives in a file outside the repository,
 * created (owner-only) on first start when missing.
 */
@ApplicationScoped
public class PackageSigner {
    private static final Logger LOG = Logger.getLogger(PackageSigner.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    PackageSigner(ReportConfig config) {
        try {
            KeyPair pair = load(config);
            this.privateKey = pair.getPrivate();
            this.publicKey = pair.getPublic();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the package signing key " + config.signingKeyFile(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable package signing key " + config.signingKeyFile(), e);
        }
    }

    /** The key pair from the file (a PRIVATE KEY and a PUBLIC KEY PEM block), created first when missing. */
    private static KeyPair load(ReportConfig config) throws IOException, GeneralSecurityException {
        var file = config.signingKeyFile();
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        if (Files.exists(file)) {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return new KeyPair(keys.generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY"))),
                    keys.generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY"))));
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warnf("cannot restrict the permissions of %s on this file system", file);
        }
        LOG.warnf("created a new package signing key at %s; publish its fingerprint %s", file,
                Sha256.hex(pair.getPublic().getEncoded()));
        return pair;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new java.security.spec.InvalidKeySpecException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
    }

    /** {@code signature.json} for the manifest in {@code manifest}: algorithm, public key (X.509 DER, base64) and signature (base64). */
    byte[] signatureJson(java.nio.file.Path manifest) throws IOException {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            try (var in = Files.newInputStream(manifest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0;) {
                    signer.update(buffer, 0, n);
                }
            }
            String json = "{\"algorithm\":\"Ed25519\",\"publicKey\":\"" + Base64.getEncoder().encodeToString(publicKey.getEncoded())
                    + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(signer.sign()) + "\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the package manifest failed", e);
        }
    }

    /** The public key, X.509 DER base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Lowercase hex SHA-256 of the public key's DER bytes, as the verifier prints it. */
    public String fingerprint() {
        return Sha256.hex(publicKey.getEncoded());
    }
}
