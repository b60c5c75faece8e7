package io.chatguard.report;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Report exports. */
@ConfigMapping(prefix = "chatguard.report")
public interface ReportConfig {

    /** How long a finished report can be downloaded. */
    @WithDefault("P30D")
    Duration downloadTtl();

    /** The TrueType font PDFs embed for Chinese text (Debian: fonts-wqy-microhei). */
    @WithDefault("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    Path pdfFont();

    /** Alerts detailed in the PDF; the XLSX and CSV files always hold every alert. */
    @WithDefault("2000")
    int pdfMaxDetail();

    /** Messages of the conversation shown on each side of an alert's message. */
    @WithDefault("2")
    int context();

    /**
     * The Ed25519 key that signs evidence packages (PKCS#8 PEM). Created on first use when missing; its
     * public key and fingerprint are published at {@code GET /api/v1/reports/signing-key}.
     */
    Path signingKeyFile();

    /** Where exports write their files before uploading them (local disk). */
    @WithDefault("${java.io.tmpdir}/chatguard-reports")
    Path workDir();
}
