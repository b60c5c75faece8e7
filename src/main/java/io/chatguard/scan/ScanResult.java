package io.chatguard.scan;

/**
 * What a scan did.
 *
 * @param scanned messages scanned (already scanned ones are skipped and not counted)
 * @param findings rule hits recorded
 */
public record ScanResult(int scanned, int findings) {
    ScanResult plus(ScanResult other) {
        return new ScanResult(scanned + other.scanned, findings + other.findings);
    }
}
