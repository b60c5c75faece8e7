package io.chatguard.archive.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic media files and their opaque {@code sdkfileid}s.
 *
 * <p>An sdkfileid carries (seq, item index, kind, size class) under a seed-keyed XOR mask and a check value,
 * so GetMediaData can rebuild the bytes without regenerating the message and can reject foreign ids.
 * Thread-safe: the only state is a small per-instance cache of recently served files.
 */
final class MediaFactory {
    /** WeCom's GetMediaData chunk limit. */
    static final int CHUNK_SIZE = 512 * 1024;
    private static final int PAYLOAD_LENGTH = 8 + 2 + 1 + 1 + 8;
    private static final int CACHE_ENTRIES = 8;

    /** What a media item is; {@code ext} is the file extension the bytes imitate. */
    enum Kind {
        IMAGE_JPG("jpg"), IMAGE_PNG("png"), EMOTION_GIF("gif"), EMOTION_PNG("png"), VOICE("amr"), VIDEO("mp4"),
        PDF("pdf"), DOCX("docx"), XLSX("xlsx"), PPTX("pptx"), ZIP("zip"), TXT("txt");

        final String ext;

        Kind(String ext) {
            this.ext = ext;
        }
    }

    /** One generated file: the id to put in the message, and the bytes' facts. */
    record Media(String sdkFileId, Kind kind, byte[] bytes, String md5, int width, int height) {
        int size() {
            return bytes.length;
        }
    }

    private final long seed;
    /** Every file created since {@link #retainAll()}, or null when only the recent ones are cached. */
    private volatile Map<String, byte[]> retained;
    private final Map<String, byte[]> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    MediaFactory(long seed) {
        this.seed = seed;
    }

    /**
     * The file for item {@code index} of record {@code seq}.
     *
     * @param large true for a file above 1 MB (several GetMediaData chunks); only honoured for video and
     *        document kinds, since real chat images stay small
     */
    Media create(long seq, int index, Kind kind, boolean large) {
        String id = encodeId(seq, index, kind, large);
        Content content = content(seq, index, kind, large);
        Map<String, byte[]> all = retained;
        if (all != null) {
            all.put(id, content.bytes);
        }
        synchronized (recent) {
            recent.put(id, content.bytes);
        }
        return new Media(id, kind, content.bytes, md5(content.bytes), content.width, content.height);
    }

    /** The bytes behind an sdkfileid, or null when the id was not issued by this simulator's seed. */
    byte[] resolve(String sdkFileId) {
        Map<String, byte[]> all = retained;
        if (all != null) {
            byte[] kept = all.get(sdkFileId);
            if (kept != null) {
                return kept;
            }
        }
        synchronized (recent) {
            byte[] cached = recent.get(sdkFileId);
            if (cached != null) {
                return cached;
            }
        }
        Decoded decoded = decodeId(sdkFileId);
        if (decoded == null) {
            return null;
        }
        byte[] bytes = content(decoded.seq, decoded.index, decoded.kind, decoded.large).bytes;
        synchronized (recent) {
            recent.put(sdkFileId, bytes);
        }
        return bytes;
    }

    /** From now on keeps every created file in memory, so {@link #resolve} never regenerates one. */
    synchronized void retainAll() {
        if (retained == null) {
            retained = new java.util.concurrent.ConcurrentHashMap<>();
        }
    }

