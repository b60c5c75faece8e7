package io.chatguard.search;

import java.time.Instant;
import java.util.List;

/**
 * One page of search hits.
 *
 * @param total messages matching in all
 * @param page page number, from 0
 * @param size hits per page
 * @param hits this page's hits
 * @param rebuilding the rebuild of the index running now, or null: while one runs, messages it has not
 *     reached yet are missing from the hits
 */
public record SearchResult(long total, int page, int size, List<Hit> hits, ReindexView rebuilding) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    /**
     * A message that matched. Its text is attacker-controlled: escape it when showing it.
     *
     * @param msgid WeCom msgid
     * @param msgtime when it was sent
     * @param from sender userid
     * @param tolist recipients
     * @param roomid group chat id, empty for 1:1
     * @param msgtype WeCom msgtype
     * @param categories compliance categories of the message's current findings
     * @param alertStatuses statuses of the alerts on the message
     * @param snippet the text, or a window of it around the first match when it is long
     * @param snippetStart where the snippet starts in the message text (UTF-16)
     * @param highlights {@code [start, end)} of each match in the snippet (UTF-16), in order, not overlapping
     */
    public record Hit(String msgid, Instant msgtime, String from, List<String> tolist, String roomid, String msgtype,
            List<String> categories, List<String> alertStatuses, String snippet, int snippetStart, List<int[]> highlights) {
        public Hit {
            tolist = List.copyOf(tolist);
            categories = List.copyOf(categories);
            alertStatuses = List.copyOf(alertStatuses);
            highlights = List.copyOf(highlights);
        }
    }
}
