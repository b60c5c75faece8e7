package io.chatguard.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

import io.chatguard.platform.text.CharFolding;

/**
 * The officers' query syntax: words and "exact phrases" (each matches where the folded message text
 * contains it, exactly as a substring scan would), {@code AND}/{@code OR}/{@code NOT} (words are ANDed by
 * default) and parentheses, and field filters {@code sender:}, {@code receiver:}, {@code room:},
 * {@code msgtype:}, {@code msgid:}, {@code category:} (a category of the message's current findings) and
 * {@code status:} (a status of one of its alerts). Wildcards, fuzzy and range syntax are refused with a message rather
 * than guessed at. Not thread-safe: one per query.
 */
final class SearchQueryParser extends QueryParser {
    private static final Map<String, String> FILTERS = Map.of("sender", MessageDocument.SENDER, "receiver",
            MessageDocument.RECEIVER, "room", MessageDocument.ROOM, "msgtype", MessageDocument.MSGTYPE, "msgid",
            MessageDocument.MSGID, "category", MessageDocument.CATEGORY, "status", MessageDocument.ALERT_STATUS);
    private static final String TEXT = "text";

    private final QueryBuilder words;

    SearchQueryParser(Analyzer wordAnalyzer) {
        super(TEXT, new KeywordAnalyzer());
        setDefaultOperator(AND_OPERATOR);
        this.words = new QueryBuilder(wordAnalyzer);
    }

    /** The query for {@code text}: a substring match, ranked by its HanLP words. */
    Query substring(String text) throws ParseException {
        String folded = CharFolding.fold(text);
        Query match;
        if (folded.isEmpty()) {
            throw new ParseException("empty phrase");
        } else if (folded.length() == 1) {
            match = new TermQuery(new Term(MessageDocument.UNIGRAMS, folded));
        } else {
            var phrase = new PhraseQuery.Builder();
            for (int i = 0; i + 2 <= folded.length(); i++) {
                phrase.add(new Term(MessageDocument.BIGRAMS, folded.substring(i, i + 2)), i);
            }
            match = phrase.build();
        }
        Query rank = words.createBooleanQuery(MessageDocument.WORDS, folded);
        if (rank == null) {
            return match;
        }
        return new BooleanQuery.Builder().add(match, Occur.MUST).add(rank, Occur.SHOULD).build();
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (TEXT.equals(field)) {
            return substring(queryText);
        }
        String indexed = FILTERS.get(field);
        if (indexed == null) {
            throw new ParseException("unknown field '" + field + "' (fields: " + String.join(", ", FILTERS.keySet().stream()
                    .sorted().toList()) + "); put text containing ':' in double quotes");
        }
        return queryText.isEmpty() ? new MatchNoDocsQuery() : new TermQuery(new Term(indexed, queryText));
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        return getFieldQuery(field, queryText, true);
    }

    /** A group of only NOT clauses means everything except them, as officers read it (Lucene alone matches nothing). */
    @Override
    protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
        if (!clauses.isEmpty() && clauses.stream().allMatch(c -> c.occur() == Occur.MUST_NOT)) {
            var all = new ArrayList<>(clauses);
            all.add(new BooleanClause(new MatchAllDocsQuery(), Occur.FILTER));
            return super.getBooleanQuery(all);
        }
        return super.getBooleanQuery(clauses);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        throw unsupported("wildcards (* ?)");
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        throw unsupported("wildcards (*)");
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        throw unsupported("fuzzy terms (~)");
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        throw unsupported("regular expressions (/…/)");
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
            throws ParseException {
        throw unsupported("ranges ([a TO b]); use the from/to parameters for time");
    }

    private static ParseException unsupported(String what) {
        return new ParseException(what + " are not supported: words match anywhere in the text already;"
                + " put special characters in double quotes");
    }
}
