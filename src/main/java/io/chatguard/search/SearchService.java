package io.chatguard.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.text.CharFolding;
import io.chatguard.search.analysis.ChatAnalyzers;
import io.chatguard.security.AccessAudit;

/**
 * Searches the archive index. A word or phrase matches exactly the messages whose folded text (width,
 * case, 繁→简, as the rules fold it) contains it: a search never misses what a substring scan would find.
 * Every search is written to the audit log with who searched what.
 */
@ApplicationScoped
public class SearchService {
    /** How far paging may go: past it, narrow the search. */
    static final int MAX_WINDOW = 10_000;
    private static final int SNIPPET = 160;
    private static final Sort BY_TIME = new Sort(new SortField(MessageDocument.MSGTIME, SortField.Type.LONG, true));

    private final SearchIndex index;
    private final MessageIndexer indexer;
    private final AccessAudit audit;
    private final Analyzer words = ChatAnalyzers.words();

    SearchService(SearchIndex index, MessageIndexer indexer, AccessAudit audit) {
        this.index = index;
        this.indexer = indexer;
        this.audit = audit;
    }

    public SearchResult search(SearchRequest r, String user) {
        if ((long) (r.page() + 1) * r.size() > MAX_WINDOW) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED,
                    "page: at most the first " + MAX_WINDOW + " hits can be paged through; narrow the search");
        }
        if (r.from() != null && r.to() != null && !r.from().isBefore(r.to())) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "from: must be before to");
        }
        Query text = parse(r.q());
        Query query = withFilters(text, r);
        List<String> terms = positiveTerms(text);
        boolean byTime = !"relevance".equals(r.sort());
        SearchResult result = index.withSearcher(searcher -> {
            TopDocs top = top(searcher, query, (r.page() + 1) * r.size(), byTime);
            return new SearchResult(top.totalHits.value(), r.page(), r.size(), hits(searcher, top, r.page() * r.size(), terms),
                    indexer.runningRebuild());
        });
        var detail = new LinkedHashMap<String, Object>();
        detail.put("q", r.q() == null ? "" : r.q());
        filters(r).forEach(detail::put);
        detail.put("total", result.total());
        audit.record(user, "search", "archive", "messages", detail);
        return result;
    }

    /** The first {@code n} hits, newest first or by relevance, with the exact number of matches: one pass. */
    static TopDocs top(IndexSearcher searcher, Query query, int n, boolean byTime) throws IOException {
        return byTime
                ? searcher.search(query, new TopFieldCollectorManager(BY_TIME, n, null, Integer.MAX_VALUE))
                : searcher.search(query, new TopScoreDocCollectorManager(n, null, Integer.MAX_VALUE));
    }

    private Query parse(String q) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        try {
            return new SearchQueryParser(words).parse(q);
        } catch (ParseException e) {
            throw new ChatGuardException(ProblemType.SEARCH_QUERY_INVALID, "q: " + firstLine(e.getMessage()));
        } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
            throw new ChatGuardException(ProblemType.SEARCH_QUERY_INVALID, "q: too many terms");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid query";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static Map<String, String> filters(SearchRequest r) {
        var out = new LinkedHashMap<String, String>();
        if (r.from() != null) {
            out.put("from", r.from().toString());
        }
        if (r.to() != null) {
            out.put("to", r.to().toString());
        }
        putIfSet(out, "sender", r.sender());
        putIfSet(out, "receiver", r.receiver());
        putIfSet(out, "room", r.room());
        putIfSet(out, "msgtype", r.msgtype());
        putIfSet(out, "category", r.category());
        putIfSet(out, "alertStatus", r.alertStatus());
        return out;
    }

    private static void putIfSet(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value);
        }
    }

    private static Query withFilters(Query text, SearchRequest r) {
        var b = new BooleanQuery.Builder().add(text, Occur.MUST);
        if (r.from() != null || r.to() != null) {
            long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
            long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery(MessageDocument.MSGTIME, from, to), Occur.FILTER);
        }
        filter(b, MessageDocument.SENDER, r.sender());
        filter(b, MessageDocument.RECEIVER, r.receiver());
        filter(b, MessageDocument.ROOM, r.room());
        filter(b, MessageDocument.MSGTYPE, r.msgtype());
        filter(b, MessageDocument.CATEGORY, r.category());
        filter(b, MessageDocument.ALERT_STATUS, r.alertStatus());
        return b.build();
    }

    private static void filter(BooleanQuery.Builder b, String field, String value) {
        if (value != null && !value.isBlank()) {
            b.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    /** The folded words and phrases a hit must contain (those not under NOT), for highlighting. */
    private static List<String> positiveTerms(Query query) {
        var out = new ArrayList<String>();
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }

            @Override
            public void consumeTerms(Query q, Term... terms) {
                if (q instanceof PhraseQuery && terms.length > 0 && MessageDocument.BIGRAMS.equals(terms[0].field())) {
                    var text = new StringBuilder(terms[0].text());
                    for (int i = 1; i < terms.length; i++) {
                        text.append(terms[i].text().charAt(1));
                    }
                    out.add(text.toString());
                } else if (terms.length == 1 && MessageDocument.UNIGRAMS.equals(terms[0].field())) {
                    out.add(terms[0].text());
                }
            }
        });
        return out;
    }

    private static List<SearchResult.Hit> hits(IndexSearcher searcher, TopDocs top, int skip, List<String> terms)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        var out = new ArrayList<SearchResult.Hit>();
        ScoreDoc[] docs = top.scoreDocs;
        for (int i = skip; i < docs.length; i++) {
            Document d = stored.document(docs[i].doc);
            String text = d.get(MessageDocument.TEXT);
            List<int[]> spans = matches(text, terms);
            int start = 0;
            int end = text.length();
            if (text.length() > SNIPPET) {
                start = spans.isEmpty() ? 0 : Math.max(0, Math.min(spans.get(0)[0] - 40, text.length() - SNIPPET));
                end = start + SNIPPET;
            }
            var inSnippet = new ArrayList<int[]>();
            for (int[] s : spans) {
                if (s[0] >= start && s[1] <= end) {
                    inSnippet.add(new int[] {s[0] - start, s[1] - start});
                }
            }
            out.add(new SearchResult.Hit(d.get(MessageDocument.MSGID),
                    Instant.ofEpochMilli(d.getField(MessageDocument.MSGTIME).numericValue().longValue()),
                    d.get(MessageDocument.SENDER), List.of(d.getValues(MessageDocument.RECEIVER)),
                    d.get(MessageDocument.ROOM) == null ? "" : d.get(MessageDocument.ROOM), d.get(MessageDocument.MSGTYPE),
                    List.of(d.getValues(MessageDocument.CATEGORY)), List.of(d.getValues(MessageDocument.ALERT_STATUS)),
                    text.substring(start, end), start, inSnippet));
        }
        return out;
    }

    /** Where the folded terms occur in the folded text, merged into non-overlapping spans in order. */
    static List<int[]> matches(String text, List<String> terms) {
        String folded = CharFolding.fold(text);
        boolean[] marked = new boolean[folded.length()];
        for (String t : terms) {
            for (int at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
                java.util.Arrays.fill(marked, at, at + t.length(), true);
            }
        }
        var out = new ArrayList<int[]>();
        for (int i = 0; i < marked.length; i++) {
            if (marked[i]) {
                int j = i;
                while (j < marked.length && marked[j]) {
                    j++;
                }
                out.add(new int[] {i, j});
                i = j;
            }
        }
        return out;
    }
}
