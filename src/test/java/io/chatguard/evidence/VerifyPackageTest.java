package io.chatguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier, scripts/lib/VerifyPackage.java, against packages built here the way
 * docs/EVIDENCE_PACKAGE.md describes. The verifier runs as a subprocess, as regulators run it;
 * the every-byte sweep calls it in-process (thousands of JVM starts would take too long).
 */
class VerifyPackageTest {
    private static final Path SOURCE = Path.of("scripts/lib/VerifyPackage.java").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String ZEROS = "0".repeat(64);

    @TempDir
    static Path tmp;
    private static Path classes;
    private static Method inProcessRun;
    private static KeyPair serverKey;

    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /**
     * Compiles the verifier once, for Java 21 and against nothing but the JDK: checks that it stays
     * 21-compatible and dependency-free.
     */
    @BeforeAll
    static void compileVerifier() throws Exception {
        classes = Files.createDirectories(tmp.resolve("classes"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "--release", "21",
                "-Xlint:all", "-Werror", "-cp", classes.toString(), "-d", classes.toString(), SOURCE.toString());
        assertThat(rc).as(diagnostics.toString()).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        inProcessRun = loader.loadClass("VerifyPackage").getDeclaredMethod("run", String[].class, PrintStream.class,
                PrintStream.class);
        inProcessRun.setAccessible(true);
        serverKey = newKey();
    }

    // ------------------------------------------------------------ valid packages and the key

    @Test
    void validPackageVerifiesAndWarnsThatTheKeyIsNotPinned() throws Exception {
        Result r = verify(new Pkg().write());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.lastLine()).startsWith("OK").isEqualTo("OK: package verified (6 files, 5 ledger entries)");
        assertThat(r.lines()).contains(
                "zip: 8 entries",
                "key fingerprint: " + fingerprint(serverKey),
                "WARNING: signing key not pinned; compare the fingerprint with the one ChatGuard published",
                "signature: valid (Ed25519 over manifest.json)",
                "manifest: report 123 \"Q4 review \"desk 7\" 合规检查\", exported by officer1 at 2026-12-05T08:00:00Z",
                "files: 6 checked",
                "ledger: 5 entries checked, 2 links checked, chain head seq 40",
                "ledger references: 5 files checked");
        assertThat(r.out()).doesNotContain("FAIL");
    }

