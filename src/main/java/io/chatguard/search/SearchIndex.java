package io.chatguard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

import io.chatguard.search.analysis.ChatAnalyzers;

/**
 * The Lucene index of archived messages: one {@link IndexWriter}, one {@link SearcherManager} on it. The
 * index is derived data; its commit records how far the indexer got ({@link #cursor()}), so after
 * a crash indexing resumes from what is durable and a message is never silently missing.
 */
@ApplicationScoped
public class SearchIndex {
    private static final Logger LOG = Logger.getLogger(SearchIndex.class);
    static final String CURSOR = "chatguard.cursor";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The cursor to store with the next commit: every message id up to it is in the index. */
    private volatile long cursor;

    SearchIndex(SearchConfig config) {
        Directory dir = null;
        IndexWriter w = null;
        boolean success = false;
        try {
            Files.createDirectories(config.indexDir());
            dir = FSDirectory.open(config.indexDir());
            Analyzer analyzer = new PerFieldAnalyzerWrapper(ChatAnalyzers.words(), Map.of(
                    MessageDocument.UNIGRAMS, ChatAnalyzers.unigrams(), MessageDocument.BIGRAMS, ChatAnalyzers.bigrams()));
            w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(w, null);
            success = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + config.indexDir(), e);
        } finally {
            if (!success) {
                closeQuietly(w);
                closeQuietly(dir);
            }
        }
        this.directory = dir;
        this.writer = w;
        this.cursor = storedCursor(w);
        LOG.infof("search index at %s: %d documents, cursor %d", config.indexDir(), w.getDocStats().numDocs, cursor);
    }

    /** The cursor stored with the last commit; 0 for a new index. */
    private static long storedCursor(IndexWriter w) {
        Iterable<Map.Entry<String, String>> data = w.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (CURSOR.equals(e.getKey())) {
                    return Long.parseLong(e.getValue());
                }
            }
        }
        return 0;
    }

    /** Adds or replaces the document of each message (keyed by msgid, so reindexing is idempotent). */
    void put(Iterable<Document> documents) {
        try {
            for (Document d : documents) {
                writer.updateDocument(new Term(MessageDocument.MSGID, d.get(MessageDocument.MSGID)), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records that every message id up to {@code id} is in the index; durable with the next commit. */
    void advanceCursor(long id) {
        if (id > cursor) {
            cursor = id;
        }
    }

    /** Every message id up to this one is in the index: as committed, or as advanced since in this process. */
    long cursor() {
        return cursor;
    }

    /** Empties the index and resets the cursor, for a rebuild from PostgreSQL. */
    void clear() {
        try {
            writer.deleteAll();
            cursor = 0;
            commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was indexed visible to searches now (blocking). */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void maybeRefresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits the index with the cursor it has reached, so a restart resumes from there. */
    synchronized void commit() {
        try {
            long at = cursor;
            writer.setLiveCommitData(Map.of(CURSOR, Long.toString(at)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} with a searcher acquired for it and released afterwards. */
    <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read of the index. */
    @FunctionalInterface
    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    @PreDestroy
    void close() {
        try {
            commit();
        } catch (RuntimeException e) {
            LOG.warnf(e, "search index not committed at shutdown; indexing resumes from the last commit");
        }
        closeQuietly(searchers);
        closeQuietly(writer);
        closeQuietly(directory);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debugf(e, "closing %s", c);
        }
    }
}
