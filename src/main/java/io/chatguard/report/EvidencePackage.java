package io.chatguard.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
 * ledger entry that covers it, and {@code signature.json} over the manifest's exact bytes. Memory holds
 * the file list, never a file's content.
 */
final class EvidencePackage implements Closeable {
    static final String FORMAT = "chatguard-evidence-package/1";

    /** A data file: where in the package, its hash and size, and the ledger ref of the record it copies (or null). */
    record PackagedFile(String path, String sha256, long size, String ledgerRef) {
    }

    private final ZipOutputStream zip;
    private final List<PackagedFile> files = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();

    EvidencePackage(OutputStream out) {
        this.zip = new ZipOutputStream(out);
    }

    boolean contains(String path) {
        return paths.contains(path);
    }

    /**
     * Adds {@code content} (read to its end, not closed) as {@code path}; {@code ledgerRef} names the ledger
     * record it is a copy of, or is null for files the package itself is about (the report).
     */
    PackagedFile add(String path, InputStream content, String ledgerRef) throws IOException {
        if (!paths.add(path) || path.startsWith("/") || path.contains("..") || path.equals("manifest.json")
                || path.equals("signature.json")) {
            throw new IllegalArgumentException("bad or repeated package path " + path);
        }
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest digest = Sha256.newDigest();
        long size = new DigestInputStream(content, digest).transferTo(zip);
        zip.closeEntry();
        PackagedFile f = new PackagedFile(path, HexFormat.of().formatHex(digest.digest()), size, ledgerRef);
        files.add(f);
        return f;
    }

    /**
     * Writes the manifest and its signature and ends the ZIP. {@code ledger} are the entries of the files'
     * refs (a file whose record the ledger has not reached yet is listed without one), {@code head} the
     * chain head when the package was made.
     */
    void finish(Map<String, Object> about, List<LedgerEntry> ledger, EvidenceLedger.Head head, PackageSigner signer,
            ObjectMapper json) throws IOException {
        var manifest = new LinkedHashMap<String, Object>();
        manifest.put("format", FORMAT);
        manifest.putAll(about);
        var seqs = new java.util.HashMap<String, Long>();
        ledger.forEach(e -> seqs.put(e.ref(), e.seq()));
        var fileList = new ArrayList<Map<String, Object>>(files.size());
        for (PackagedFile f : files) {
            var m = new LinkedHashMap<String, Object>();
            m.put("path", f.path());
            m.put("sha256", f.sha256());
            m.put("size", f.size());
            m.put("ledgerSeq", f.ledgerRef() == null ? null : seqs.get(f.ledgerRef()));
            fileList.add(m);
        }
        manifest.put("files", fileList);
        var entries = new ArrayList<Map<String, Object>>(ledger.size());
        for (LedgerEntry e : ledger) {
            var m = new LinkedHashMap<String, Object>();
            m.put("seq", e.seq());
            m.put("source", e.source());
            m.put("ref", e.ref());
            m.put("contentSha256", e.contentSha256());
            m.put("prevHash", e.prevHash());
            m.put("recordedAt", e.recordedAt().toString());
            m.put("entryHash", e.entryHash());
            entries.add(m);
        }
        manifest.put("ledger", entries);
        manifest.put("chainHead", Map.of("seq", head.seq(), "entryHash", head.entryHash()));
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        write("manifest.json", bytes);
        write("signature.json", signer.signatureJson(bytes));
        zip.finish();
    }

    private void write(String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
