package io.chatguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier, scripts/lib/VerifyPackage.java, against packages built here the way
 * docs/EVIDENCE_PACKAGE.md describes. The checks call the verifier in-process (its {@code run}, which
 * {@code main} wraps), compiled once for Java 21 and loaded on its own class loader; a few runs of
 * {@code java scripts/lib/VerifyPackage.java} and {@code scripts/verify-package} show that the command
 * line prints the same and exits with the documented status.
 */
class VerifyPackageTest {
    private static final Path SOURCE = Path.of("scripts/lib/VerifyPackage.java").toAbsolutePath();
    private static final Path WRAPPER = Path.of("scripts/verify-package").toAbsolutePath();
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
            Result r = runInProcess(args.toArray(String[]::new));
            assertThat(r.exit()).as(args.toString()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).contains("usage:");
        }
    }

    // ------------------------------------------------------------ ZIP64: more than 65 535 entries

    /** Built once: a report of 70 000 more messages, as ZipOutputStream writes it. */
    private static byte[] largePackage;

    private static synchronized byte[] largePackage() throws Exception {
        if (largePackage == null) {
            largePackage = Files.readAllBytes(new Pkg(70_000).write());
        }
        return largePackage;
    }

    @Test
    void packageWithMoreThan65535EntriesHasZip64EndRecordsAndVerifies() throws Exception {
        byte[] zip = largePackage();
        Zip64Layout layout = Zip64Layout.of(zip);
        assertThat(layout.entries()).isEqualTo(70_008);

        Result r = verify(Files.write(tmp.resolve("large.zip"), zip));

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.lines()).contains("zip: 70008 entries", "signature: valid (Ed25519 over manifest.json)",
                "files: 70006 checked", "ledger: 705 entries checked, 701 links checked, chain head seq 740",
                "ledger references: 705 files checked");
        assertThat(r.lastLine()).isEqualTo("OK: package verified (70006 files, 705 ledger entries)");
    }

    /** The ZIP64 end record, its locator, the end record's markers and a central directory record. */
    @Test
    void changedBytesInTheZip64EndRecordsOrCentralDirectoryFail() throws Exception {
        byte[] valid = largePackage();
        Zip64Layout layout = Zip64Layout.of(valid);
        Map<String, Integer> positions = new LinkedHashMap<>();
        positions.put("ZIP64 end record: signature", layout.zip64End());
        positions.put("ZIP64 end record: record size", layout.zip64End() + 4);
        positions.put("ZIP64 end record: version needed", layout.zip64End() + 14);
        positions.put("ZIP64 end record: entries on this disk", layout.zip64End() + 24);
        positions.put("ZIP64 end record: entries in total", layout.zip64End() + 32);
        positions.put("ZIP64 end record: central directory offset (bits 32-39)", layout.zip64End() + 52);
        positions.put("ZIP64 locator: signature", layout.locator() + 1);
        positions.put("ZIP64 locator: offset", layout.locator() + 8);
        positions.put("ZIP64 locator: number of disks", layout.locator() + 16);
        positions.put("end record: entries in total (0xFFFF)", layout.end() + 11);
        positions.put("end record: central directory offset", layout.end() + 16);
        positions.put("central directory record: signature", layout.middleRecord());
        positions.put("central directory record: CRC-32", layout.middleRecord() + 16);
        positions.put("central directory record: local header offset", layout.middleRecord() + 42);

        Map<String, Result> results = runFlipped(valid, positions);

        results.forEach((what, r) -> {
            assertThat(r.exit()).as(what + "\n" + r.out()).isEqualTo(1);
            assertThat(r.err()).as(what).isEmpty();
            assertThat(r.lines()).as(what + "\n" + r.out()).anyMatch(l -> l.startsWith("FAIL zip: "));
            assertThat(r.lastLine()).as(what).startsWith("FAILED: ");
        });
        int zip64End = layout.zip64End();
        assertThat(results.get("ZIP64 locator: offset").lines()).contains("FAIL zip: ZIP64 locator points to offset "
                + (zip64End ^ 0xFF) + ", but the ZIP64 end record must lie right before the locator, at offset " + zip64End);
        assertThat(results.get("end record: entries in total (0xFFFF)").lines())
                .contains("FAIL zip: end record count of entries is 255, expected 65535 for the ZIP64 end record's 70008");
        assertThat(results.get("ZIP64 end record: record size").lines())
                .contains("FAIL zip: ZIP64 end record gives its size as 211, expected 44 (packages carry no extensible data)");
    }

    /**
     * Entries and offsets beyond 4 GiB, as ZipOutputStream writes them: ZIP64 blocks in local and
     * central headers, 8-byte data descriptor sizes, the end record's offset in the ZIP64 end record.
     * It writes 4.3 GB and takes minutes, so it runs only when asked:
     * {@code mvn test -Dtest=VerifyPackageTest -Dchatguard.test.zip64Huge=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "chatguard.test.zip64Huge", matches = "true")
    void entriesAndOffsetsBeyond4GiBVerifyAndChangedZip64FieldsFail() throws Exception {
        long big = (1L << 32) + 1000;
        byte[] pattern = new byte[1 << 20];
        new Random(7).nextBytes(pattern);
        byte[] zeros = new byte[1 << 20];
        byte[] small = "a small file after 4 GiB\n".getBytes(StandardCharsets.UTF_8);
        Streamed stored = Streamed.of(big, pattern, false);      // stored: sizes in a local ZIP64 block
        Streamed described = Streamed.of(big + 7, zeros, false); // deflated, sizes in a ZIP64 data descriptor
        Streamed preset = Streamed.of(big + 3, zeros, true);     // deflated with sizes preset: local ZIP64 block
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("big/stored.bin", new String[] {stored.sha256(), "" + big});
        files.put("big/deflated.bin", new String[] {described.sha256(), "" + (big + 7)});
        files.put("big/preset.bin", new String[] {preset.sha256(), "" + (big + 3)});
        files.put("small/deflated.txt", new String[] {sha256(small), "" + small.length});
        files.put("small/stored.txt", new String[] {sha256(small), "" + small.length});
        StringBuilder json = new StringBuilder("{\"format\":\"chatguard-evidence-package/1\",\"reportId\":9,\"title\":\"huge\","
                + "\"exportedBy\":\"officer1\",\"exportedAt\":\"2026-12-05T08:00:00Z\",\"files\":[");
        files.forEach((path, f) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append("{\"path\":\"")
                .append(path).append("\",\"sha256\":\"").append(f[0]).append("\",\"size\":").append(f[1]).append('}'));
        json.append("],\"ledger\":[],\"chainHead\":{\"seq\":1,\"entryHash\":\"").append(ZEROS).append("\"}}");
        byte[] manifest = json.toString().getBytes(StandardCharsets.UTF_8);

        Path file = tmp.resolve("huge.zip");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            ZipEntry e = new ZipEntry("big/stored.bin");
            e.setMethod(ZipEntry.STORED);
            e.setSize(big);
            e.setCrc(stored.crc());
            putStreamed(zip, e, big, pattern);
            putStreamed(zip, new ZipEntry("big/deflated.bin"), big + 7, zeros);
            e = new ZipEntry("big/preset.bin");
            e.setSize(big + 3);
            e.setCrc(preset.crc());
            e.setCompressedSize(preset.compressedSize());
            putStreamed(zip, e, big + 3, zeros);
            Pkg.put(zip, "small/deflated.txt", small, false);
            Pkg.put(zip, "small/stored.txt", small, true);
            Pkg.put(zip, "manifest.json", manifest, false);
            Pkg.put(zip, "signature.json", Pkg.signature(serverKey, manifest), false);
        }

        Result valid = verify(file);
        assertThat(valid.exit()).as(valid.out()).isZero();
        assertThat(valid.lastLine()).isEqualTo("OK: package verified (5 files, 0 ledger entries)");

        long length = Files.size(file);
        ByteBuffer end = ByteBuffer.allocate(98).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer cd = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer signature = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        long descriptor;
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(end, length - 98);
            assertThat(end.getInt(0)).as("ZIP64 end record").isEqualTo(0x06064b50);
            assertThat(end.getInt(98 - 22 + 16)).as("end record's central directory offset").isEqualTo(-1);
            channel.read(cd, end.getLong(48));
            // The third record, big/preset.bin, has a ZIP64 block with size and offset; the deflated
            // entry's 24-byte descriptor ends where it starts.
            int record = 0;
            for (int i = 0; i < 2; i++) {
                record += 46 + Short.toUnsignedInt(cd.getShort(record + 28)) + Short.toUnsignedInt(cd.getShort(record + 30));
            }
            descriptor = cd.getLong(record + 46 + "big/preset.bin".length() + 4 + 8) - 24;
            channel.read(signature, descriptor);
            assertThat(signature.getInt(0)).as("data descriptor signature").isEqualTo(0x08074b50);
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        positions.put("stored entry, local header: ZIP64 size", 30L + "big/stored.bin".length() + 4);
        positions.put("deflated entry: ZIP64 data descriptor size", descriptor + 16);
        positions.put("end record: central directory offset marker", length - 22 + 16);
        for (Map.Entry<String, Long> p : positions.entrySet()) {
            flipInPlace(file, p.getValue());
            Result r = verify(file);
            flipInPlace(file, p.getValue());
            assertThat(r.exit()).as(p.getKey() + "\n" + r.out()).isEqualTo(1);
            assertThat(r.lines()).as(p.getKey() + "\n" + r.out()).anyMatch(l -> l.startsWith("FAIL zip: "));
        }
    }

    /** Size, CRC-32, SHA-256 and (deflated) compressed size of {@code size} bytes repeating {@code pattern}. */
    record Streamed(long crc, String sha256, long compressedSize) {
        static Streamed of(long size, byte[] pattern, boolean deflate) throws GeneralSecurityException {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            CRC32 crc = new CRC32();
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] out = new byte[1 << 16];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(pattern.length, size - done);
                sha.update(pattern, 0, n);
                crc.update(pattern, 0, n);
                if (deflate) {
                    deflater.setInput(pattern, 0, n);
                    while (!deflater.needsInput()) {
                        deflater.deflate(out);
                    }
                }
                done += n;
            }
            if (deflate) {
                deflater.finish();
                while (!deflater.finished()) {
                    deflater.deflate(out);
                }
            }
            long compressed = deflater.getBytesWritten();
            deflater.end();
            return new Streamed(crc.getValue(), HexFormat.of().formatHex(sha.digest()), compressed);
        }
    }

    private static void putStreamed(ZipOutputStream zip, ZipEntry entry, long size, byte[] pattern) throws IOException {
        entry.setTime(1796371200000L);
        zip.putNextEntry(entry);
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(pattern.length, size - done);
            zip.write(pattern, 0, n);
            done += n;
        }
        zip.closeEntry();
    }

    private static void flipInPlace(Path file, long pos) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0xFF)).rewind();
            channel.write(b, pos);
        }
    }

    // ------------------------------------------------------------ single-byte changes anywhere

    /** Every byte of the archive: a header, the data, a descriptor, the central directory or the end record. */
    @Test
    void flippingAnyByteOfThePackageFails() throws Exception {
        byte[] valid = Files.readAllBytes(new Pkg().write());
        ZipLayout layout = ZipLayout.of(valid);
        assertThat(valid.length).isGreaterThan(3000);
        assertThat(IntStream.range(0, valid.length).mapToObj(layout::region).distinct())
                .contains("central directory", "end record", "data of manifest.json", "data descriptor of manifest.json",
                        "local header of report/summary.pdf", "data of report/summary.pdf")
                .doesNotContain("between entries");
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int pos = 0; pos < valid.length; pos++) {
            positions.put(pos + " (" + layout.region(pos) + ")", pos);
        }

        List<String> undetected = new ArrayList<>();
        runFlipped(valid, positions).forEach((where, r) -> {
            if (r.exit() != 1 || !r.lastLine().startsWith("FAILED: ") || !r.err().isEmpty()) {
                undetected.add(where + ": exit " + r.exit() + ", " + r.lastLine() + r.err());
            }
        });
        assertThat(undetected).isEmpty();
    }

    /** Verifies a copy of the package with each position's byte flipped, in-process on every core. */
    private static Map<String, Result> runFlipped(byte[] valid, Map<String, Integer> positions) throws Exception {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<Map.Entry<String, Integer>> work = new ArrayList<>(positions.entrySet());
        Map<String, Result> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                Path file = tmp.resolve("flipped-" + t + ".zip");
                done.add(pool.submit(() -> {
                    for (int i = first; i < work.size(); i += threads) {
                        Files.write(file, flip(valid, work.get(i).getValue()));
                        results.put(work.get(i).getKey(), runInProcess(file.toString()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Result> ordered = new LinkedHashMap<>();
        positions.keySet().forEach(key -> ordered.put(key, results.get(key)));
        return ordered;
    }

    // ------------------------------------------------------------ the command line

    /**
     * As regulators run it, in separate JVMs: the source file prints what the in-process run prints and
     * exits 0, the wrapper does the same for a changed byte and exits 1 (the two run together, as each
     * compiles the source first), and main exits 2 for a usage error.
     */
    @Test
    void commandLinePrintsTheSameAndExitsWithTheDocumentedStatus() throws Exception {
        Path valid = new Pkg().write();
        byte[] bytes = Files.readAllBytes(valid);
        Path changed = Files.write(tmp.resolve("changed.zip"), flip(bytes, bytes.length / 2));
        String pin = fingerprint(serverKey);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Result> source = pool.submit(() -> runCommand(JAVA, SOURCE.toString(), "--public-key-fingerprint", pin,
                    valid.toString()));
            Future<Result> wrapperChanged = pool.submit(() -> runCommand(WRAPPER.toString(), changed.toString()));
            Future<Result> compiledUsage = pool.submit(() -> runCommand(JAVA, "-cp", classes.toString(), "VerifyPackage",
                    "--bogus", valid.toString()));

            Result ok = source.get(3, TimeUnit.MINUTES);
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.err()).isEmpty();
            assertThat(ok.out()).isEqualTo(verify(valid, "--public-key-fingerprint", pin).out());
            assertThat(ok.lines()).contains("key: matches the pinned fingerprint",
                    "manifest: report 123 \"Q4 review \"desk 7\" 合规检查\", exported by officer1 at 2026-12-05T08:00:00Z");
            assertThat(ok.lastLine()).isEqualTo("OK: package verified (6 files, 5 ledger entries)");

            Result failed = wrapperChanged.get(3, TimeUnit.MINUTES);
            assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(1);
            assertThat(failed.err()).isEmpty();
            assertThat(failed.out()).isEqualTo(verify(changed).out());
            assertThat(failed.lastLine()).startsWith("FAILED: ");

            Result usage = compiledUsage.get(3, TimeUnit.MINUTES);
            assertThat(usage.exit()).as(usage.out() + usage.err()).isEqualTo(2);
            assertThat(usage.out()).isEmpty();
            assertThat(usage.err()).isEqualTo("error: unknown option --bogus\n"
                    + "usage: VerifyPackage [--public-key-fingerprint HEX] FILE.zip\n");
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------ running the verifier

    /** In-process, as the checks run it. */
    private static Result verify(Path zip, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(zip.toString());
        return runInProcess(args.toArray(String[]::new));
    }

    private static Result runCommand(String... command) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8"); // titles are Chinese; the JVM prints in the locale's charset
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("verifier did not finish: " + List.of(command));
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
            this(0);
        }

        /**
         * The six files, then {@code bulk} small messages; every hundredth has a ledger entry (seqs 41, 42, ...,
         * the last of them the head), the others null ledgerSeq, which keeps the manifest and the test small.
         */
        Pkg(int bulk) {
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
            for (int i = 1; i <= bulk; i++) {
                files.add(new DataFile("messages/bulk/m" + i + ".json", ("{\"msgid\":\"m" + i + "\",\"content\":\"message "
                        + i + "\"}").getBytes(StandardCharsets.UTF_8), i % 100 == 0 ? 40L + i / 100 : null, false));
            }
            buildLedger(40 + bulk / 100);
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
            byte[] signature = signature(signer, manifest);
            manifest = afterSigning.apply(new String(manifest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

            Map<String, byte[]> data = new LinkedHashMap<>();
            files.forEach(f -> data.put(f.path(), f.content()));
            data.putAll(zipOverride);
            Set<String> stored = new HashSet<>();
            files.stream().filter(DataFile::stored).forEach(f -> stored.add(f.path()));
            Path file = Files.createTempFile(tmp, "package", ".zip");
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                zip.setComment(comment);
                put(zip, "manifest.json", manifest, false);
                put(zip, "signature.json", signature, false);
                for (Map.Entry<String, byte[]> e : data.entrySet()) {
                    if (e.getValue() != null) {
                        put(zip, e.getKey(), e.getValue(), stored.contains(e.getKey()));
                    }
                }
            }
            return file;
        }

        /** signature.json for the manifest's bytes. */
        static byte[] signature(KeyPair signer, byte[] manifest) throws GeneralSecurityException {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer.getPrivate());
            ed25519.update(manifest);
            return ("{\"algorithm\":\"Ed25519\",\"publicKey\":\""
                    + Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()) + "\",\"signature\":\""
                    + Base64.getEncoder().encodeToString(ed25519.sign()) + "\"}").getBytes(StandardCharsets.UTF_8);
        }

        static void put(ZipOutputStream zip, String name, byte[] content, boolean stored) throws IOException {
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
    }

    /** The end records of a ZIP64 package, checked to be where ZipOutputStream puts them, and one central directory record. */
    record Zip64Layout(int zip64End, int locator, int end, long entries, int middleRecord) {
        static Zip64Layout of(byte[] zip) {
            ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            int end = zip.length - 22;
            int locator = end - 20;
            int zip64End = locator - 56;
            assertThat(b.getInt(end)).as("end record signature").isEqualTo(0x06054b50);
            assertThat(Short.toUnsignedInt(b.getShort(end + 10))).as("end record entry count").isEqualTo(0xFFFF);
            assertThat(b.getInt(locator)).as("ZIP64 locator signature").isEqualTo(0x07064b50);
            assertThat(b.getLong(locator + 8)).as("ZIP64 locator offset").isEqualTo(zip64End);
            assertThat(b.getInt(zip64End)).as("ZIP64 end record signature").isEqualTo(0x06064b50);
            long entries = b.getLong(zip64End + 32);
            int record = (int) b.getLong(zip64End + 48);
            for (long i = 0; i < entries / 2; i++) {
                record += 46 + Short.toUnsignedInt(b.getShort(record + 28)) + Short.toUnsignedInt(b.getShort(record + 30))
                        + Short.toUnsignedInt(b.getShort(record + 32));
            }
            assertThat(b.getInt(record)).as("central directory record signature").isEqualTo(0x02014b50);
            return new Zip64Layout(zip64End, locator, end, entries, record);
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
