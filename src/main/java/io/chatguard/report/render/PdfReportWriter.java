package io.chatguard.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The report as an A4 PDF: the summary with tables and bar charts, then each alert as a block, up to
 * {@code maxDetailAlerts} (beyond that a note points to the XLSX/CSV). Text is set in the given CJK
 * font, embedded as a subset. Page content is cached in temp files, not memory, until {@link #finish()}.
 */
public final class PdfReportWriter implements ReportWriter {
    /** The font in WenQuanYi Micro Hei's collection that is not the monospaced one. */
    private static final String PREFERRED_FONT = "WenQuanYiMicroHei";
    private static final String DEFAULT_TITLE = "合规报告";

    private final OutputStream out;
    private final int maxDetailAlerts;
    private final PDDocument doc;
    private final AutoCloseable fontFile;
    private final PdfPages pages;
    private int detailed;
    private long skipped;
    private boolean finished;

    /**
     * Writes to {@code out} at {@link #finish()}; {@code out} stays open.
     *
     * @param fontFile a TrueType font or collection (.ttc) with CJK glyphs
     * @param maxDetailAlerts how many alerts get a detail block, at least 0
     */
    public PdfReportWriter(OutputStream out, Path fontFile, int maxDetailAlerts) throws IOException {
        if (maxDetailAlerts < 0) {
            throw new IllegalArgumentException("maxDetailAlerts < 0: " + maxDetailAlerts);
        }
        this.out = out;
        this.maxDetailAlerts = maxDetailAlerts;
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        AutoCloseable opened = null;
        try {
            List<TrueTypeFont> fonts = new ArrayList<>(1);
            opened = open(fontFile, fonts);
            this.fontFile = opened;
            this.pages = new PdfPages(doc, new PdfFont(doc, fonts.getFirst()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened, e);
            closeQuietly(doc, e);
            throw e;
        }
        pages.header(DEFAULT_TITLE);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setCreator("ChatGuard");
        info.setCreationDate(Calendar.getInstance(TimeZone.getTimeZone(ReportText.ZONE)));
    }

    @Override
    public void summary(ReportContent.Summary summary) throws IOException {
        checkOpen();
        pages.header(summary.title());
        doc.getDocumentInformation().setTitle(summary.title());
        PdfSummary.write(pages, summary);
    }

    @Override
    public void alert(ReportContent.Alert alert) throws IOException {
        checkOpen();
        if (detailed >= maxDetailAlerts) {
            skipped++;
            return;
        }
        if (detailed == 0) {
            startDetail();
        }
        detailed++;
        PdfAlertBlock.write(pages, alert);
    }

    @Override
    public void finish() throws IOException {
        checkOpen();
        finished = true;
        if (skipped > 0) {
            if (detailed == 0) {
                startDetail();
            }
            pages.need(40);
            pages.down(10);
            pages.paragraph(PdfPages.LEFT, 11, "明细仅列出前 " + maxDetailAlerts + " 条预警，完整明细见 XLSX/CSV 文件。",
                    PdfLines.Style.PLAIN);
        }
        if (doc.getNumberOfPages() == 0) {
            pages.newPage(); // a PDF needs a page
        }
        pages.closePage();
        doc.save(new NonClosingOutputStream(out));
        out.flush();
    }

    /** Releases the document's temp files and the font, also after a failure. */
    @Override
    public void close() throws IOException {
        try (AutoCloseable font = fontFile; doc) {
            pages.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void startDetail() throws IOException {
        pages.newPage();
        pages.paragraph(PdfPages.LEFT, 16, "预警明细", PdfLines.Style.PLAIN);
        pages.down(6);
    }

    /** Opens the font file and adds the font to use to {@code found}; returns what to close after saving. */
    private static AutoCloseable open(Path file, List<TrueTypeFont> found) throws IOException {
        if (!file.getFileName().toString().toLowerCase().endsWith(".ttc")) {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
            found.add(ttf);
            return ttf;
        }
        TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
        try {
            TrueTypeFont preferred = ttc.getFontByName(PREFERRED_FONT);
            if (preferred != null) {
                found.add(preferred);
            } else {
                ttc.processAllFonts(f -> {
                    if (found.isEmpty()) {
                        found.add(f);
                    }
                });
            }
            if (found.isEmpty()) {
                throw new IOException("no font in " + file);
            }
            return ttc;
        } catch (IOException | RuntimeException e) {
            ttc.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("PDF report already finished");
        }
    }
}
