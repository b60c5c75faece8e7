package io.chatguard.report.render;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The detail as CSV, one row per alert: UTF-8 with a BOM so Excel reads Chinese, RFC 4180 quoting,
 * and fields that a spreadsheet would run as a formula defused with a leading apostrophe.
 * The summary goes to its own file through {@link #writeSummary}.
 */
public final class CsvReportWriter implements ReportWriter {
    private static final char BOM = '\uFEFF';
    private static final String CRLF = "\r\n";

    private final Writer out;
    private boolean started;
    private boolean finished;

    /** Writes to {@code out}, which stays open. */
    public CsvReportWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out), StandardCharsets.UTF_8));
    }

    /** The detail file carries no summary: see {@link #writeSummary}. */
    @Override
    public void summary(ReportContent.Summary summary) throws IOException {
        start();
    }

    @Override
    public void alert(ReportContent.Alert alert) throws IOException {
        start();
        record(out, DetailColumns.values(alert));
    }

    @Override
    public void finish() throws IOException {
        start();
        finished = true;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    /** The summary as CSV (分组, 项目, 数量): UTF-8 with BOM; {@code out} stays open. */
    public static void writeSummary(ReportContent.Summary s, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out), StandardCharsets.UTF_8));
        w.write(BOM);
        record(w, List.of("分组", "项目", "数量"));
        for (SummaryRows.Group g : SummaryRows.groups(s)) {
            for (SummaryRows.Row r : g.rows()) {
                record(w, List.of(g.name(), r.item(), r.text()));
            }
        }
        w.flush();
    }

    private void start() throws IOException {
        if (finished) {
            throw new IllegalStateException("CSV report already finished");
        }
        if (!started) {
            started = true;
            out.write(BOM);
            record(out, DetailColumns.HEADERS);
        }
    }

    private static void record(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields.get(i)));
        }
        w.write(CRLF);
    }

    /** One field, defused then quoted if it needs to be. */
    static String field(String value) {
        String v = defused(value == null ? "" : value);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /**
     * Message texts are attacker-controlled: a spreadsheet would evaluate a field starting with one of
     * these as a formula (e.g. "=cmd|..."), so it gets an apostrophe and stays text.
     */
    static String defused(String v) {
        if (v.isEmpty()) {
            return v;
        }
        return switch (v.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> "'" + v;
            default -> v;
        };
    }
}
