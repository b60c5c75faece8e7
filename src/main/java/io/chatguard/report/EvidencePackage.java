package io.chatguard.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.evidence.EvidenceLedger;
import io.chatguard.evidence.LedgerEntry;
import io.chatguard.platform.storage.Sha256;

/**
 * Writes an evidence package (docs/EVIDENCE_PACKAGE.md) as a ZIP stream: each data file as it comes,
 * hashed on the way through, then {@code manifest.json} listing every file with its SHA-256 and the
 * ledger entry that covers it (with those entries and the chain head), and {@code signature.json} over
 * the manifest's exact bytes. The manifest's lists grow in files beside the package, so memory does not
 * grow with the number of files (except inside the JDK's Ed25519, which holds the message it signs).
 */
final class EvidencePackage implements Closeable {
    static final String FORMAT = "chatguard-evidence-package/1";

    private final ZipOutputStream zip;
    private final ObjectMapper json;
    private final Path filesPart;
    private final Path ledgerPart;
    private final BufferedWriter files;
    private final BufferedWriter ledger;
    private final Set<String> paths = new HashSet<>();
    private boolean firstFile = true;
    private boolean firstEntry = true;
    private final Path manifestFile;

    /** A package written to {@code out}, with its working files in {@code workDir}. */
    EvidencePackage(OutputStream out, Path workDir, ObjectMapper json) throws IOException {
        this.zip = new ZipOutputStream(out);
        this.json = json;
        this.filesPart = workDir.resolve("manifest-files.part");
        this.ledgerPart = workDir.resolve("manifest-ledger.part");
        this.manifestFile = workDir.resolve("manifest.json");
        this.files = Files.newBufferedWriter(filesPart, StandardCharsets.UTF_8);
        this.ledger = Files.newBufferedWriter(ledgerPart, StandardCharsets.UTF_8);
    }

    boolean contains(String path) {
        return paths.contains(path);
    }

    /**
     * Adds {@code content} (read to its end, not closed) as {@code path}. {@code covering} is the ledger
     * entry of the record the file is a copy of, or null (the report's own files, or a record the ledger
     * has not reached yet).
     */
    void add(String path, InputStream content, LedgerEntry covering) throws IOException {
        if (!paths.add(path) || path.startsWith("/") || path.contains("..") || path.equals("manifest.json")
                || path.equals("signature.json")) {
            throw new IllegalArgumentException("bad or repeated package path " + path);
        }
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest digest = Sha256.newDigest();
        long size = new DigestInputStream(content, digest).transferTo(zip);
        zip.closeEntry();
        var file = new LinkedHashMap<String, Object>();
        file.put("path", path);
        file.put("sha256", HexFormat.of().formatHex(digest.digest()));
        file.put("size", size);
        file.put("ledgerSeq", covering == null ? null : covering.seq());
        files.write(firstFile ? "\n  " : ",\n  ");
        files.write(json.writeValueAsString(file));
        firstFile = false;
        if (covering != null) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("seq", covering.seq());
            entry.put("source", covering.source());
            entry.put("ref", covering.ref());
            entry.put("contentSha256", covering.contentSha256());
            entry.put("prevHash", covering.prevHash());
            entry.put("recordedAt", covering.recordedAt().toString());
            entry.put("entryHash", covering.entryHash());
            ledger.write(firstEntry ? "\n  " : ",\n  ");
            ledger.write(json.writeValueAsString(entry));
            firstEntry = false;
        }
    }

    /** Writes the manifest (with {@code about} first, {@code head} last) and its signature, and ends the ZIP. */
    void finish(Map<String, Object> about, EvidenceLedger.Head head, PackageSigner signer) throws IOException {
        files.close();
        ledger.close();
        try (OutputStream m = Files.newOutputStream(manifestFile)) {
            var header = new LinkedHashMap<String, Object>();
            header.put("format", FORMAT);
            header.putAll(about);
            String open = json.writeValueAsString(header);
            m.write(open.substring(0, open.length() - 1).getBytes(StandardCharsets.UTF_8));
            m.write(",\n\"files\":[".getBytes(StandardCharsets.UTF_8));
            Files.copy(filesPart, m);
            m.write("\n],\n\"ledger\":[".getBytes(StandardCharsets.UTF_8));
            Files.copy(ledgerPart, m);
            m.write(("\n],\n\"chainHead\":" + json.writeValueAsString(Map.of("seq", head.seq(), "entryHash", head.entryHash()))
                    + "}\n").getBytes(StandardCharsets.UTF_8));
        }
        zip.putNextEntry(new ZipEntry("manifest.json"));
        Files.copy(manifestFile, zip);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("signature.json"));
        zip.write(signer.signatureJson(manifestFile));
        zip.closeEntry();
        zip.finish();
    }

    @Override
    public void close() throws IOException {
        try {
            files.close();
            ledger.close();
        } finally {
            zip.close();
        }
    }
}
