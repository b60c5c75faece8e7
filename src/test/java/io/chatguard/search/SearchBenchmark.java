package io.chatguard.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import io.chatguard.archive.MessageText;
import io.chatguard.search.analysis.ChatAnalyzers;

/**
 * {@code scripts/bench search}: indexing rate with ChatGuard's fields and analyzers next to Lucene's
 * SmartChineseAnalyzer on the same messages, and query latency on an index of {@code bench.search.volume}
 * (1 000 000) simulated messages. In-process Lucene, no server: the index and query work of
 * {@link SearchService} (parse, count, top page by time, stored fields, highlight spans) without HTTP.
 * Not part of the test suite (tag {@code bench}).
 */
@Tag("bench")
class SearchBenchmark {
    private static final int VOLUME = Integer.getInteger("bench.search.volume", 1_000_000);
    private static final int THREADS = Integer.getInteger("bench.search.threads", Runtime.getRuntime().availableProcessors());
    private static final int QUERIES = Integer.getInteger("bench.search.queries", 400);
    private static final Path DIR = Path.of("target", "bench-search");

    @Test
    void search() throws Exception {
        List<String> corpus = SimulatedTexts.corpus();
        List<MessageText> messages = messages(SimulatedTexts.recombined(corpus, VOLUME, new Random(1)));

        Analyzer ours = new PerFieldAnalyzerWrapper(ChatAnalyzers.words(), Map.of(MessageDocument.UNIGRAMS,
                ChatAnalyzers.unigrams(), MessageDocument.BIGRAMS, ChatAnalyzers.bigrams()));
        double smartcn = index(DIR.resolve("smartcn"), new SmartChineseAnalyzer(), i -> {
            var d = new Document();
            d.add(new StringField(MessageDocument.MSGID, messages.get(i).msgid(), Field.Store.YES));
            d.add(new TextField(MessageDocument.TEXT, messages.get(i).text(), Field.Store.YES));
            return d;
        });
        double chatguard = index(DIR.resolve("chatguard"), ours, i -> MessageDocument.of(messages.get(i)));

        List<String> queries = queries(corpus, new Random(2));
        long[] nanos;
        try (var dir = FSDirectory.open(DIR.resolve("chatguard")); var reader = DirectoryReader.open(dir)) {
            var searcher = new IndexSearcher(reader);
            run(searcher, queries, ours); // warm-up
            nanos = run(searcher, queries, ours);
        }
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;
        double p95 = nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6;
        double p99 = nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6;

        var out = new StringBuilder("\n");
        out.append(String.format("search benchmark: %d simulated messages (dev corpus texts recombined, a quarter traditional,"
                + " a quarter full width), %d indexing threads, %d queries of 1-4 chars and two-word ANDs%n", VOLUME, THREADS,
                queries.size()));
        out.append(String.format("%-62s %12s%n", "measurement", "value"));
        out.append(String.format("%-62s %12.0f%n", "index msgs/s, ChatGuard (unigrams + bigrams + HanLP words, stored)",
                chatguard));
        out.append(String.format("%-62s %12.0f%n", "index msgs/s, Lucene SmartChineseAnalyzer (one field, stored)", smartcn));
        out.append(String.format("%-62s %12.2f%n", "query ms p50 (count + newest 20 + stored fields + highlights)", p50));
        out.append(String.format("%-62s %12.2f%n", "query ms p95", p95));
        out.append(String.format("%-62s %12.2f%n", "query ms p99", p99));
        out.append(String.format("search: index_per_s=%.0f vs_smartcn=%.2f p95_ms=%.2f%n", chatguard, chatguard / smartcn, p95));
        System.out.print(out);
        System.out.flush();
    }

    private static List<MessageText> messages(List<String> texts) {
        var out = new ArrayList<MessageText>(texts.size());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < texts.size(); i++) {
            out.add(new MessageText(i + 1, "bench-" + i, "adv" + (i % 200), List.of("wm" + (i % 5000)),
                    i % 7 == 0 ? "room" + (i % 300) : "", null, t0.plusSeconds(i * 30L), "text", texts.get(i)));
        }
        return out;
    }

    private static List<String> queries(List<String> corpus, Random random) {
        var out = new ArrayList<String>();
        while (out.size() < QUERIES) {
            String text = corpus.get(random.nextInt(corpus.size()));
            int length = 1 + random.nextInt(4);
            if (text.length() < length) {
                continue;
            }
            int from = random.nextInt(text.length() - length + 1);
            String term = text.substring(from, from + length);
            if (!term.chars().allMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (out.size() % 5 == 4) {
                String other = corpus.get(random.nextInt(corpus.size()));
                int o = random.nextInt(Math.max(1, other.length() - 1));
                String second = other.substring(o, Math.min(other.length(), o + 2));
                if (second.chars().allMatch(Character::isLetterOrDigit)) {
                    term = term + " " + second;
                }
            }
            out.add(term);
        }
        return out;
    }

    /** Indexes every message into a fresh index with {@code THREADS} threads; returns messages per second. */
    private static double index(Path path, Analyzer analyzer, IntFunction<Document> document) throws Exception {
        deleteTree(path);
        Files.createDirectories(path);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (var dir = FSDirectory.open(path);
                var writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256))) {
            long t0 = System.nanoTime();
            var parts = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < VOLUME; i += THREADS) {
                        writer.addDocument(document.apply(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            writer.commit();
            return VOLUME / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] run(IndexSearcher searcher, List<String> queries, Analyzer analyzer) throws Exception {
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            Query q = new SearchQueryParser(analyzer).parse(queries.get(i));
            TopDocs top = SearchService.top(searcher, q, 20, true);
            long total = top.totalHits.value();
            StoredFields stored = searcher.storedFields();
            int spans = 0;
            for (ScoreDoc d : top.scoreDocs) {
                String text = stored.document(d.doc).get(MessageDocument.TEXT);
                spans += SearchService.matches(text, List.of(queries.get(i).split(" "))).size();
            }
            nanos[i] = System.nanoTime() - t0;
            if (total < 0 || spans < 0) {
                throw new IllegalStateException();
            }
        }
        return nanos;
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