    /** The seq an sdkfileid belongs to, or -1 when it is not one of ours. */
    long seqOf(String sdkFileId) {
        Decoded decoded = decodeId(sdkFileId);
        return decoded == null ? -1 : decoded.seq;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Decoded(long seq, int index, Kind kind, boolean large) {
    }

    private String encodeId(long seq, int index, Kind kind, boolean large) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_LENGTH);
        payload.putLong(seq).putShort((short) index).put((byte) kind.ordinal()).put((byte) (large ? 1 : 0));
        payload.putLong(check(seq, index, kind.ordinal(), large));
        byte[] raw = payload.array();
        mask(raw);
        // Real sdkfileids are long base64 blobs; pad with bytes derived from the payload so ours look alike.
        SplittableRandom filler = new SplittableRandom(Seeds.derive(seed, seq * 1024 + index, Seeds.MEDIA) ^ 0x5dL);
        byte[] padded = new byte[PAYLOAD_LENGTH + 52];
        System.arraycopy(raw, 0, padded, 0, PAYLOAD_LENGTH);
        for (int i = PAYLOAD_LENGTH; i < padded.length; i++) {
            padded[i] = (byte) filler.nextInt(256);
        }
        return "Ct" + Base64.getEncoder().encodeToString(padded);
    }

    private Decoded decodeId(String sdkFileId) {
        if (sdkFileId == null || !sdkFileId.startsWith("Ct")) {
            return null;
        }
        byte[] padded;
        try {
            padded = Base64.getDecoder().decode(sdkFileId.substring(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (padded.length < PAYLOAD_LENGTH) {
            return null;
        }
        byte[] raw = java.util.Arrays.copyOf(padded, PAYLOAD_LENGTH);
        mask(raw);
        ByteBuffer payload = ByteBuffer.wrap(raw);
        long seq = payload.getLong();
        int index = payload.getShort() & 0xffff;
        int kind = payload.get();
        boolean large = payload.get() == 1;
        long check = payload.getLong();
        if (kind < 0 || kind >= Kind.values().length || check != check(seq, index, kind, large)) {
            return null;
        }
        return new Decoded(seq, index, Kind.values()[kind], large);
    }

    private void mask(byte[] raw) {
        SplittableRandom keystream = new SplittableRandom(Seeds.mix(seed ^ 0x6d656469614b6579L));
        for (int i = 0; i < raw.length; i++) {
            raw[i] ^= (byte) keystream.nextInt(256);
        }
    }

    private long check(long seq, int index, int kind, boolean large) {
        return Seeds.derive(seed, seq * 1_000_003L + index * 31L + kind * 2L + (large ? 1 : 0), Seeds.MEDIA);
    }

    private record Content(byte[] bytes, int width, int height) {
    }

    private Content content(long seq, int index, Kind kind, boolean large) {
        SplittableRandom random = Seeds.stream(seed, seq * 1024 + index, Seeds.MEDIA);
        int width = switch (kind) {
            case IMAGE_JPG -> 240 + random.nextInt(400);
            case IMAGE_PNG -> 80 + random.nextInt(140);
            case EMOTION_PNG -> 48 + random.nextInt(80);
            case EMOTION_GIF -> 60 + random.nextInt(120);
            default -> 0;
        };
        int height = width == 0 ? 0 : width * (6 + random.nextInt(7)) / 10;
        return new Content(bytes(random, kind, large, width, height), width, height);
    }

    private static byte[] bytes(SplittableRandom random, Kind kind, boolean large, int width, int height) {
        return switch (kind) {
            case IMAGE_JPG -> image(random, "jpg", width, height);
            case IMAGE_PNG, EMOTION_PNG -> image(random, "png", width, height);
            case EMOTION_GIF -> image(random, "gif", width, height);
            case VOICE -> voice(random);
            case VIDEO -> withMagic(random, mp4Header(), size(random, large, 150 * 1024, 900 * 1024));
            case PDF -> withMagic(random, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1),
                    size(random, large, 8 * 1024, 200 * 1024));
            case DOCX, XLSX, PPTX, ZIP -> withMagic(random, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0},
                    size(random, large, 4 * 1024, 200 * 1024));
            case TXT -> text(random);
        };
    }

    private static int size(SplittableRandom random, boolean large, int min, int max) {
        // Large files span 3-7 chunks so resumable downloads get exercised.
        return large ? 1_100_000 + random.nextInt(2_400_000) : min + random.nextInt(max - min);
    }

    private static byte[] withMagic(SplittableRandom random, byte[] magic, int size) {
        byte[] bytes = new byte[Math.max(size, magic.length)];
        random.nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private static byte[] mp4Header() {
        ByteBuffer ftyp = ByteBuffer.allocate(32);
        ftyp.putInt(32).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isomiso2avc1mp41".getBytes(StandardCharsets.US_ASCII));
        return ftyp.array();
    }

    /** AMR-NB 12.2 kbit/s: 1600 bytes per second of speech after the "#!AMR\n" magic. */
    private static byte[] voice(SplittableRandom random) {
        int frames = 50 * (2 + random.nextInt(58));
        ByteArrayOutputStream out = new ByteArrayOutputStream(6 + frames * 32);
        out.writeBytes("#!AMR\n".getBytes(StandardCharsets.US_ASCII));
        byte[] frame = new byte[31];
        for (int i = 0; i < frames; i++) {
            out.write(0x3c);
            random.nextBytes(frame);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int lines = 80 + random.nextInt(600);
        for (int i = 0; i < lines; i++) {
            text.append("第").append(i + 1).append("行 客户回访记录：已电话沟通，客户表示知悉产品风险。编号")
                    .append(100000 + random.nextInt(900000)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A real, decodable image: soft gradient plus noisy blocks, so sizes vary like photos do. */
    private static byte[] image(SplittableRandom random, String format, int width, int height) {
        int type = "gif".equals(format) ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_INT_RGB;
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            Color from = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            Color to = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            g.setPaint(new java.awt.GradientPaint(0, 0, from, width, height, to));
            g.fillRect(0, 0, width, height);
            int blocks = 4 + random.nextInt(20);
            for (int i = 0; i < blocks; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                g.fillRect(random.nextInt(width), random.nextInt(height), 8 + random.nextInt(width / 2),
                        8 + random.nextInt(height / 2));
            }
        } finally {
            g.dispose();
        }
        int noisy = random.nextInt(4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (noisy > 0 && random.nextInt(4) < noisy) {
                    int rgb = image.getRGB(x, y) ^ (random.nextInt(0x40) * 0x010101);
                    image.setRGB(x, y, rgb);
                }
            }
        }
        // An explicit in-memory stream: ImageIO.write would otherwise consult the global disk-cache setting.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("image encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
