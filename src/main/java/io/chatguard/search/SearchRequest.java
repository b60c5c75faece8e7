package io.chatguard.search;

import java.time.Instant;

/**
 * A search of the archive.
 *
 * @param q the query (see {@link SearchQueryParser}); blank: every message matching the filters
 * @param from message time, inclusive, or null
 * @param to message time, exclusive, or null
 * @param sender sender userid, or null
 * @param receiver one of the recipients, or null
 * @param room group chat id, or null
 * @param msgtype WeCom msgtype, or null
 * @param category a compliance category the message's current findings fall in, or null
 * @param alertStatus a status one of the message's alerts is in, or null
 * @param sort {@code time} (newest first, the default) or {@code relevance}
 * @param page page number, from 0
 * @param size hits per page
 */
public record SearchRequest(String q, Instant from, Instant to, String sender, String receiver, String room, String msgtype,
        String category, String alertStatus, String sort, int page, int size) {
}
