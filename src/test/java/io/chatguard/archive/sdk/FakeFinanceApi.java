package io.chatguard.archive.sdk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FinanceApi} that behaves like the native SDK and tracks every allocation: SDK handles, slices
 * and media buffers. Misuse the real library would punish with a leak or a crash (double free, use after
 * free, a null string, two calls inside the SDK at once) is recorded in {@link #violations()}.
 *
 * <p>Calls can be scripted to return a code or throw, once each, with {@link #failNext} and
 * {@link #throwNext}, or to block inside the SDK with {@link #blockNext}.
 */
final class FakeFinanceApi implements FinanceApi {
    static final String CHAT_DATA = "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[{\"seq\":196,"
            + "\"msgid\":\"CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=\",\"publickey_ver\":3,"
            + "\"encrypt_random_key\":\"a2V5\",\"encrypt_chat_msg\":\"bXNn\"}]}";

    private final AtomicLong nextPointer = new AtomicLong(0x7f00_0000_1000L);
    private final Set<Long> liveSdks = ConcurrentHashMap.newKeySet();
    private final Map<Long, AtomicInteger> destroyCounts = new ConcurrentHashMap<>();
    private final Set<Long> liveSlices = ConcurrentHashMap.newKeySet();
    private final Set<Long> liveMedia = ConcurrentHashMap.newKeySet();
    private final Map<Long, String> sliceContent = new ConcurrentHashMap<>();
    private final Map<Long, Chunk> mediaContent = new ConcurrentHashMap<>();
    private final AtomicInteger slicesAllocated = new AtomicInteger();
    private final AtomicInteger mediaAllocated = new AtomicInteger();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, Deque<Object>> script = new HashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> media = new ConcurrentHashMap<>();

    /** Busy-waits this many spins inside every call, widening the window in which overlapping calls show. */
    volatile int spinsPerCall;
    volatile String chatData = CHAT_DATA;
    volatile String lastCorpId;
    volatile String lastSecret;
    volatile String lastProxy;
    volatile String lastPasswd;
    volatile long lastTimeout;
    volatile long lastSeq;
    volatile long lastLimit;
    final List<String> indexBufsSeen = Collections.synchronizedList(new ArrayList<>());

    private record Chunk(byte[] data, String nextIndex, boolean finished) {
    }

    /** A call blocked inside the SDK until {@link #release()}. */
    static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the call never reached the SDK");
            }
        }

        void release() {
            release.countDown();
        }
    }

    // ---- scripting

    /** The next {@code call} (a Finance method name, such as "GetChatData") returns {@code code}. */
    synchronized FakeFinanceApi failNext(String call, int code) {
        script.computeIfAbsent(call, c -> new ArrayDeque<>()).add(code);
        return this;
    }

    /** The next {@code call} throws {@code failure}, as a JNI exception would surface. */
    synchronized FakeFinanceApi throwNext(String call, RuntimeException failure) {
        script.computeIfAbsent(call, c -> new ArrayDeque<>()).add(failure);
        return this;
    }

    /** The next {@code call} blocks inside the SDK until the returned gate is released. */
    Gate blockNext(String call) {
        Gate gate = new Gate();
        gates.put(call, gate);
        return gate;
    }

    /** Serves {@code sdkFileId} as these chunks; index bufs are "idx-1", "idx-2", … */
    void addMedia(String sdkFileId, byte[]... chunks) {
        media.put(sdkFileId, List.of(chunks));
    }

    // ---- observations

    List<String> calls() {
        return List.copyOf(calls);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int liveSdks() {
        return liveSdks.size();
    }

    /** How often each handle ever created was destroyed. */
    Map<Long, Integer> destroyCounts() {
        Map<Long, Integer> counts = new HashMap<>();
        destroyCounts.forEach((sdk, count) -> counts.put(sdk, count.get()));
        return counts;
    }

    int liveSlices() {
        return liveSlices.size();
    }

    int liveMediaBuffers() {
        return liveMedia.size();
    }

    int slicesAllocated() {
        return slicesAllocated.get();
    }

    int mediaBuffersAllocated() {
        return mediaAllocated.get();
    }

    int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    // ---- FinanceApi

    @Override
    public long newSdk() {
        enter("NewSdk");
        try {
            long sdk = nextPointer.getAndAdd(16);
            liveSdks.add(sdk);
            destroyCounts.put(sdk, new AtomicInteger());
            return sdk;
        } finally {
            exit();
        }
    }

    @Override
    public int init(long sdk, String corpId, String secret) {
        enter("Init");
        try {
            requireSdk(sdk, "Init");
            requireString(corpId, "Init corpid");
            requireString(secret, "Init secret");
            lastCorpId = corpId;
            lastSecret = secret;
            return scripted("Init");
        } finally {
            exit();
        }
    }

    @Override
    public int getChatData(long sdk, long seq, long limit, String proxy, String passwd, long timeout, long slice) {
        enter("GetChatData");
        try {
            requireSdk(sdk, "GetChatData");
            requireSlice(slice, "GetChatData");
            requireString(proxy, "GetChatData proxy");
            requireString(passwd, "GetChatData passwd");
            lastSeq = seq;
            lastLimit = limit;
            lastProxy = proxy;
            lastPasswd = passwd;
            lastTimeout = timeout;
            int code = scripted("GetChatData");
            if (code == 0) {
                sliceContent.put(slice, chatData);
            }
            return code;
        } finally {
            exit();
        }
    }

    @Override
    public int getMediaData(long sdk, String indexBuf, String sdkFileId, String proxy, String passwd, long timeout,
            long mediaData) {
        enter("GetMediaData");
        try {
            requireSdk(sdk, "GetMediaData");
            requireMedia(mediaData, "GetMediaData");
            requireString(indexBuf, "GetMediaData indexbuf");
            requireString(sdkFileId, "GetMediaData sdkfileid");
            requireString(proxy, "GetMediaData proxy");
            requireString(passwd, "GetMediaData passwd");
            indexBufsSeen.add(indexBuf);
            int code = scripted("GetMediaData");
            if (code != 0) {
                return code;
            }
            List<byte[]> chunks = media.get(sdkFileId);
            if (chunks == null) {
                return 10005;
            }
            int position = indexBuf.isEmpty() ? 0 : Integer.parseInt(indexBuf.substring("idx-".length()));
            if (position >= chunks.size()) {
                return 10000;
            }
            boolean last = position == chunks.size() - 1;
            mediaContent.put(mediaData, new Chunk(chunks.get(position).clone(), "idx-" + (position + 1), last));
            return 0;
        } finally {
            exit();
        }
    }

    @Override
    public int decryptData(long sdk, String encryptKey, String encryptMsg, long slice) {
        enter("DecryptData");
        try {
            requireSdk(sdk, "DecryptData");
            requireSlice(slice, "DecryptData");
            requireString(encryptKey, "DecryptData key");
            requireString(encryptMsg, "DecryptData msg");
            int code = scripted("DecryptData");
            if (code == 0) {
                sliceContent.put(slice, "{\"msgid\":\"" + encryptMsg + "\",\"msgtype\":\"text\"}");
            }
            return code;
        } finally {
            exit();
        }
    }

    @Override
    public void destroySdk(long sdk) {
        enter("DestroySdk");
        try {
            AtomicInteger count = destroyCounts.get(sdk);
            if (count == null) {
                violations.add("DestroySdk of unknown handle " + sdk);
                return;
            }
            if (count.incrementAndGet() > 1) {
                violations.add("DestroySdk twice on handle " + sdk);
            }
            liveSdks.remove(sdk);
            scripted("DestroySdk");
        } finally {
            exit();
        }
    }

    @Override
    public long newSlice() {
        enter("NewSlice");
        try {
            long slice = nextPointer.getAndAdd(16);
            if (scripted("NewSlice") != 0) {
                return 0;
            }
            liveSlices.add(slice);
            slicesAllocated.incrementAndGet();
            return slice;
        } finally {
            exit();
        }
    }

    @Override
    public void freeSlice(long slice) {
        enter("FreeSlice");
        try {
            if (!liveSlices.remove(slice)) {
                violations.add("FreeSlice of a slice that is not live: " + slice);
            }
            sliceContent.remove(slice);
            scripted("FreeSlice");
        } finally {
            exit();
        }
    }

    @Override
    public String getContentFromSlice(long slice) {
        enter("GetContentFromSlice");
        try {
            requireSlice(slice, "GetContentFromSlice");
            scripted("GetContentFromSlice");
            return sliceContent.getOrDefault(slice, "");
        } finally {
            exit();
        }
    }

    @Override
    public int getSliceLen(long slice) {
        enter("GetSliceLen");
        try {
            requireSlice(slice, "GetSliceLen");
            return sliceContent.getOrDefault(slice, "").length();
        } finally {
            exit();
        }
    }

    @Override
    public long newMediaData() {
        enter("NewMediaData");
        try {
            long md = nextPointer.getAndAdd(16);
            if (scripted("NewMediaData") != 0) {
                return 0;
            }
            liveMedia.add(md);
            mediaAllocated.incrementAndGet();
            return md;
        } finally {
            exit();
        }
    }

    @Override
    public void freeMediaData(long mediaData) {
        enter("FreeMediaData");
        try {
            if (!liveMedia.remove(mediaData)) {
                violations.add("FreeMediaData of a buffer that is not live: " + mediaData);
            }
            mediaContent.remove(mediaData);
            scripted("FreeMediaData");
        } finally {
            exit();
        }
    }

    @Override
    public String getOutIndexBuf(long mediaData) {
        enter("GetOutIndexBuf");
        try {
            requireMedia(mediaData, "GetOutIndexBuf");
            Chunk chunk = mediaContent.get(mediaData);
            return chunk == null ? "" : chunk.nextIndex();
        } finally {
            exit();
        }
    }

    @Override
    public byte[] getData(long mediaData) {
        enter("GetData");
        try {
            requireMedia(mediaData, "GetData");
            scripted("GetData");
            Chunk chunk = mediaContent.get(mediaData);
            return chunk == null ? new byte[0] : chunk.data().clone();
        } finally {
            exit();
        }
    }

    @Override
    public int getIndexLen(long mediaData) {
        return getOutIndexBuf(mediaData).length();
    }

    @Override
    public int getDataLen(long mediaData) {
        return getData(mediaData).length;
    }

    @Override
    public int isMediaDataFinish(long mediaData) {
        enter("IsMediaDataFinish");
        try {
            requireMedia(mediaData, "IsMediaDataFinish");
            Chunk chunk = mediaContent.get(mediaData);
            return chunk != null && chunk.finished() ? 1 : 0;
        } finally {
            exit();
        }
    }

    // ---- internals

    private void enter(String call) {
        calls.add(call);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        if (now > 1) {
            violations.add(call + " overlapped another call inside the SDK");
        }
        Gate gate = gates.remove(call);
        if (gate != null) {
            gate.entered.countDown();
            try {
                if (!gate.release.await(10, TimeUnit.SECONDS)) {
                    violations.add(call + " gate never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = spinsPerCall; i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    private void exit() {
        inFlight.decrementAndGet();
    }

    /** Applies the next scripted outcome of {@code call}: returns its code or throws its exception. */
    private int scripted(String call) {
        Object next;
        synchronized (this) {
            Deque<Object> queue = script.get(call);
            next = queue == null ? null : queue.poll();
        }
        if (next instanceof RuntimeException failure) {
            throw failure;
        }
        return next == null ? 0 : (Integer) next;
    }

    private void requireSdk(long sdk, String call) {
        if (!liveSdks.contains(sdk)) {
            violations.add(call + " on a handle that is not live: " + sdk);
        }
    }

    private void requireSlice(long slice, String call) {
        if (!liveSlices.contains(slice)) {
            violations.add(call + " on a slice that is not live: " + slice);
        }
    }

    private void requireMedia(long mediaData, String call) {
        if (!liveMedia.contains(mediaData)) {
            violations.add(call + " on a media buffer that is not live: " + mediaData);
        }
    }

    private void requireString(String value, String what) {
        if (value == null) {
            violations.add(what + " is a null jstring");
        }
    }
}
