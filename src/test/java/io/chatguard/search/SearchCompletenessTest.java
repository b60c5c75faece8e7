package io.chatguard.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hankcs.hanlp.seg.common.Term;

import io.chatguard.platform.text.CharFolding;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The compliance property of search: for every query term, the hits are exactly the messages whose folded
 * text contains the term — no miss against a substring scan, no extra hit. 5 000 messages built from the
 * dev corpus (some in traditional characters or full width, as clients type them), 60+ terms of 1–4 chars,
 * a third of them straddling a HanLP word boundary.
 */
@QuarkusTest
class SearchCompletenessTest {
    private static final int MESSAGES = 5_000;
    /** HanLP's core dictionary only, as the index uses it: the global custom dictionary writes cache files. */
    private static final com.hankcs.hanlp.seg.Segment SEGMENTER = new com.hankcs.hanlp.seg.Viterbi.ViterbiSegment()
            .enableCustomDictionary(false);

    @Inject
    DataSource dataSource;
    @Inject
    MessageIndexer indexer;
    @Inject
    SearchService search;

    @Test
    void everyTermFindsExactlyTheMessagesWhoseFoldedTextContainsIt() throws SQLException {
        String room = "srch-" + UUID.randomUUID();
        List<String> texts = SimulatedTexts.recombined(SimulatedTexts.corpus(), MESSAGES, new Random(20261205));
        indexer.index(insert(room, texts));

        List<String> terms = terms(texts, new Random(7));
        assertThat(terms).hasSizeGreaterThanOrEqualTo(50);
        int nonEmpty = 0;
        for (String term : terms) {
            Set<String> expected = new TreeSet<>();
            String folded = CharFolding.fold(term);
            for (int i = 0; i < texts.size(); i++) {
                if (CharFolding.fold(texts.get(i)).contains(folded)) {
                    expected.add(msgid(room, i));
                }
            }
            String q = term.length() % 2 == 0 ? "\"" + term + "\"" : term;
            SearchResult result = search.search(new SearchRequest(q, null, null, null, null, room, null, null, null, "time", 0, MESSAGES),
                    "officer-test");
            Set<String> found = new TreeSet<>(result.hits().stream().map(SearchResult.Hit::msgid).toList());
            assertThat(found).as("hits for %s", q).isEqualTo(expected);
            assertThat(result.total()).as("total for %s", q).isEqualTo(expected.size());
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("terms that occur").isGreaterThanOrEqualTo(50);
    }

    /**
     * Substrings of 1–4 letters, digits or CJK chars: a third across a HanLP word boundary (part of one
     * word and part of the next), the rest anywhere; plus a few that occur nowhere.
     */
    private static List<String> terms(List<String> texts, Random random) {
        var out = new LinkedHashSet<String>();
        while (out.size() < 20) {
            String text = CharFolding.fold(texts.get(random.nextInt(texts.size())));
            List<Term> words = SEGMENTER.seg(text);
            int at = 0;
            var bounds = new ArrayList<Integer>();
            for (Term w : words) {
                at += w.word.length();
                bounds.add(at);
            }
            if (bounds.size() < 2) {
                continue;
            }
            int bound = bounds.get(random.nextInt(bounds.size() - 1));
            int from = Math.max(0, bound - 1 - random.nextInt(2));
            int to = Math.min(text.length(), bound + 1 + random.nextInt(2));
            addIfWordy(out, text.substring(from, to));
        }
        while (out.size() < 60) {
            String text = texts.get(random.nextInt(texts.size()));
            int length = 1 + random.nextInt(4);
            if (text.length() >= length) {
                int from = random.nextInt(text.length() - length + 1);
                addIfWordy(out, text.substring(from, from + length));
            }
        }
        out.addAll(List.of("保本不亏钱吗", "內幕消息絕對", "ＸＹＺ"));
        return new ArrayList<>(out);
    }

    private static void addIfWordy(Set<String> out, String term) {
        if (!term.isEmpty() && term.chars().allMatch(Character::isLetterOrDigit)) {
            out.add(term);
        }
    }

    private static String msgid(String room, int i) {
        return room + "-" + i;
    }

    private List<Long> insert(String room, List<String> texts) throws SQLException {
        var ids = new ArrayList<Long>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("insert into chat_message (msgid, action, sender, tolist, roomid, msgtime, msgtype,"
                    + " content_text, raw, source) values (?, 'send', 'srch-adv', '{wmSearch}', ?, ?, 'text', ?,"
                    + " '{\"msgtype\":\"text\"}'::jsonb, 'import') returning id")) {
                Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
                for (int i = 0; i < texts.size(); i++) {
                    ps.setString(1, msgid(room, i));
                    ps.setString(2, room);
                    ps.setTimestamp(3, Timestamp.from(t0.plusSeconds(i)));
                    ps.setString(4, texts.get(i));
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.commit();
        }
        return ids;
    }
}