    @Test
    void pinnedFingerprintThatMatchesVerifiesWithoutWarning() throws Exception {
        Result r = verify(new Pkg().write(), "--public-key-fingerprint", fingerprint(serverKey).toUpperCase());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.lines()).contains("key: matches the pinned fingerprint").noneMatch(l -> l.startsWith("WARNING"));
        assertThat(r.lastLine()).startsWith("OK");
    }

    @Test
    void manifestResignedWithAnotherKeyFailsWhenTheOriginalKeyIsPinned() throws Exception {
        KeyPair other = newKey();
        Pkg pkg = new Pkg();
        pkg.signer = other;
        Path zip = pkg.write();

        Result pinned = verify(zip, "--public-key-fingerprint", fingerprint(serverKey));
        assertThat(pinned.exit()).isEqualTo(1);
        assertThat(pinned.lines()).contains("FAIL key: fingerprint " + fingerprint(other)
                + " does not match the pinned fingerprint " + fingerprint(serverKey));
        assertThat(pinned.lastLine()).isEqualTo("FAILED: 1 problem(s)");

        // Unpinned, a re-signed package is internally consistent: only the fingerprint can tell.
        Result unpinned = verify(zip);
        assertThat(unpinned.exit()).isZero();
        assertThat(unpinned.lines()).contains("key fingerprint: " + fingerprint(other))
                .anyMatch(l -> l.startsWith("WARNING: signing key not pinned"));
    }

    @Test
    void manifestChangedAfterSigningFailsTheSignature() throws Exception {
        Pkg pkg = new Pkg();
        pkg.afterSigning = m -> m.replace("officer1", "officer2");

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("signature: NOT valid", "FAIL signature: does not verify: manifest.json was "
                + "changed after signing, or was signed with another key");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    // ------------------------------------------------------------ files

    @Test
    void changedFileNamesThePathAndExpectedAndFoundSha256() throws Exception {
        Pkg pkg = new Pkg();
        byte[] original = pkg.content("messages/msg-b.json");
        byte[] changed = new String(original, StandardCharsets.UTF_8).replace("\"amount\":500", "\"amount\":900")
                .getBytes(StandardCharsets.UTF_8);
        pkg.zipOverride.put("messages/msg-b.json", changed);

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL file messages/msg-b.json: sha256 expected " + sha256(original)
                + ", found " + sha256(changed));
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Pkg pkg = new Pkg();
        pkg.zipOverride.put("messages/msg-c.json", null);

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL file messages/msg-c.json: listed in the manifest but missing from the zip");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void fileNotInTheManifestIsNamed() throws Exception {
        Pkg pkg = new Pkg();
        pkg.zipOverride.put("messages/extra.json", "{}".getBytes(StandardCharsets.UTF_8));

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL file messages/extra.json: in the zip but not listed in the manifest");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void sizeDifferentFromTheManifestIsNamed() throws Exception {
        Pkg pkg = new Pkg();
        int size = pkg.content("report/summary.pdf").length;
        pkg.beforeSigning = m -> m.replace("\"size\":" + size + ",", "\"size\":" + (size + 1) + ",");

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL file report/summary.pdf: size expected " + (size + 1) + ", found " + size);
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    // ------------------------------------------------------------ ledger

    @Test
    void entryHashThatDoesNotRecomputeNamesTheSeq() throws Exception {
        Pkg pkg = new Pkg();
        Ledger original = pkg.ledger(18);
        Ledger edited = new Ledger(18, original.source(), original.ref(), original.contentSha256(), original.prevHash(),
                "2026-12-05T07:59:59.000001Z", original.entryHash());
        pkg.replaceLedger(edited);

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL ledger seq 18: entryHash does not recompute: manifest says "
                + original.entryHash() + ", computed " + hashOf(edited));
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void brokenLinkBetweenConsecutiveSeqsNamesTheSeq() throws Exception {
        Pkg pkg = new Pkg();
        Ledger original = pkg.ledger(19);
        String forgedPrev = sha256("forged".getBytes(StandardCharsets.UTF_8));
        // Self-consistent entry (its hash recomputes), but not chained to seq 18.
        Ledger forged = Ledger.of(forgedPrev, 19, original.source(), original.ref(), original.contentSha256(),
                original.recordedAt());
        pkg.replaceLedger(forged);

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL ledger seq 19: prevHash " + forgedPrev + " does not equal entryHash "
                + pkg.ledger(18).entryHash() + " of seq 18");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void fileWhoseSha256DiffersFromItsLedgerEntryNamesPathAndSeq() throws Exception {
        Pkg pkg = new Pkg();
        String recorded = pkg.ledger(19).contentSha256();
        byte[] replaced = "{\"msgid\":\"msg-d\",\"content\":\"replaced\"}".getBytes(StandardCharsets.UTF_8);
        pkg.replaceFile("messages/msg-d.json", replaced); // manifest and zip agree; the ledger does not

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL file messages/msg-d.json: sha256 " + sha256(replaced)
                + " differs from contentSha256 " + recorded + " of ledger seq 19");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void ledgerEntriesAfterTheChainHeadFail() throws Exception {
        Pkg pkg = new Pkg();
        pkg.headSeq = 18;
        pkg.headHash = pkg.ledger(18).entryHash();

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL ledger seq 19: is after the chain head (seq 18)",
                "FAIL ledger seq 30: is after the chain head (seq 18)");
        assertThat(r.lastLine()).isEqualTo("FAILED: 2 problem(s)");
    }

    // ------------------------------------------------------------ zip names

    @Test
    void absoluteAndDotDotEntryNamesFail() throws Exception {
        Pkg pkg = new Pkg();
        pkg.zipOverride.put("/etc/evil.json", "{}".getBytes(StandardCharsets.UTF_8));
        pkg.zipOverride.put("report/../../evil.json", "{}".getBytes(StandardCharsets.UTF_8));

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL zip: entry /etc/evil.json: absolute path",
                "FAIL zip: entry report/../../evil.json: '..' segment in path");
        assertThat(r.lastLine()).isEqualTo("FAILED: 2 problem(s)");
    }

    @Test
    void dotDotPathInTheManifestFails() throws Exception {
        Pkg pkg = new Pkg();
        pkg.beforeSigning = m -> m.replace("\"path\":\"messages/msg-a.json\"", "\"path\":\"messages/../msg-a.json\"");

        Result r = verify(pkg.write());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains(
                "FAIL file messages/../msg-a.json: invalid path in the manifest: '..' segment in path",
                "FAIL file messages/msg-a.json: in the zip but not listed in the manifest");
    }

    @Test
    void duplicateEntryNamesFail() throws Exception {
        Pkg pkg = new Pkg();
        // ZipOutputStream refuses duplicates: write a twin under a same-length name, then rename it in place.
        pkg.zipOverride.put("messages/msg-a.jsoX", pkg.content("messages/msg-a.json"));
        Path zip = pkg.write();
        Files.write(zip, replaceAll(Files.readAllBytes(zip), "messages/msg-a.jsoX", "messages/msg-a.json"));

        Result r = verify(zip);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).contains("FAIL zip: entry messages/msg-a.json: appears 2 times (entry names must be unique)");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    @Test
    void archiveCommentOrAppendedBytesFailButTheContentIsStillChecked() throws Exception {
        Pkg commented = new Pkg();
        commented.comment = "note";
        Result comment = verify(commented.write());
        assertThat(comment.lines()).contains("FAIL zip: archive comment of 4 bytes (packages carry none)",
                "signature: valid (Ed25519 over manifest.json)", "files: 6 checked");
        assertThat(comment.lastLine()).isEqualTo("FAILED: 1 problem(s)");

        Path appended = new Pkg().write();
        Files.write(appended, "appended".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        Result trailing = verify(appended);
        assertThat(trailing.lines()).contains("FAIL zip: 8 unexpected bytes after the end of central directory record");
        assertThat(trailing.lastLine()).isEqualTo("FAILED: 1 problem(s)");
    }

    // ------------------------------------------------------------ unreadable input and usage

    @Test
    void unreadableFilesFailWithAMessageNotAStackTrace() throws Exception {
        byte[] valid = Files.readAllBytes(new Pkg().write());
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("empty", new byte[0]);
        inputs.put("text", "this is not a zip file\n".getBytes(StandardCharsets.UTF_8));
        inputs.put("first half", java.util.Arrays.copyOf(valid, valid.length / 2));
        inputs.put("last half", java.util.Arrays.copyOfRange(valid, valid.length / 2, valid.length));
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Path file = Files.write(tmp.resolve(input.getKey().replace(' ', '-') + ".zip"), input.getValue());
            Result r = verify(file);
            assertThat(r.exit()).as(input.getKey()).isEqualTo(1);
            assertThat(r.err()).as(input.getKey()).isEmpty();
            assertThat(r.lines()).as(input.getKey()).anyMatch(l -> l.startsWith("FAIL zip: "));
            assertThat(r.out()).as(input.getKey()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.lastLine()).as(input.getKey()).startsWith("FAILED: ");
        }
        Result missing = verify(tmp.resolve("no-such.zip"));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.lines()).anyMatch(l -> l.startsWith("FAIL zip: cannot open ") && l.endsWith(": no such file"));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path zip = new Pkg().write();
        for (List<String> args : List.of(List.<String>of(), List.of("--public-key-fingerprint", "abc", zip.toString()),
                List.of("--bogus", zip.toString()), List.of(zip.toString(), zip.toString()))) {
            Result r = run(true, args);
            assertThat(r.exit()).as(args.toString()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).contains("usage:");
        }
    }

    // ------------------------------------------------------------ single-byte changes anywhere

    /** Every byte of the archive: a header, the data, a descriptor, the central directory or the end record. */
    @Test
    void flippingAnyByteOfThePackageFails() throws Exception {
        byte[] valid = Files.readAllBytes(new Pkg().write());
        ZipLayout layout = ZipLayout.of(valid);
        Path file = tmp.resolve("flipped.zip");
        List<String> undetected = new ArrayList<>();
        for (int pos = 0; pos < valid.length; pos++) {
            Files.write(file, flip(valid, pos));
            Result r = runInProcess(file.toString());
            if (r.exit() != 1 || !r.lastLine().startsWith("FAILED: ") || !r.err().isEmpty()) {
                undetected.add(pos + " (" + layout.region(pos) + "): exit " + r.exit() + ", " + r.lastLine() + r.err());
            }
        }
        assertThat(valid.length).isGreaterThan(3000);
        assertThat(undetected).isEmpty();
    }

    /** The same as a regulator runs it: separate JVMs, at least 200 positions covering every region. */
    @Test
    void flippedBytesFailInTheCommandLineVerifier() throws Exception {
        byte[] valid = Files.readAllBytes(new Pkg().write());
        ZipLayout layout = ZipLayout.of(valid);
        TreeSet<Integer> positions = layout.samplePositions(valid.length);
        assertThat(positions.size()).isGreaterThanOrEqualTo(200);
        assertThat(positions.stream().map(layout::region).distinct())
                .contains("central directory", "end record", "data of manifest.json", "data of signature.json")
                .contains(layout.entries().stream().map(e -> "data of " + e.name()).toArray(String[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<Integer, Future<Result>> results = new LinkedHashMap<>();
            for (int pos : positions) {
                Path file = Files.write(tmp.resolve("flip-" + pos + ".zip"), flip(valid, pos));
                results.put(pos, pool.submit(() -> run(false, List.of(file.toString()))));
            }
            for (Map.Entry<Integer, Future<Result>> e : results.entrySet()) {
                Result r = e.getValue().get(2, TimeUnit.MINUTES);
                String where = e.getKey() + " (" + layout.region(e.getKey()) + ")";
                assertThat(r.exit()).as(where + "\n" + r.out()).isEqualTo(1);
                assertThat(r.err()).as(where).isEmpty();
                assertThat(r.lastLine()).as(where).startsWith("FAILED: ");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------ running the verifier

    private static Result verify(Path zip, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(zip.toString());
        return run(true, args);
    }

    /** fromSource: `java scripts/lib/VerifyPackage.java …` exactly; otherwise the class compiled in @BeforeAll. */
    private static Result run(boolean fromSource, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(fromSource ? List.of(JAVA, SOURCE.toString())
                : List.of(JAVA, "-cp", classes.toString(), "VerifyPackage"));
        command.addAll(args);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8"); // titles are Chinese; the JVM prints in the locale's charset
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("verifier did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Result runInProcess(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = (int) inProcessRun.invoke(null, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------ building packages as the server does

    record Ledger(long seq, String source, String ref, String contentSha256, String prevHash, String recordedAt,
            String entryHash) {
        static Ledger of(String prevHash, long seq, String source, String ref, String contentSha256, String recordedAt) {
            Ledger draft = new Ledger(seq, source, ref, contentSha256, prevHash, recordedAt, null);
            return new Ledger(seq, source, ref, contentSha256, prevHash, recordedAt, hashOf(draft));
        }
    }

    record DataFile(String path, byte[] content, Long ledgerSeq, boolean stored) {
    }

    /**
     * One package: the manifest lists {@link #files} and {@link #ledger}; the zip holds the files
     * with {@link #zipOverride} applied (a null value leaves the file out), so tests can make the
     * two disagree.
     */
    static final class Pkg {
        final List<DataFile> files = new ArrayList<>();
        final List<Ledger> ledger = new ArrayList<>();
        final Map<String, byte[]> zipOverride = new LinkedHashMap<>();
        long headSeq;
        String headHash;
        KeyPair signer = serverKey;
        String comment;
        UnaryOperator<String> beforeSigning = UnaryOperator.identity();
        UnaryOperator<String> afterSigning = UnaryOperator.identity();

        /** Six files, five of them in the ledger (seq 1 is the first entry; 17-18-19 are consecutive); head 40. */
        Pkg() {
            Random random = new Random(42);
            byte[] pdf = new byte[1200];
            random.nextBytes(pdf);
            files.add(new DataFile("report/summary.pdf", pdf, null, true));
            files.add(message("msg-a", 1, "\"content\":\"hello, 你好\""));
            files.add(message("msg-b", 17, "\"content\":\"transfer\",\"amount\":500"));
            files.add(message("msg-c", 18, "\"content\":\"guaranteed return 8%\""));
            files.add(message("msg-d", 19, "\"content\":\"see attachment\""));
            files.add(new DataFile("attachments/msg-d/terms.txt",
                    "Terms and conditions.\n".repeat(40).getBytes(StandardCharsets.UTF_8), 30L, false));
            buildLedger(40);
        }

        private static DataFile message(String msgid, long seq, String body) {
            String json = "{\"msgid\":\"" + msgid + "\",\"from\":\"zhang.wei\",\"msgtime\":1796371198000," + body + "}";
            return new DataFile("messages/" + msgid + ".json", json.getBytes(StandardCharsets.UTF_8), seq, false);
        }

        /** The whole chain 1..head as the server keeps it; the manifest carries only the files' entries. */
        private void buildLedger(long head) {
            Map<Long, DataFile> bySeq = new LinkedHashMap<>();
            files.stream().filter(f -> f.ledgerSeq() != null).forEach(f -> bySeq.put(f.ledgerSeq(), f));
            String prev = ZEROS;
            for (long seq = 1; seq <= head; seq++) {
                DataFile file = bySeq.get(seq);
                String content = file != null ? sha256(file.content())
                        : sha256(("unrelated evidence " + seq).getBytes(StandardCharsets.UTF_8));
                Ledger entry = Ledger.of(prev, seq, "message_evidence", "message_evidence:" + (900 + seq) + "/decrypted_json",
                        content, String.format("2026-12-05T07:59:%02d.%06dZ", seq % 60, seq * 1234));
                if (file != null) {
                    ledger.add(entry);
                }
                prev = entry.entryHash();
            }
            headSeq = head;
            headHash = prev;
        }

        byte[] content(String path) {
            return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().content();
        }

        Ledger ledger(long seq) {
            return ledger.stream().filter(l -> l.seq() == seq).findFirst().orElseThrow();
        }

        void replaceLedger(Ledger entry) {
            ledger.replaceAll(l -> l.seq() == entry.seq() ? entry : l);
        }

        void replaceFile(String path, byte[] content) {
            files.replaceAll(f -> f.path().equals(path) ? new DataFile(path, content, f.ledgerSeq(), f.stored()) : f);
        }

        String manifestJson() {
            StringBuilder sb = new StringBuilder();
            sb.append("{\"format\":\"chatguard-evidence-package/1\",\n \"reportId\":123,\"title\":")
                    .append(quote("Q4 review \"desk 7\" 合规检查"))
                    .append(",\"exportedBy\":\"officer1\",\"exportedAt\":\"2026-12-05T08:00:00Z\",\n \"files\":[");
            for (int i = 0; i < files.size(); i++) {
                DataFile f = files.get(i);
                sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"path\":").append(quote(f.path())).append(",\"sha256\":\"")
                        .append(sha256(f.content())).append("\",\"size\":").append(f.content().length)
                        .append(",\"ledgerSeq\":").append(f.ledgerSeq()).append('}');
            }
            sb.append("],\n \"ledger\":[");
            for (int i = 0; i < ledger.size(); i++) {
                Ledger l = ledger.get(i);
                sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"seq\":").append(l.seq()).append(",\"source\":")
                        .append(quote(l.source())).append(",\"ref\":").append(quote(l.ref()))
                        .append(",\"contentSha256\":\"").append(l.contentSha256()).append("\",\"prevHash\":\"")
                        .append(l.prevHash()).append("\",\"recordedAt\":").append(quote(l.recordedAt()))
                        .append(",\"entryHash\":\"").append(l.entryHash()).append("\"}");
            }
            sb.append("],\n \"chainHead\":{\"seq\":").append(headSeq).append(",\"entryHash\":\"").append(headHash)
                    .append("\"}}\n");
            return sb.toString();
        }

        Path write() throws IOException, GeneralSecurityException {
            byte[] manifest = beforeSigning.apply(manifestJson()).getBytes(StandardCharsets.UTF_8);
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer.getPrivate());
            ed25519.update(manifest);
            String signature = "{\"algorithm\":\"Ed25519\",\"publicKey\":\""
                    + Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()) + "\",\"signature\":\""
                    + Base64.getEncoder().encodeToString(ed25519.sign()) + "\"}";
            manifest = afterSigning.apply(new String(manifest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

            Map<String, byte[]> data = new LinkedHashMap<>();
            files.forEach(f -> data.put(f.path(), f.content()));
            data.putAll(zipOverride);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setComment(comment);
                put(zip, "manifest.json", manifest, false);
                put(zip, "signature.json", signature.getBytes(StandardCharsets.UTF_8), false);
                for (Map.Entry<String, byte[]> e : data.entrySet()) {
                    if (e.getValue() != null) {
                        put(zip, e.getKey(), e.getValue(), files.stream().anyMatch(f -> f.path().equals(e.getKey()) && f.stored()));
                    }
                }
            }
            return Files.write(Files.createTempFile(tmp, "package", ".zip"), bytes.toByteArray());
        }

        private static void put(ZipOutputStream zip, String name, byte[] content, boolean stored) throws IOException {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(1796371200000L);
            if (stored) {
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }

        /** JSON string; non-ASCII as \\u escapes so the verifier's escape handling is exercised. */
        private static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }

    /** The spec's rule, written independently of the verifier. */
    static String hashOf(Ledger l) {
        return sha256((l.prevHash() + "\n" + l.seq() + "\n" + l.source() + "\n" + l.ref() + "\n" + l.contentSha256()
                + "\n" + l.recordedAt()).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------ where bytes are in a zip

    record LayoutEntry(String name, int localOffset, int dataOffset, int dataEnd, int end) {
    }

    /** Entry regions from the central directory, to name and sample byte positions. */
    record ZipLayout(List<LayoutEntry> entries, int cdOffset, int endOffset) {
        static ZipLayout of(byte[] zip) {
            ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            int end = zip.length - 22;
            int count = Short.toUnsignedInt(b.getShort(end + 10));
            int cd = b.getInt(end + 16);
            List<LayoutEntry> entries = new ArrayList<>();
            for (int i = 0, p = cd; i < count; i++) {
                int flags = Short.toUnsignedInt(b.getShort(p + 8));
                int compressed = b.getInt(p + 20);
                int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
                int skip = nameLength + Short.toUnsignedInt(b.getShort(p + 30)) + Short.toUnsignedInt(b.getShort(p + 32));
                String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
                int local = b.getInt(p + 42);
                int data = local + 30 + Short.toUnsignedInt(b.getShort(local + 26)) + Short.toUnsignedInt(b.getShort(local + 28));
                entries.add(new LayoutEntry(name, local, data, data + compressed, data + compressed + ((flags & 8) != 0 ? 16 : 0)));
                p += 46 + skip;
            }
            return new ZipLayout(entries, cd, end);
        }

        String region(int pos) {
            if (pos >= endOffset) {
                return "end record";
            }
            if (pos >= cdOffset) {
                return "central directory";
            }
            for (LayoutEntry e : entries) {
                if (pos < e.dataOffset()) {
                    return "local header of " + e.name();
                } else if (pos < e.dataEnd()) {
                    return "data of " + e.name();
                } else if (pos < e.end()) {
                    return "data descriptor of " + e.name();
                }
            }
            return "between entries";
        }

        /** First, middle and last byte of every region, plus evenly spaced positions over the whole file. */
        TreeSet<Integer> samplePositions(int length) {
            TreeSet<Integer> positions = new TreeSet<>();
            for (LayoutEntry e : entries) {
                addRange(positions, e.localOffset(), e.dataOffset());
                addRange(positions, e.dataOffset(), e.dataEnd());
                addRange(positions, e.dataEnd(), e.end());
            }
            addRange(positions, cdOffset, endOffset);
            addRange(positions, endOffset, length);
            for (int i = 0; i < 160; i++) {
                positions.add((int) ((long) i * (length - 1) / 159));
            }
            return positions;
        }

        private static void addRange(TreeSet<Integer> positions, int from, int to) {
            if (to > from) {
                positions.add(from);
                positions.add(from + (to - from) / 2);
                positions.add(to - 1);
            }
        }
    }

    // ------------------------------------------------------------ small helpers

    private static KeyPair newKey() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static String fingerprint(KeyPair key) {
        return sha256(key.getPublic().getEncoded());
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] flip(byte[] data, int pos) {
        byte[] copy = data.clone();
        copy[pos] ^= (byte) 0xFF;
        return copy;
    }

    private static byte[] replaceAll(byte[] data, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        byte[] copy = data.clone();
        int replaced = 0;
        for (int i = 0; i + f.length <= copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, copy, i, t.length);
                replaced++;
            }
        }
        assertThat(replaced).as("occurrences of " + from).isEqualTo(2); // local header and central directory
        return copy;
    }
}
