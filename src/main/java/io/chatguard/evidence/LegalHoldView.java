package io.chatguard.evidence;

import java.time.Instant;

/**
 * A legal hold on an evidence object.
 *
 * @param id hold id
 * @param objectKey the object held
 * @param reason why (case, request)
 * @param placedBy who placed it
 * @param placedAt when
 * @param releasedBy who released it, or null while active
 * @param releasedAt when, or null while active
 * @param releaseNote why it was released, or null
 */
public record LegalHoldView(long id, String objectKey, String reason, String placedBy, Instant placedAt, String releasedBy,
        Instant releasedAt, String releaseNote) {
}
