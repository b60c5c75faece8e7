package io.chatguard.archive;

import java.util.Objects;

import io.chatguard.archive.sdk.ArchiveSdk;

/**
 * One WeCom archive to pull: its name in cursors and evidence keys, the SDK that reads it, and the
 * private keys that decrypt its records.
 *
 * @param name source name (corp id, or {@code simulator})
 * @param sdk the SDK; owned by whoever created this source
 * @param keys private keys by publickey_ver
 * @param enabled false when no archive is configured ({@code chatguard.archive.source=none})
 */
public record ArchiveSource(String name, ArchiveSdk sdk, KeyRing keys, boolean enabled) {
    public ArchiveSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sdk, "sdk");
        Objects.requireNonNull(keys, "keys");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("source name must be 1-64 of [A-Za-z0-9._-]: " + name);
        }
    }
}
