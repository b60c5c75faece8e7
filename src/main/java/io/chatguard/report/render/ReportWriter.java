package io.chatguard.report.render;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes one report file as the export walks the alerts: the summary first, then each alert in turn,
 * so memory does not grow with the number of alerts. {@link #finish()} completes the file;
 * {@link #close()} releases resources (also after a failure) and never closes the target stream.
 */
public interface ReportWriter extends Closeable {

    void summary(ReportContent.Summary summary) throws IOException;

    void alert(ReportContent.Alert alert) throws IOException;

    void finish() throws IOException;
}
