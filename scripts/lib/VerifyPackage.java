/*
 * Offline verifier for ChatGuard evidence packages (format: docs/EVIDENCE_PACKAGE.md).
 *
 *   java VerifyPackage.java [--public-key-fingerprint HEX] FILE.zip
 *
 * One source file, JDK 21 or later, no other dependencies, no network. Exit status: 0 verified,
 * 1 a check failed or the zip cannot be read, 2 usage error.
 *
 * The zip is read with its own small reader rather than java.util.zip.ZipFile: ZipFile ignores
 * local headers, data descriptors and several central directory fields, so a changed byte there
 * would go unnoticed. Here every byte of the archive is either covered by a checksum, the
 * signature, or compared with another copy, or must hold the single value the format allows.
 */

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

public final class VerifyPackage {
    static final String FORMAT = "chatguard-evidence-package/1";
    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "signature.json";
    static final String GENESIS = "0".repeat(64);
    static final String USAGE = "usage: VerifyPackage [--public-key-fingerprint HEX] FILE.zip";
    /** manifest.json and signature.json are read into memory (they are parsed); data files never are. */
    static final long MAX_MANIFEST_BYTES = 256L << 20;
    static final long MAX_SIGNATURE_BYTES = 64L << 10;

    private VerifyPackage() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies and returns the exit status; never throws. Separate from main so tests can call it in-process. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options == null) {
            out.println(USAGE);
            return 0;
        }
        Report report = new Report(out);
        try {
            new Verifier(options, report).verify();
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // Not expected; still one readable line rather than a stack trace.
            report.fail("internal", "verification stopped: " + e);
        }
        return report.finish();
    }

    // ---------------------------------------------------------------- command line

    record Options(Path zip, String pinnedFingerprint) {
        /** Returns null for --help. */
        static Options parse(String[] args) throws UsageException {
            String pin = null;
            String file = null;
            boolean optionsEnded = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                    if (file != null) {
                        throw new UsageException("one package file at a time");
                    }
                    file = arg;
                    continue;
                } else if (arg.equals("--")) {
                    optionsEnded = true;
                    continue;
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    return null;
                } else if (arg.equals("--public-key-fingerprint")) {
                    if (++i == args.length) {
                        throw new UsageException("--public-key-fingerprint needs a value");
                    }
                    value = args[i];
                } else if (arg.startsWith("--public-key-fingerprint=")) {
                    value = arg.substring("--public-key-fingerprint=".length());
                } else {
                    throw new UsageException("unknown option " + arg);
                }
                if (pin != null) {
                    throw new UsageException("--public-key-fingerprint given twice");
                }
                pin = normalizeFingerprint(value);
            }
            if (file == null) {
                throw new UsageException("no package file given");
            }
            try {
                return new Options(Path.of(file), pin);
            } catch (InvalidPathException e) {
                throw new UsageException("invalid file name: " + e.getMessage());
            }
        }

        /** Accepts upper case and ':' or space separators, as fingerprints are often shown that way. */
        static String normalizeFingerprint(String value) throws UsageException {
            String hex = value.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            if (!isHex64(hex)) {
                throw new UsageException("--public-key-fingerprint must be 64 hex digits (a SHA-256), got \"" + value + "\"");
            }
            return hex;
        }
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- output

    record Failure(String what, String detail) {
    }

    /** Prints result lines and counts failures. */
    static final class Report {
        private final PrintStream out;
        private int problems;
        private String verifiedSummary;

        Report(PrintStream out) {
            this.out = out;
        }

        void line(String text) {
            out.println(printable(text));
        }

        void fail(String what, String detail) {
            problems++;
            line("FAIL " + what + ": " + detail);
        }

        /** One summary line for a group of checks, then one line per failure. */
        void group(String summary, List<Failure> failures) {
            line(summary);
            for (Failure f : failures) {
                fail(f.what(), f.detail());
            }
        }

        void verified(int files, int ledgerEntries) {
            verifiedSummary = "OK: package verified (" + files + " files, " + ledgerEntries + " ledger entries)";
        }

        int finish() {
            if (problems == 0 && verifiedSummary != null) {
                line(verifiedSummary);
                return 0;
            }
            line("FAILED: " + Math.max(problems, 1) + " problem(s)");
            return 1;
        }

        /**
         * Names and titles come from the package: escape control and formatting characters so a
         * crafted name cannot start a new line (a fake "OK") or reorder text on the terminal.
         */
        static String printable(String text) {
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                int type = Character.getType(cp);
                if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            });
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- the checks

    /** What the archive holds once read: contents of the first entry of each valid name. */
    record Contents(Set<String> names, Map<String, EntryContent> byName) {
        boolean present(String name) {
            return names.contains(name);
        }

        /** Null when the entry is absent or could not be read. */
        EntryContent content(String name) {
            return byName.get(name);
        }
    }

    record Manifest(String format, Long reportId, String title, String exportedBy, String exportedAt,
            List<FileItem> files, List<LedgerItem> ledger, ChainHead chainHead) {
    }

    /** A manifest.files item; sha256, size are null when the manifest gives no valid value. */
    record FileItem(String path, String sha256, Long size, Long ledgerSeq) {
    }

    record LedgerItem(long seq, String source, String ref, String contentSha256, String prevHash,
            String recordedAt, String entryHash) {
        String computedHash() {
            return sha256Hex((prevHash + "\n" + seq + "\n" + source + "\n" + ref + "\n" + contentSha256 + "\n"
                    + recordedAt).getBytes(StandardCharsets.UTF_8));
        }
    }

    record ChainHead(long seq, String entryHash) {
    }

    static final class Verifier {
        private final Options options;
        private final Report report;

        Verifier(Options options, Report report) {
            this.options = options;
            this.report = report;
        }

        void verify() throws IOException {
            report.line("package: " + options.zip());
            ZipArchive zip;
            try {
                zip = ZipArchive.open(options.zip());
            } catch (ZipUnreadableException e) {
                report.group("zip: cannot be read", List.of(new Failure("zip", e.getMessage())));
                return;
            }
            try (zip) {
                Contents contents = checkZip(zip);
                checkSignature(contents);
                Manifest manifest = checkManifest(contents);
                if (manifest == null) {
                    report.line("files, ledger: not checked (no readable manifest)");
                    return;
                }
                checkFiles(contents, manifest);
                checkLedger(manifest);
                checkLedgerReferences(manifest);
                report.verified(manifest.files().size(), manifest.ledger().size());
            }
        }

        /** Check 5 and the archive structure; reads (and hashes) every entry once. */
        private Contents checkZip(ZipArchive zip) throws IOException {
            List<Failure> failures = new ArrayList<>(zip.problems());
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>();
            Map<String, EntryContent> byName = new LinkedHashMap<>();
            for (CentralEntry entry : zip.entries()) {
                String name = entry.name();
                boolean first = counts.merge(name, 1, Integer::sum) == 1;
                String pathProblem = pathProblem(name);
                if (pathProblem != null && first) {
                    failures.add(zipFailure(name, pathProblem));
                }
                long keep = name.equals(MANIFEST) ? MAX_MANIFEST_BYTES : name.equals(SIGNATURE) ? MAX_SIGNATURE_BYTES : -1;
                EntryResult result = zip.read(entry, keep);
                result.problems().forEach(p -> failures.add(zipFailure(name, p)));
                if (first && pathProblem == null) {
                    names.add(name);
                    if (result.content() != null) {
                        byName.put(name, result.content());
                    }
                }
            }
            counts.forEach((name, n) -> {
                if (n > 1) {
                    failures.add(zipFailure(name, "appears " + n + " times (entry names must be unique)"));
                }
            });
            report.group("zip: " + zip.entries().size() + " entries", failures);
            return new Contents(names, byName);
        }

        private static Failure zipFailure(String name, String detail) {
            return new Failure("zip", "entry " + name + ": " + detail);
        }

        /** Check 1: signature.json, the key fingerprint (pinned or not) and the signature over manifest.json. */
        private void checkSignature(Contents contents) {
            List<Failure> failures = new ArrayList<>();
            EntryContent manifest = contents.content(MANIFEST);
            EntryContent signatureFile = contents.content(SIGNATURE);
            if (signatureFile == null) {
                failures.add(new Failure("signature", contents.present(SIGNATURE)
                        ? "signature.json could not be read (see the zip problems above)"
                        : "signature.json is missing from the package"));
                report.group("signature: not checked", failures);
                return;
            }
            SignatureFile sig = SignatureFile.parse(signatureFile.bytes(), failures);
            if (sig == null) {
                report.group("signature: not checked", failures);
                return;
            }
            String fingerprint = sha256Hex(sig.publicKeyDer());
            report.line("key fingerprint: " + fingerprint);
            if (options.pinnedFingerprint() == null) {
                report.line("WARNING: signing key not pinned; compare the fingerprint with the one ChatGuard published");
            } else if (!options.pinnedFingerprint().equals(fingerprint)) {
                failures.add(new Failure("key", "fingerprint " + fingerprint + " does not match the pinned fingerprint "
                        + options.pinnedFingerprint()));
            } else {
                report.line("key: matches the pinned fingerprint");
            }
            if (manifest == null) {
                report.group("signature: not checked (no readable manifest.json)", failures);
                return;
            }
            boolean valid = sig.verifies(manifest.bytes(), failures);
            report.group(valid ? "signature: valid (Ed25519 over manifest.json)" : "signature: NOT valid", failures);
        }

        /** Check 1 (format) and the shape of every manifest field the later checks rely on. */
        private Manifest checkManifest(Contents contents) {
            List<Failure> failures = new ArrayList<>();
            EntryContent entry = contents.content(MANIFEST);
            Manifest manifest = null;
            if (entry == null) {
                failures.add(new Failure("manifest", contents.present(MANIFEST)
                        ? "manifest.json could not be read (see the zip problems above)"
                        : "manifest.json is missing from the package"));
            } else {
                try {
                    manifest = new ManifestReader(failures).read(Json.parse(utf8(entry.bytes())));
                } catch (JsonException e) {
                    failures.add(new Failure("manifest", "manifest.json is not valid JSON: " + e.getMessage()));
                }
            }
            String summary = manifest == null ? "manifest: not readable"
                    : "manifest: report " + manifest.reportId() + " \"" + manifest.title() + "\", exported by "
                            + manifest.exportedBy() + " at " + manifest.exportedAt();
            report.group(summary, failures);
            return manifest;
        }

        /** Check 2: the zip's data entries and manifest.files are the same set, with matching size and sha256. */
        private void checkFiles(Contents contents, Manifest manifest) {
            List<Failure> failures = new ArrayList<>();
            Map<String, FileItem> listed = new LinkedHashMap<>();
            for (FileItem item : manifest.files()) {
                String pathProblem = pathProblem(item.path());
                if (pathProblem != null) {
                    failures.add(fileFailure(item.path(), "invalid path in the manifest: " + pathProblem));
                } else if (item.path().equals(MANIFEST) || item.path().equals(SIGNATURE)) {
                    failures.add(fileFailure(item.path(), "is a reserved name and cannot be listed as a data file"));
                } else if (listed.putIfAbsent(item.path(), item) != null) {
                    failures.add(fileFailure(item.path(), "listed more than once in the manifest"));
                }
            }
            for (String name : contents.names()) {
                if (!name.equals(MANIFEST) && !name.equals(SIGNATURE) && !listed.containsKey(name)) {
                    failures.add(fileFailure(name, "in the zip but not listed in the manifest"));
                }
            }
            for (FileItem item : listed.values()) {
                checkFile(item, contents, failures);
            }
            report.group("files: " + manifest.files().size() + " checked", failures);
        }

        private static void checkFile(FileItem item, Contents contents, List<Failure> failures) {
            String path = item.path();
            if (!contents.present(path)) {
                failures.add(fileFailure(path, "listed in the manifest but missing from the zip"));
                return;
            }
            EntryContent content = contents.content(path);
            if (content == null) {
                failures.add(fileFailure(path, "could not be read (see the zip problems above); content not verified"));
                return;
            }
            if (item.size() != null && item.size() != content.size()) {
                failures.add(fileFailure(path, "size expected " + item.size() + ", found " + content.size()));
            }
            if (item.sha256() != null && !item.sha256().equals(content.sha256())) {
                failures.add(fileFailure(path, "sha256 expected " + item.sha256() + ", found " + content.sha256()));
            }
        }

        private static Failure fileFailure(String path, String detail) {
            return new Failure("file " + path, detail);
        }

        /** Check 3: entry hashes, links between consecutive seqs, unique seqs, the chain head. */
        private void checkLedger(Manifest manifest) {
            List<Failure> failures = new ArrayList<>();
            TreeMap<Long, LedgerItem> bySeq = new TreeMap<>();
            Map<Long, Integer> counts = new TreeMap<>();
            for (LedgerItem item : manifest.ledger()) {
                counts.merge(item.seq(), 1, Integer::sum);
                bySeq.putIfAbsent(item.seq(), item);
                String computed = item.computedHash();
                if (!computed.equals(item.entryHash())) {
                    failures.add(ledgerFailure(item.seq(), "entryHash does not recompute: manifest says "
                            + item.entryHash() + ", computed " + computed));
                }
            }
            counts.forEach((seq, n) -> {
                if (n > 1) {
                    failures.add(ledgerFailure(seq, "listed " + n + " times (seqs must be unique)"));
                }
            });
            int links = checkLinks(bySeq, failures);
            ChainHead head = manifest.chainHead();
            if (head != null) {
                checkChainHead(head, bySeq, failures);
            }
            report.group("ledger: " + manifest.ledger().size() + " entries checked, " + links + " links checked"
                    + (head == null ? "" : ", chain head seq " + head.seq()), failures);
        }

        /** Only entries one seq apart can be linked: the manifest holds a selection of the ledger. */
        private static int checkLinks(TreeMap<Long, LedgerItem> bySeq, List<Failure> failures) {
            int links = 0;
            LedgerItem previous = null;
            for (LedgerItem item : bySeq.values()) {
                if (previous != null && item.seq() == previous.seq() + 1) {
                    links++;
                    if (!item.prevHash().equals(previous.entryHash())) {
                        failures.add(ledgerFailure(item.seq(), "prevHash " + item.prevHash() + " does not equal entryHash "
                                + previous.entryHash() + " of seq " + previous.seq()));
                    }
                }
                // The zero prevHash marks the first entry of the whole ledger: nothing may come before it.
                if (item.prevHash().equals(GENESIS) && previous != null) {
                    failures.add(ledgerFailure(item.seq(), "prevHash is the first-entry value (64 zeros) but seq "
                            + bySeq.firstKey() + " comes before it"));
                }
                previous = item;
            }
            return links;
        }

        private static void checkChainHead(ChainHead head, TreeMap<Long, LedgerItem> bySeq, List<Failure> failures) {
            for (long seq : bySeq.tailMap(head.seq(), false).keySet()) {
                failures.add(ledgerFailure(seq, "is after the chain head (seq " + head.seq() + ")"));
            }
            LedgerItem atHead = bySeq.get(head.seq());
            if (atHead != null && !atHead.entryHash().equals(head.entryHash())) {
                failures.add(new Failure("ledger chain head", "entryHash " + head.entryHash()
                        + " differs from entryHash " + atHead.entryHash() + " of seq " + head.seq()));
            }
        }

        private static Failure ledgerFailure(long seq, String detail) {
            return new Failure("ledger seq " + seq, detail);
        }

        /** Check 4: a file's ledger entry is in the manifest and records the file's sha256. */
        private void checkLedgerReferences(Manifest manifest) {
            List<Failure> failures = new ArrayList<>();
            Map<Long, LedgerItem> bySeq = new LinkedHashMap<>();
            manifest.ledger().forEach(item -> bySeq.putIfAbsent(item.seq(), item));
            int checked = 0;
            for (FileItem file : manifest.files()) {
                if (file.ledgerSeq() == null) {
                    continue;
                }
                checked++;
                LedgerItem item = bySeq.get(file.ledgerSeq());
                if (item == null) {
                    failures.add(fileFailure(file.path(), "ledger seq " + file.ledgerSeq() + " is not in the manifest ledger"));
                } else if (file.sha256() != null && !file.sha256().equals(item.contentSha256())) {
                    failures.add(fileFailure(file.path(), "sha256 " + file.sha256() + " differs from contentSha256 "
                            + item.contentSha256() + " of ledger seq " + item.seq()));
                }
            }
            report.group("ledger references: " + checked + " files checked", failures);
        }
    }

    /** Checks '/'-separated relative names; returns why a name is unsafe, or null. */
    static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "empty path";
        }
        if (path.startsWith("/") || (path.length() >= 2 && path.charAt(1) == ':'
                && ((path.charAt(0) >= 'A' && path.charAt(0) <= 'Z') || (path.charAt(0) >= 'a' && path.charAt(0) <= 'z')))) {
            return "absolute path";
        }
        if (path.indexOf('\\') >= 0) {
            return "backslash in path (paths use '/')";
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                return "control character in path";
            }
        }
        for (int start = 0; start <= path.length(); ) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 2 && path.startsWith("..", start)) {
                return "'..' segment in path";
            }
            if (length == 0 || (length == 1 && path.charAt(start) == '.')) {
                return "empty or '.' segment in path";
            }
            start = end + 1;
        }
        return null;
    }

    // ---------------------------------------------------------------- signature.json

    record SignatureFile(byte[] publicKeyDer, PublicKey publicKey, byte[] signature) {
        /** Null (with failures added) when signature.json is unusable. */
        static SignatureFile parse(byte[] bytes, List<Failure> failures) {
            Map<String, Object> json;
            try {
                if (!(Json.parse(utf8(bytes)) instanceof Map<?, ?> map)) {
                    failures.add(new Failure("signature", "signature.json is not a JSON object"));
                    return null;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                json = object;
            } catch (JsonException e) {
                failures.add(new Failure("signature", "signature.json is not valid JSON: " + e.getMessage()));
                return null;
            }
            Fields fields = new Fields(json, "signature.json", "signature", failures);
            String algorithm = fields.string("algorithm");
            byte[] der = fields.base64("publicKey");
            byte[] signature = fields.base64("signature");
            if (algorithm != null && !algorithm.equals("Ed25519")) {
                failures.add(new Failure("signature", "algorithm \"" + algorithm + "\" is not supported (expected Ed25519)"));
                return null;
            }
            if (algorithm == null || der == null || signature == null) {
                return null;
            }
            try {
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
                return new SignatureFile(der, key, signature);
            } catch (GeneralSecurityException e) {
                failures.add(new Failure("signature", "publicKey is not an Ed25519 public key (X.509 SubjectPublicKeyInfo): "
                        + e.getMessage()));
                return null;
            }
        }

        boolean verifies(byte[] manifest, List<Failure> failures) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(manifest);
                if (verifier.verify(signature)) {
                    return true;
                }
                failures.add(new Failure("signature", "does not verify: manifest.json was changed after signing, "
                        + "or was signed with another key"));
            } catch (GeneralSecurityException e) {
                failures.add(new Failure("signature", "does not verify: " + e.getMessage()));
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- manifest.json

    /** Typed access to one JSON object's fields; a missing or wrong field is a failure and reads as null. */
    static final class Fields {
        private final Map<String, Object> object;
        private final String where;
        private final String what;
        private final List<Failure> failures;

        Fields(Map<String, Object> object, String where, String what, List<Failure> failures) {
            this.object = object;
            this.where = where;
            this.what = what;
            this.failures = failures;
        }

        private Object get(String key, boolean nullable) {
            Object value = object.get(key);
            if (value == null && !nullable) {
                fail(key, "is missing");
            }
            if (value == Json.NULL) {
                if (!nullable) {
                    fail(key, "is null");
                }
                return null;
            }
            return value;
        }

        String string(String key) {
            Object value = get(key, false);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            fail(key, "must be a string");
            return null;
        }

        Long integer(String key) {
            return integer(key, false);
        }

        /** An absent key reads as null too: serializers that drop nulls produce the same manifest meaning. */
        Long nullableInteger(String key) {
            return integer(key, true);
        }

        private Long integer(String key, boolean nullable) {
            Object value = get(key, nullable);
            if (value == null || value instanceof Long) {
                return (Long) value;
            }
            fail(key, "must be an integer");
            return null;
        }

        String sha256(String key) {
            String value = string(key);
            if (value != null && !isHex64(value)) {
                fail(key, "must be 64 lowercase hex characters, found \"" + value + "\"");
                return null;
            }
            return value;
        }

        byte[] base64(String key) {
            String value = string(key);
            if (value == null) {
                return null;
            }
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                fail(key, "is not valid base64");
                return null;
            }
        }

        List<Object> array(String key) {
            Object value = get(key, false);
            if (value == null || value instanceof List<?>) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) value;
                return list;
            }
            fail(key, "must be an array");
            return null;
        }

        Fields object(String key) {
            Object value = get(key, false);
            return value == null ? null : asObject(value, where + "." + key, what, failures);
        }

        static Fields asObject(Object value, String where, String what, List<Failure> failures) {
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return new Fields(object, where, what, failures);
            }
            failures.add(new Failure(what, where + " must be an object"));
            return null;
        }

        private void fail(String key, String problem) {
            failures.add(new Failure(what, where + "." + key + " " + problem));
        }
    }

    /** Builds the Manifest record; items with unusable fields are reported and left out. */
    record ManifestReader(List<Failure> failures) {
        Manifest read(Object json) {
            Fields root = Fields.asObject(json, "manifest", "manifest", failures);
            if (root == null) {
                return null;
            }
            String format = root.string("format");
            if (format != null && !format.equals(FORMAT)) {
                failures.add(new Failure("manifest", "format is \"" + format + "\", expected \"" + FORMAT + "\""));
            }
            Long reportId = root.integer("reportId");
            String title = root.string("title");
            String exportedBy = root.string("exportedBy");
            String exportedAt = root.string("exportedAt");
            List<Object> files = root.array("files");
            List<Object> ledger = root.array("ledger");
            Fields head = root.object("chainHead");
            if (files == null || ledger == null) {
                return null;
            }
            return new Manifest(format, reportId, title, exportedBy, exportedAt, readFiles(files), readLedger(ledger),
                    head == null ? null : readChainHead(head));
        }

        private List<FileItem> readFiles(List<Object> files) {
            List<FileItem> items = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Fields f = Fields.asObject(files.get(i), "files[" + i + "]", "manifest", failures);
                if (f == null) {
                    continue;
                }
                String path = f.string("path");
                String sha256 = f.sha256("sha256");
                Long size = f.integer("size");
                Long ledgerSeq = f.nullableInteger("ledgerSeq");
                if (path != null) {
                    items.add(new FileItem(path, sha256, size, ledgerSeq));
                }
            }
            return items;
        }

        private List<LedgerItem> readLedger(List<Object> ledger) {
            List<LedgerItem> items = new ArrayList<>();
            for (int i = 0; i < ledger.size(); i++) {
                Fields f = Fields.asObject(ledger.get(i), "ledger[" + i + "]", "manifest", failures);
                if (f == null) {
                    continue;
                }
                Long seq = f.integer("seq");
                String source = f.string("source");
                String ref = f.string("ref");
                String contentSha256 = f.sha256("contentSha256");
                String prevHash = f.sha256("prevHash");
                String recordedAt = f.string("recordedAt");
                String entryHash = f.sha256("entryHash");
                if (seq != null && source != null && ref != null && contentSha256 != null && prevHash != null
                        && recordedAt != null && entryHash != null) {
                    items.add(new LedgerItem(seq, source, ref, contentSha256, prevHash, recordedAt, entryHash));
                }
            }
            return items;
        }

        private static ChainHead readChainHead(Fields head) {
            Long seq = head.integer("seq");
            String entryHash = head.sha256("entryHash");
            return seq == null || entryHash == null ? null : new ChainHead(seq, entryHash);
        }
    }

    // ---------------------------------------------------------------- JSON

    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    /**
     * Minimal strict JSON (RFC 8259) parser: objects become LinkedHashMap, arrays List, numbers Long
     * (integers that fit) or BigDecimal, null {@link #NULL}. Duplicate keys are rejected: two values
     * for one key would let different readers see different manifests.
     */
    static final class Json {
        static final Object NULL = new Object() {
            @Override
            public String toString() {
                return "null";
            }
        };
        private static final int MAX_DEPTH = 64;
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) throws JsonException {
            Json parser = new Json(text);
            parser.skipWhitespace();
            Object value = parser.value(0);
            parser.skipWhitespace();
            if (parser.pos != text.length()) {
                throw parser.error("unexpected content after the JSON value");
            }
            return value;
        }

        private Object value(int depth) throws JsonException {
            if (depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep");
            }
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> object(int depth) throws JsonException {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth + 1);
                if (map.putIfAbsent(key, value) != null) {
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array(int depth) throws JsonException {
            List<Object> list = new ArrayList<>();
            pos++;
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth + 1));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() throws JsonException {
            pos++;
            // Most strings have no escapes: take them in one piece.
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    return text.substring(start, pos++);
                } else if (c == '\\' || c < 0x20) {
                    break;
                }
                pos++;
            }
            StringBuilder sb = new StringBuilder().append(text, start, pos);
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                } else if (c == '\\') {
                    sb.append(escape());
                } else if (c < 0x20) {
                    throw error("unescaped control character in a string");
                } else {
                    sb.append(c);
                }
            }
        }

        private char escape() throws JsonException {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case '"':
                case '\\':
                case '/':
                    return c;
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            throw error("invalid \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    return (char) code;
                default:
                    throw error("invalid escape \\" + c);
            }
        }

        private Object number() throws JsonException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (!digits()) {
                throw error("invalid number");
            }
            boolean integer = true;
            if (peek() == '.') {
                pos++;
                integer = false;
                if (!digits()) {
                    throw error("invalid number");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                integer = false;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("invalid number");
                }
            }
            String number = text.substring(start, pos);
            if (integer) {
                try {
                    return Long.parseLong(number);
                } catch (NumberFormatException e) {
                    // too large for a long: kept exact, rejected where an integer is needed
                }
            }
            return new BigDecimal(number);
        }

        private boolean digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private Object literal(String word, Object value) throws JsonException {
            if (!text.startsWith(word, pos)) {
                throw error("invalid literal");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) throws JsonException {
            if (peek() != c) {
                throw error(pos >= text.length() ? "unexpected end of input" : "expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipWhitespace() {
            while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private JsonException error(String message) {
            return new JsonException(message + " at character " + pos);
        }
    }

    // ---------------------------------------------------------------- ZIP

    static final class ZipUnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        ZipUnreadableException(String message) {
            super(message);
        }
    }

    /**
     * One central directory record. compressedSize, size and localOffset are the entry's values, taken
     * from the ZIP64 extra field where the 32-bit field holds 0xFFFFFFFF. otherExtra is the extra field
     * without its ZIP64 block: the local header must carry the same bytes.
     */
    record CentralEntry(int index, String name, boolean utf8Name, byte[] rawName, byte[] otherExtra, boolean zip64,
            List<String> extraProblems, int versionMadeBy, int versionNeeded, int flags, int method, int time, int date,
            long crc, long compressedSize, long size, int commentLength, int diskStart, int internalAttributes,
            long externalAttributes, long localOffset) {
        boolean hasDescriptor() {
            return (flags & ZipArchive.FLAG_DESCRIPTOR) != 0;
        }

        /** Sizes too large for 32 bits: written as ZIP64 in the local header or the data descriptor. */
        boolean largeSizes() {
            return compressedSize >= ZipArchive.MAGIC32 || size >= ZipArchive.MAGIC32;
        }

        /**
         * ZipOutputStream gives the local header a ZIP64 block (size, then compressed size) when the
         * sizes are too large and go in the local header rather than in a data descriptor.
         */
        boolean localZip64() {
            return !hasDescriptor() && largeSizes();
        }

        int localExtraLength() {
            return (localZip64() ? ZipArchive.ZIP64_LOCAL_EXTRA_LEN : 0) + otherExtra.length;
        }

        /** 16 bytes, or 24 with 8-byte sizes when they are too large for 32 bits; 0 without a descriptor. */
        int descriptorLength() {
            return !hasDescriptor() ? 0 : largeSizes() ? ZipArchive.DD64_LEN : ZipArchive.DD_LEN;
        }

        /**
         * The local header's 'version needed': 4.5 when it has a ZIP64 block. Without one it is the
         * central directory's, except that ZIP64 there (for a large offset, or sizes kept in the data
         * descriptor) leaves the local header with the method's own version, 2.0 or 1.0.
         */
        int localVersionNeeded() {
            if (localZip64()) {
                return ZipArchive.VERSION_ZIP64;
            }
            return zip64 ? (method == ZipArchive.DEFLATED ? 20 : 10) : versionNeeded;
        }

        /** Local header, name, extra field, data and data descriptor, as the central directory describes them. */
        long storedLength() {
            long fixed = ZipArchive.LOC_LEN + rawName.length + localExtraLength() + descriptorLength();
            return compressedSize > Long.MAX_VALUE - fixed ? Long.MAX_VALUE : fixed + compressedSize;
        }
    }

    /** A central directory extra field: its ZIP64 block, if any, read into the values it stands for, and the rest. */
    record CentralExtra(byte[] other, boolean zip64, long size, long compressedSize, long localOffset,
            List<String> problems) {
        private static final String[] FIELDS = {"size", "compressed size", "local header offset"};

        /**
         * ZipOutputStream writes a ZIP64 block exactly when a size or the offset does not fit 32 bits,
         * as the first block, holding those values (and only those) in the order size, compressed size,
         * offset; the 32-bit fields then hold 0xFFFFFFFF.
         */
        static CentralExtra parse(byte[] extra, long size32, long compressedSize32, long offset32) {
            List<String> problems = new ArrayList<>();
            List<int[]> blocks = ZipArchive.extraBlocks(extra, problems);
            boolean zip64 = !blocks.isEmpty() && blocks.get(0)[0] == ZipArchive.ZIP64_EXTRA_ID;
            if (blocks.stream().skip(1).anyMatch(b -> b[0] == ZipArchive.ZIP64_EXTRA_ID)) {
                problems.add("extra field has a ZIP64 block that is not its first block");
            }
            long[] values = {size32, compressedSize32, offset32};
            List<String> marked = new ArrayList<>();
            for (int k = 0; k < values.length; k++) {
                if (values[k] == ZipArchive.MAGIC32) {
                    marked.add(FIELDS[k]);
                }
            }
            byte[] other = zip64 ? Arrays.copyOfRange(extra, 4 + blocks.get(0)[2], extra.length) : extra;
            if (zip64 && marked.isEmpty()) {
                problems.add("has a ZIP64 extra field, but neither size nor offset is 0xFFFFFFFF");
            } else if (!zip64 && !marked.isEmpty()) {
                problems.add("has 0xFFFFFFFF for its " + String.join(", ", marked)
                        + ", but no ZIP64 extra field to give the value");
            } else if (zip64) {
                int length = blocks.get(0)[2];
                if (length != 8 * marked.size()) {
                    problems.add("ZIP64 extra field holds " + length + " bytes, expected " + 8 * marked.size()
                            + " (8 for each of: " + String.join(", ", marked) + ")");
                } else {
                    ByteBuffer b = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
                    int at = 4;
                    for (int k = 0; k < values.length; k++) {
                        if (values[k] != ZipArchive.MAGIC32) {
                            continue;
                        }
                        long value = b.getLong(at);
                        at += 8;
                        if (value < 0) {
                            problems.add("ZIP64 " + FIELDS[k] + " " + Long.toUnsignedString(value) + " is out of range");
                        } else {
                            if (value < ZipArchive.MAGIC32) {
                                problems.add("ZIP64 " + FIELDS[k] + " " + value
                                        + " fits the 32-bit field (ZipOutputStream writes it there)");
                            }
                            values[k] = value;
                        }
                    }
                }
            }
            return new CentralExtra(other, zip64, values[0], values[1], values[2], problems);
        }
    }

    /** The ZIP64 end of central directory record, as its locator right before the end record finds it. */
    record Zip64End(long offset, long entriesOnDisk, long total, long cdSize, long cdOffset) {
        /**
         * ZipOutputStream writes the ZIP64 end record and its locator right after the central directory
         * and right before the end record, with fixed values for everything but the counts, the size
         * and the offset.
         */
        static Zip64End read(FileChannel channel, long end, List<Failure> problems) throws IOException,
                ZipUnreadableException {
            long locatorAt = end - ZipArchive.ZIP64_LOCATOR_LEN;
            long offset = locatorAt - ZipArchive.ZIP64_END_LEN;
            if (offset < 0 || ZipArchive.readAt(channel, locatorAt, 4).getInt(0) != ZipArchive.ZIP64_LOCATOR_SIG) {
                throw new ZipUnreadableException("the end record holds ZIP64 markers (0xFFFF or 0xFFFFFFFF) but no "
                        + "ZIP64 end of central directory locator precedes it");
            }
            ByteBuffer locator = ZipArchive.readAt(channel, locatorAt, ZipArchive.ZIP64_LOCATOR_LEN);
            long locatorDisk = ZipArchive.u32(locator, 4);
            long pointer = locator.getLong(8);
            long disks = ZipArchive.u32(locator, 16);
            if (locatorDisk != 0 || disks != 1) {
                throw new ZipUnreadableException("multi-volume archives are not supported (ZIP64 locator: ZIP64 end "
                        + "record on disk " + locatorDisk + ", " + disks + " disks in total)");
            }
            if (pointer != offset) {
                throw new ZipUnreadableException("ZIP64 locator points to offset " + Long.toUnsignedString(pointer)
                        + ", but the ZIP64 end record must lie right before the locator, at offset " + offset);
            }
            ByteBuffer z = ZipArchive.readAt(channel, offset, ZipArchive.ZIP64_END_LEN);
            if (z.getInt(0) != ZipArchive.ZIP64_END_SIG) {
                throw new ZipUnreadableException("no ZIP64 end of central directory record at offset " + offset
                        + ", where its locator points");
            }
            long disk = ZipArchive.u32(z, 16);
            long cdDisk = ZipArchive.u32(z, 20);
            if (disk != 0 || cdDisk != 0) {
                throw new ZipUnreadableException("multi-volume archives are not supported (ZIP64 end record: disk "
                        + disk + ", central directory on disk " + cdDisk + ")");
            }
            long recordSize = z.getLong(4);
            if (recordSize != ZipArchive.ZIP64_END_LEN - 12) {
                problems.add(new Failure("zip", "ZIP64 end record gives its size as " + Long.toUnsignedString(recordSize)
                        + ", expected " + (ZipArchive.ZIP64_END_LEN - 12) + " (packages carry no extensible data)"));
            }
            int madeBy = ZipArchive.u16(z, 12);
            int needed = ZipArchive.u16(z, 14);
            if (madeBy != ZipArchive.VERSION_ZIP64 || needed != ZipArchive.VERSION_ZIP64) {
                problems.add(new Failure("zip", String.format("ZIP64 end record 'version made by' 0x%04x and "
                        + "'version needed' 0x%04x, expected 0x%04x for both", madeBy, needed, ZipArchive.VERSION_ZIP64)));
            }
            long onDisk = z.getLong(24);
            long total = z.getLong(32);
            long cdSize = z.getLong(40);
            long cdOffset = z.getLong(48);
            if (onDisk != total) {
                problems.add(new Failure("zip", "ZIP64 end record counts " + Long.toUnsignedString(onDisk)
                        + " entries on this disk but " + Long.toUnsignedString(total) + " in total"));
            }
            if (total < 0 || total > Integer.MAX_VALUE || cdSize < 0 || cdOffset < 0) {
                throw new ZipUnreadableException("ZIP64 end record values out of range (" + Long.toUnsignedString(total)
                        + " entries, central directory offset " + Long.toUnsignedString(cdOffset) + ", size "
                        + Long.toUnsignedString(cdSize) + ")");
            }
            return new Zip64End(offset, onDisk, total, cdSize, cdOffset);
        }
    }

    /** Hashes of an entry's uncompressed data; bytes only for the entries kept in memory. */
    record EntryContent(long size, long crc, String sha256, byte[] bytes) {
    }

    /** content is null when the entry could not be read at all. */
    record EntryResult(EntryContent content, List<String> problems) {
    }

    static final class CorruptEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptEntryException(String message) {
            super(message);
        }
    }

    /**
     * A strict reader for the single-volume archives java.util.zip.ZipOutputStream writes: entries back
     * to back from offset 0 in central directory order, then the central directory, then (when a count,
     * size or offset does not fit the end record) the ZIP64 end record and its locator, then the end
     * record with no comment.
     */
    static final class ZipArchive implements Closeable {
        static final int LOC_SIG = 0x04034b50;
        static final int CEN_SIG = 0x02014b50;
        static final int END_SIG = 0x06054b50;
        static final int DD_SIG = 0x08074b50;
        static final int ZIP64_END_SIG = 0x06064b50;
        static final int ZIP64_LOCATOR_SIG = 0x07064b50;
        static final int LOC_LEN = 30;
        static final int CEN_LEN = 46;
        static final int END_LEN = 22;
        static final int DD_LEN = 16;
        static final int DD64_LEN = 24;
        static final int ZIP64_END_LEN = 56;
        static final int ZIP64_LOCATOR_LEN = 20;
        static final int ZIP64_EXTRA_ID = 0x0001;
        /** Header, data size, size and compressed size. */
        static final int ZIP64_LOCAL_EXTRA_LEN = 20;
        static final int VERSION_ZIP64 = 45;
        /** A 16- or 32-bit field holding this says the value is in a ZIP64 record. */
        static final int MAGIC16 = 0xFFFF;
        static final long MAGIC32 = 0xFFFFFFFFL;
        static final int FLAG_DESCRIPTOR = 0x0008;
        /** Encryption (traditional, strong) and masked local headers. */
        static final int FLAGS_ENCRYPTED = 0x0001 | 0x0040 | 0x2000;
        /** Deflate option bits, data descriptor, UTF-8 names. */
        static final int FLAGS_ALLOWED = 0x0002 | 0x0004 | FLAG_DESCRIPTOR | 0x0800;
        static final int STORED = 0;
        static final int DEFLATED = 8;
        private static final int CHUNK = 64 * 1024;

        private final FileChannel channel;
        private final long cdOffset;
        private final List<CentralEntry> entries;
        /** Entries are read in order, and most are small: through one buffer, and one inflater for them all. */
        private final SequentialReader entryArea;
        private final Inflater inflater = new Inflater(true);
        private final byte[] inflated = new byte[CHUNK];
        private final List<Failure> problems = new ArrayList<>();
        /** Per-entry problems found from the central directory alone, by entry index. */
        private final List<List<String>> entryProblems = new ArrayList<>();

        private ZipArchive(FileChannel channel, long cdOffset, List<CentralEntry> entries) {
            this.channel = channel;
            this.cdOffset = cdOffset;
            this.entries = entries;
            this.entryArea = new SequentialReader(channel, cdOffset);
        }

        List<CentralEntry> entries() {
            return entries;
        }

        /** Archive-level problems that still let the entries be read. */
        List<Failure> problems() {
            return problems;
        }

        @Override
        public void close() throws IOException {
            inflater.end();
            channel.close();
        }

        static ZipArchive open(Path path) throws ZipUnreadableException {
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new ZipUnreadableException("cannot open " + path + ": no such file");
            } catch (AccessDeniedException e) {
                throw new ZipUnreadableException("cannot open " + path + ": permission denied");
            } catch (IOException | UnsupportedOperationException e) {
                throw new ZipUnreadableException("cannot open " + path + ": " + e.getMessage());
            }
            try {
                return read(channel);
            } catch (ZipUnreadableException | IOException | RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the reading failure is the one to report
                }
                if (e instanceof ZipUnreadableException unreadable) {
                    throw unreadable;
                }
                String reason = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
                throw new ZipUnreadableException("cannot read " + path + ": " + reason);
            }
        }

        private static ZipArchive read(FileChannel channel) throws IOException, ZipUnreadableException {
            long length = channel.size();
            if (length < END_LEN) {
                throw new ZipUnreadableException("not a ZIP file (only " + length + " bytes)");
            }
            List<Failure> endProblems = new ArrayList<>();
            long end = findEndRecord(channel, length);
            ByteBuffer e = readAt(channel, end, END_LEN);
            int disk = u16(e, 4);
            int cdDisk = u16(e, 6);
            int entriesOnDisk = u16(e, 8);
            int total16 = u16(e, 10);
            long cdSize32 = u32(e, 12);
            long cdOffset32 = u32(e, 16);
            int commentLength = u16(e, 20);
            if (disk != 0 || cdDisk != 0) {
                throw new ZipUnreadableException("multi-volume archives are not supported (disk " + disk
                        + ", central directory on disk " + cdDisk + ")");
            }
            boolean zip64 = entriesOnDisk == MAGIC16 || total16 == MAGIC16 || cdSize32 == MAGIC32 || cdOffset32 == MAGIC32;
            long total;
            long cdSize;
            long cdOffset;
            long cdEnd;
            if (zip64) {
                Zip64End z = Zip64End.read(channel, end, endProblems);
                agree(endProblems, "count of entries on this disk", entriesOnDisk, z.entriesOnDisk(), MAGIC16);
                agree(endProblems, "count of entries", total16, z.total(), MAGIC16);
                agree(endProblems, "central directory size", cdSize32, z.cdSize(), MAGIC32);
                agree(endProblems, "central directory offset", cdOffset32, z.cdOffset(), MAGIC32);
                total = z.total();
                cdSize = z.cdSize();
                cdOffset = z.cdOffset();
                cdEnd = z.offset();
            } else {
                total = total16;
                cdSize = cdSize32;
                cdOffset = cdOffset32;
                cdEnd = end;
                if (cdOffset + cdSize != end && end >= ZIP64_LOCATOR_LEN
                        && readAt(channel, end - ZIP64_LOCATOR_LEN, 4).getInt(0) == ZIP64_LOCATOR_SIG) {
                    throw new ZipUnreadableException("ZIP64 end records precede the end record, but it holds no ZIP64 "
                            + "marker (0xFFFF or 0xFFFFFFFF) that calls for them");
                }
                if (entriesOnDisk != total16) {
                    endProblems.add(new Failure("zip", "end record counts " + entriesOnDisk + " entries on this disk but "
                            + total16 + " in total"));
                }
            }
            if (cdSize > cdEnd || cdOffset != cdEnd - cdSize) {
                throw new ZipUnreadableException("central directory (offset " + cdOffset + ", size " + cdSize
                        + ") does not end where the " + (zip64 ? "ZIP64 end record" : "end record") + " starts (offset "
                        + cdEnd + ")");
            }
            if (total > cdSize / CEN_LEN) {
                throw new ZipUnreadableException("the " + (zip64 ? "ZIP64 end record" : "end record") + " counts " + total
                        + " entries, more than a central directory of " + cdSize + " bytes can hold");
            }
            long trailing = length - end - END_LEN;
            if (trailing != 0 && trailing == commentLength) {
                endProblems.add(new Failure("zip", "archive comment of " + commentLength + " bytes (packages carry none)"));
            } else if (trailing != 0 || commentLength != 0) {
                endProblems.add(new Failure("zip", trailing + " unexpected bytes after the end of central directory record"
                        + (commentLength == 0 ? "" : " (whose comment length says " + commentLength + ")")));
            }
            ZipArchive zip = new ZipArchive(channel, cdOffset, readCentralDirectory(channel, cdOffset, cdEnd, (int) total));
            zip.problems.addAll(endProblems);
            zip.checkCentralEntries();
            zip.checkLayout();
            return zip;
        }

        /**
         * Where the ZIP64 end record holds a value, the end record must hold it too, or its marker when
         * it does not fit (and only then), as ZipOutputStream writes them.
         */
        private static void agree(List<Failure> problems, String field, long classic, long value, long marker) {
            long expected = Long.compareUnsigned(value, marker) >= 0 ? marker : value;
            if (classic != expected) {
                problems.add(new Failure("zip", "end record " + field + " is " + classic + ", expected " + expected
                        + " for the ZIP64 end record's " + Long.toUnsignedString(value)));
            }
        }

        /** The end record should be the last 22 bytes; if it is not, it is looked for so the rest can still be checked. */
        private static long findEndRecord(FileChannel channel, long length) throws IOException, ZipUnreadableException {
            long end = length - END_LEN;
            if (readAt(channel, end, 4).getInt(0) == END_SIG) {
                return end;
            }
            long lowest = Math.max(0, end - 0xFFFF);
            ByteBuffer tail = readAt(channel, lowest, (int) (length - lowest));
            for (int i = (int) (end - lowest) - 1; i >= 0; i--) {
                if (tail.getInt(i) == END_SIG) {
                    return lowest + i;
                }
            }
            throw new ZipUnreadableException("not a ZIP file, or truncated (no end of central directory record)");
        }

        private static List<CentralEntry> readCentralDirectory(FileChannel channel, long cdOffset, long cdEnd, int total)
                throws IOException, ZipUnreadableException {
            List<CentralEntry> entries = new ArrayList<>(Math.min(total, 1 << 16));
            SequentialReader in = new SequentialReader(channel, cdEnd);
            long pos = cdOffset;
            for (int i = 0; i < total; i++) {
                if (pos + CEN_LEN > cdEnd) {
                    throw new ZipUnreadableException(record(i, total, pos) + " is truncated");
                }
                ByteBuffer h = in.read(pos, CEN_LEN);
                if (h.getInt(0) != CEN_SIG) {
                    throw new ZipUnreadableException(record(i, total, pos) + " has a bad signature");
                }
                int nameLength = u16(h, 28);
                int extraLength = u16(h, 30);
                int commentLength = u16(h, 32);
                long next = pos + CEN_LEN + nameLength + extraLength + commentLength;
                if (next > cdEnd) {
                    throw new ZipUnreadableException(record(i, total, pos) + " runs past the end of the central directory");
                }
                ByteBuffer v = in.read(pos + CEN_LEN, nameLength + extraLength);
                byte[] rawName = bytes(v, 0, nameLength);
                String name = decodeName(rawName);
                CentralExtra extra = CentralExtra.parse(bytes(v, nameLength, extraLength), u32(h, 24), u32(h, 20),
                        u32(h, 42));
                entries.add(new CentralEntry(i, name == null ? lossy(rawName) : name, name != null, rawName,
                        extra.other(), extra.zip64(), extra.problems(), u16(h, 4), u16(h, 6), u16(h, 8), u16(h, 10),
                        u16(h, 12), u16(h, 14), u32(h, 16), extra.compressedSize(), extra.size(), commentLength,
                        u16(h, 34), u16(h, 36), u32(h, 38), extra.localOffset()));
                pos = next;
            }
            if (pos != cdEnd) {
                throw new ZipUnreadableException("central directory holds " + (cdEnd - pos) + " bytes after its "
                        + total + " records");
            }
            return entries;
        }

        private static String record(int index, int total, long pos) {
            return "central directory record " + (index + 1) + " of " + total + " (offset " + pos + ")";
        }

        /** Splits an extra field into its blocks (id, data offset, data length); a malformed rest is a problem. */
        static List<int[]> extraBlocks(byte[] extra, List<String> problems) {
            List<int[]> blocks = new ArrayList<>();
            int pos = 0;
            while (pos < extra.length) {
                if (extra.length - pos < 4) {
                    problems.add("extra field is malformed (" + (extra.length - pos) + " bytes after its last block)");
                    break;
                }
                int id = (extra[pos] & 0xFF) | (extra[pos + 1] & 0xFF) << 8;
                int length = (extra[pos + 2] & 0xFF) | (extra[pos + 3] & 0xFF) << 8;
                if (length > extra.length - pos - 4) {
                    problems.add(String.format("extra field is malformed (block 0x%04x of %d bytes runs past its end)",
                            id, length));
                    break;
                }
                blocks.add(new int[] {id, pos + 4, length});
                pos += 4 + length;
            }
            return blocks;
        }

        /**
         * Fields no checksum covers must hold the one value the format allows, so that a changed byte
         * in them is noticed like any other.
         */
        private void checkCentralEntries() {
            for (CentralEntry e : entries) {
                List<String> p = new ArrayList<>(e.extraProblems());
                if (!e.utf8Name()) {
                    p.add("name is not valid UTF-8");
                }
                if ((e.flags() & FLAGS_ENCRYPTED) != 0) {
                    p.add("is encrypted (not supported)");
                } else if ((e.flags() & ~FLAGS_ALLOWED) != 0) {
                    p.add(String.format("uses unsupported flags 0x%04x", e.flags()));
                }
                if (e.method() != STORED && e.method() != DEFLATED) {
                    p.add("compression method " + e.method() + " is not supported (only stored and deflated)");
                }
                if (e.versionMadeBy() != e.versionNeeded()) {
                    p.add(String.format("'version made by' 0x%04x differs from 'version needed' 0x%04x",
                            e.versionMadeBy(), e.versionNeeded()));
                }
                if (e.zip64() && e.versionNeeded() != VERSION_ZIP64) {
                    p.add(String.format("has a ZIP64 extra field but 'version needed' 0x%04x (expected 0x%04x)",
                            e.versionNeeded(), VERSION_ZIP64));
                }
                if (e.commentLength() != 0) {
                    p.add("has a comment (packages carry none)");
                }
                if (e.diskStart() != 0) {
                    p.add("starts on disk " + e.diskStart() + " (multi-volume archives are not supported)");
                }
                if (e.internalAttributes() != 0 || e.externalAttributes() != 0) {
                    p.add(String.format("has file attributes (internal 0x%04x, external 0x%08x; packages carry none)",
                            e.internalAttributes(), e.externalAttributes()));
                }
                if (e.method() == STORED && e.compressedSize() != e.size()) {
                    p.add("is stored but its compressed size " + e.compressedSize() + " differs from its size " + e.size());
                }
                entryProblems.add(p);
            }
        }

        /** Entries lie back to back from offset 0, in central directory order, up to the central directory. */
        private void checkLayout() {
            long expected = 0;
            for (CentralEntry e : entries) {
                if (e.localOffset() != expected) {
                    entryProblems.get(e.index()).add("starts at offset " + e.localOffset() + ", expected " + expected
                            + " (entries lie back to back in central directory order)");
                }
                long length = e.storedLength();
                expected = expected > Long.MAX_VALUE - length ? Long.MAX_VALUE : expected + length;
            }
            if (expected < cdOffset) {
                problems.add(new Failure("zip", (cdOffset - expected)
                        + " unexpected bytes between the last entry and the central directory"));
            }
        }

        /** Checks the entry's local header and data descriptor, then streams its data through CRC-32 and SHA-256. */
        EntryResult read(CentralEntry e, long keepLimit) throws IOException {
            List<String> p = new ArrayList<>(entryProblems.get(e.index()));
            long dataOffset = checkLocalHeader(e, p);
            boolean supported = (e.flags() & FLAGS_ENCRYPTED) == 0 && (e.method() == STORED || e.method() == DEFLATED);
            if (dataOffset < 0 || !supported) {
                return new EntryResult(null, p);
            }
            if (keepLimit >= 0 && e.size() > keepLimit) {
                p.add("is " + e.size() + " bytes; this verifier reads at most " + keepLimit);
                return new EntryResult(null, p);
            }
            try {
                EntryContent content = readData(e, dataOffset, keepLimit >= 0);
                if (content.size() != e.size()) {
                    p.add("holds " + content.size() + " bytes, the central directory says " + e.size());
                }
                if (content.crc() != e.crc()) {
                    p.add(String.format("CRC-32 of the data is %08x, the central directory says %08x", content.crc(), e.crc()));
                }
                return new EntryResult(content, p);
            } catch (CorruptEntryException ex) {
                p.add(ex.getMessage());
                return new EntryResult(null, p);
            }
        }

        /** Returns where the data starts, or -1 when the header is too damaged to find it. */
        private long checkLocalHeader(CentralEntry e, List<String> p) throws IOException {
            long at = e.localOffset();
            if (at > cdOffset - LOC_LEN) {
                p.add("local header offset " + at + " is outside the entry area");
                return -1;
            }
            ByteBuffer h = entryArea.read(at, LOC_LEN);
            if (h.getInt(0) != LOC_SIG) {
                p.add("no local header at offset " + at);
                return -1;
            }
            int nameLength = u16(h, 26);
            int extraLength = u16(h, 28);
            if (nameLength != e.rawName().length || extraLength != e.localExtraLength()) {
                p.add("local header name/extra lengths " + nameLength + "/" + extraLength
                        + " differ from the central directory's " + e.rawName().length + "/" + e.localExtraLength());
                return -1;
            }
            long dataOffset = at + LOC_LEN + nameLength + extraLength;
            if (dataOffset > cdOffset || e.compressedSize() > cdOffset - dataOffset - e.descriptorLength()) {
                p.add("data runs into the central directory");
                return -1;
            }
            long dataEnd = dataOffset + e.compressedSize();
            ByteBuffer v = entryArea.read(at + LOC_LEN, nameLength + extraLength);
            List<String> differing = new ArrayList<>();
            compare(differing, "version needed", u16(h, 4), e.localVersionNeeded());
            compare(differing, "flags", u16(h, 6), e.flags());
            compare(differing, "compression method", u16(h, 8), e.method());
            compare(differing, "modification time", u16(h, 10), e.time());
            compare(differing, "modification date", u16(h, 12), e.date());
            if (!Arrays.equals(bytes(v, 0, nameLength), e.rawName())) {
                differing.add("name");
            }
            int otherExtra = nameLength;
            if (e.localZip64()) {
                // ZipOutputStream's local ZIP64 block: header 0x0001, 16 data bytes, size, compressed size.
                if (u16(v, nameLength) != ZIP64_EXTRA_ID || u16(v, nameLength + 2) != ZIP64_LOCAL_EXTRA_LEN - 4) {
                    differing.add("ZIP64 extra field header");
                } else {
                    compare(differing, "ZIP64 size", v.getLong(nameLength + 4), e.size());
                    compare(differing, "ZIP64 compressed size", v.getLong(nameLength + 12), e.compressedSize());
                }
                otherExtra += ZIP64_LOCAL_EXTRA_LEN;
            }
            if (!Arrays.equals(bytes(v, otherExtra, nameLength + extraLength - otherExtra), e.otherExtra())) {
                differing.add("extra field");
            }
            if (e.hasDescriptor()) {
                // With a data descriptor the local header's CRC and sizes are zero (APPNOTE 4.4.4).
                compare(differing, "CRC-32 (must be 0)", u32(h, 14), 0);
                compare(differing, "compressed size (must be 0)", u32(h, 18), 0);
                compare(differing, "size (must be 0)", u32(h, 22), 0);
                checkDescriptor(e, dataEnd, p);
            } else if (e.localZip64()) {
                compare(differing, "CRC-32", u32(h, 14), e.crc());
                compare(differing, "compressed size (must be 0xFFFFFFFF, the value is in the ZIP64 block)", u32(h, 18),
                        MAGIC32);
                compare(differing, "size (must be 0xFFFFFFFF, the value is in the ZIP64 block)", u32(h, 22), MAGIC32);
            } else {
                compare(differing, "CRC-32", u32(h, 14), e.crc());
                compare(differing, "compressed size", u32(h, 18), e.compressedSize());
                compare(differing, "size", u32(h, 22), e.size());
            }
            if (!differing.isEmpty()) {
                p.add("local header differs from the central directory in: " + String.join(", ", differing));
            }
            return dataOffset;
        }

        /** 8-byte sizes when they do not fit 4 (ZIP64), as ZipOutputStream writes the descriptor. */
        private void checkDescriptor(CentralEntry e, long at, List<String> p) throws IOException {
            int length = e.descriptorLength();
            ByteBuffer d = entryArea.read(at, length);
            if (d.getInt(0) != DD_SIG) {
                p.add("data descriptor missing (no signature at offset " + at + ")");
                return;
            }
            List<String> differing = new ArrayList<>();
            compare(differing, "CRC-32", u32(d, 4), e.crc());
            if (length == DD64_LEN) {
                compare(differing, "compressed size", d.getLong(8), e.compressedSize());
                compare(differing, "size", d.getLong(16), e.size());
            } else {
                compare(differing, "compressed size", u32(d, 8), e.compressedSize());
                compare(differing, "size", u32(d, 12), e.size());
            }
            if (!differing.isEmpty()) {
                p.add("data descriptor differs from the central directory in: " + String.join(", ", differing));
            }
        }

        private static void compare(List<String> differing, String field, long local, long central) {
            if (local != central) {
                differing.add(field);
            }
        }

        /** Streams the data in chunks; stops at the declared size so a deflate bomb cannot run on. */
        private EntryContent readData(CentralEntry e, long dataOffset, boolean keep) throws IOException, CorruptEntryException {
            DataSink sink = new DataSink(e.size(), keep);
            if (e.method() == STORED) {
                for (long pos = dataOffset, end = dataOffset + e.compressedSize(); pos < end; ) {
                    int n = (int) Math.min(CHUNK, end - pos);
                    ByteBuffer chunk = entryArea.read(pos, n);
                    sink.accept(chunk.array(), n);
                    pos += n;
                }
            } else {
                inflate(e, dataOffset, sink);
            }
            return sink.content();
        }

        private void inflate(CentralEntry e, long dataOffset, DataSink sink) throws IOException, CorruptEntryException {
            inflater.reset();
            try {
                byte[] out = inflated;
                long pos = dataOffset;
                long end = dataOffset + e.compressedSize();
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        if (pos >= end) {
                            throw new CorruptEntryException("compressed data ends before the deflate stream does");
                        }
                        int n = (int) Math.min(CHUNK, end - pos);
                        inflater.setInput(entryArea.read(pos, n).array(), 0, n);
                        pos += n;
                    }
                    long readBefore = inflater.getBytesRead();
                    int n = inflater.inflate(out);
                    sink.accept(out, n);
                    if (inflater.needsDictionary()) {
                        throw new CorruptEntryException("deflate stream asks for a preset dictionary");
                    }
                    if (n == 0 && inflater.getBytesRead() == readBefore && !inflater.needsInput() && !inflater.finished()) {
                        throw new CorruptEntryException("deflate stream makes no progress");
                    }
                }
                if (inflater.getBytesRead() != e.compressedSize()) {
                    throw new CorruptEntryException("deflate stream ends after " + inflater.getBytesRead()
                            + " of the " + e.compressedSize() + " compressed bytes");
                }
            } catch (DataFormatException ex) {
                throw new CorruptEntryException("compressed data is corrupt (" + ex.getMessage() + ")");
            }
        }

        private static final class DataSink {
            private final long declaredSize;
            private final MessageDigest sha256 = newSha256();
            private final CRC32 crc = new CRC32();
            /** Entries are kept only up to a limit far below 2 GiB, which read() checks first. */
            private final byte[] kept;
            private long size;

            DataSink(long declaredSize, boolean keep) {
                this.declaredSize = declaredSize;
                this.kept = keep ? new byte[(int) declaredSize] : null;
            }

            void accept(byte[] data, int length) throws CorruptEntryException {
                size += length;
                if (size > declaredSize) {
                    throw new CorruptEntryException("holds more than the " + declaredSize
                            + " bytes the central directory declares");
                }
                sha256.update(data, 0, length);
                crc.update(data, 0, length);
                if (kept != null) {
                    System.arraycopy(data, 0, kept, (int) (size - length), length);
                }
            }

            EntryContent content() {
                return new EntryContent(size, crc.getValue(), HexFormat.of().formatHex(sha256.digest()),
                        kept == null || size == kept.length ? kept : Arrays.copyOf(kept, (int) size));
            }
        }

        /** Reads forward through a buffer of up to 1 MiB, so that small records do not cost a system call each. */
        private static final class SequentialReader {
            private static final int BUFFER = 1 << 20;
            private final FileChannel channel;
            private final long limit;
            private ByteBuffer buffer = ByteBuffer.allocate(0);
            private long bufferStart;

            /** Reads ahead no further than limit. */
            SequentialReader(FileChannel channel, long limit) {
                this.channel = channel;
                this.limit = limit;
            }

            /** The length bytes at pos, in a little-endian buffer of their own. */
            ByteBuffer read(long pos, int length) throws IOException {
                if (pos < bufferStart || pos + length > bufferStart + buffer.limit()) {
                    if (length > BUFFER) {
                        return readAt(channel, pos, length);
                    }
                    int fill = (int) Math.max(length, Math.min(BUFFER, limit - pos));
                    if (buffer.capacity() < fill) {
                        buffer = ByteBuffer.allocate(fill);
                    }
                    buffer.clear().limit(fill);
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, pos + buffer.position()) < 0) {
                            throw new EOFException("unexpected end of file at offset " + (pos + buffer.position()));
                        }
                    }
                    bufferStart = pos;
                }
                ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(0, buffer, (int) (pos - bufferStart), length);
                return copy;
            }
        }

        private static ByteBuffer readAt(FileChannel channel, long pos, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, pos + buffer.position()) < 0) {
                    throw new EOFException("unexpected end of file at offset " + (pos + buffer.position()));
                }
            }
            return buffer;
        }

        private static int u16(ByteBuffer b, int offset) {
            return Short.toUnsignedInt(b.getShort(offset));
        }

        private static long u32(ByteBuffer b, int offset) {
            return Integer.toUnsignedLong(b.getInt(offset));
        }

        private static byte[] bytes(ByteBuffer b, int offset, int length) {
            return Arrays.copyOfRange(b.array(), offset, offset + length);
        }

        /** Names are read as UTF-8 (what ZipOutputStream writes); null when they are not valid UTF-8. */
        private static String decodeName(byte[] raw) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        private static String lossy(byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- small helpers

    static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    /** Strict UTF-8: a manifest that is not valid UTF-8 is not the manifest the format describes. */
    static String utf8(byte[] bytes) throws JsonException {
        // Decoding replaces every malformed sequence with U+FFFD, so only valid UTF-8 encodes back to the same
        // bytes. Two fast bulk copies rather than a checked decode: manifests of large reports run to tens of MB.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new JsonException("not valid UTF-8");
        }
        return text;
    }
}
