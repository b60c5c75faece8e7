package io.chatguard.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatguard.archive.MessageText;

/** The index's commit carries the indexing cursor, so a restart resumes from what is durable. */
class SearchIndexTest {
    private record Config(Path indexDir) implements SearchConfig {
        @Override
        public String refreshEvery() {
            return "off";
        }

        @Override
        public String commitEvery() {
            return "off";
        }

        @Override
        public String sweepEvery() {
            return "off";
        }

        @Override
        public Duration settle() {
            return Duration.ZERO;
        }

        @Override
        public Duration outboxDelay() {
            return Duration.ZERO;
        }

        @Override
        public int batchSize() {
            return 100;
        }
    }

    private static MessageText message(long id, String msgid, String text) {
        return new MessageText(id, msgid, "zhangwei", List.of("wmClient"), "", null, Instant.parse("2026-12-01T08:00:00Z"),
                "text", text);
    }

    @Test
    void aReopenedIndexHasWhatWasCommittedAndTheCursorWithIt(@TempDir Path dir) {
        var first = new SearchIndex(new Config(dir));
        first.put(List.of(MessageDocument.of(message(41, "m-41", "保本保收益")), MessageDocument.of(message(42, "m-42", "您好"))));
        first.advanceCursor(42);
        first.commit();
        first.put(List.of(MessageDocument.of(message(43, "m-43", "没提交"))));
        first.advanceCursor(43);
        first.close();

        var reopened = new SearchIndex(new Config(dir));
        try {
            // close() commits too: what was indexed before a clean stop is kept.
            assertThat(reopened.cursor()).isEqualTo(43);
            int count = reopened.withSearcher(s -> s.count(new TermQuery(new Term(MessageDocument.MSGID, "m-43"))));
            assertThat(count).isOne();
        } finally {
            reopened.close();
        }
    }

    @Test
    void reindexingAMessageReplacesItsDocument(@TempDir Path dir) {
        var index = new SearchIndex(new Config(dir));
        try {
            index.put(List.of(MessageDocument.of(message(7, "m-7", "第一版"))));
            index.put(List.of(MessageDocument.of(message(7, "m-7", "第二版"))));
            index.refresh();
            int count = index.withSearcher(s -> s.count(new TermQuery(new Term(MessageDocument.MSGID, "m-7"))));
            assertThat(count).isOne();
        } finally {
            index.close();
        }
    }
}
