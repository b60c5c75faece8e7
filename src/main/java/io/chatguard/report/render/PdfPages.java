package io.chatguard.report.render;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A4 pages filled top to bottom: a cursor {@code y}, a new page (with the header line and "第 n 页")
 * whenever the next thing does not fit, and drawing primitives. Only the current page's content
 * stream is open; finished pages go to the document's (temp-file) cache.
 */
final class PdfPages implements Closeable {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float LEFT = 50;
    static final float RIGHT = PAGE.getWidth() - 50;
    static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = PAGE.getHeight() - 68;
    private static final float BOTTOM = 52;
    private static final float HEADER_SIZE = 9;

    /** A colour as RGB in [0, 1]. */
    record Rgb(float r, float g, float b) {
        static final Rgb BLACK = new Rgb(0, 0, 0);
        static final Rgb GRAY = new Rgb(0.4f, 0.4f, 0.4f);
        static final Rgb RULE = new Rgb(0.75f, 0.75f, 0.75f);
        static final Rgb BAND = new Rgb(0.91f, 0.93f, 0.96f);
    }

    private final PDDocument doc;
    private final PdfFont font;
    private String header = "";
    private PDPageContentStream cs;
    private int pages;
    private float y;

    PdfPages(PDDocument doc, PdfFont font) {
        this.doc = doc;
        this.font = font;
    }

    PdfFont font() {
        return font;
    }

    /** The header line of the pages started from now on. */
    void header(String title) {
        header = font.singleLine(title);
    }

    float y() {
        return y;
    }

    void down(float height) {
        y -= height;
    }

    /** Starts a new page unless {@code height} still fits on this one; says whether it did. */
    boolean need(float height) throws IOException {
        if (cs != null && y - height >= BOTTOM) {
            return false;
        }
        newPage();
        return true;
    }

    void newPage() throws IOException {
        closePage();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        pages++;
        cs = new PDPageContentStream(doc, page);
        float top = PAGE.getHeight() - 40;
        text(LEFT, top, font.fit(header, HEADER_SIZE, WIDTH), HEADER_SIZE, Rgb.GRAY);
        fill(LEFT, top - 6, WIDTH, 0.6f, Rgb.RULE);
        String number = "第 " + pages + " 页";
        text((PAGE.getWidth() - font.width(number, HEADER_SIZE)) / 2, 28, number, HEADER_SIZE, Rgb.GRAY);
        y = TOP;
    }

    /**
     * Wrapped text at {@code x}, {@code width} wide, flowing onto new pages as needed;
     * {@code band} fills behind each line (null for none).
     */
    void paragraph(float x, float width, float size, List<PdfLines.Run> runs, Rgb band) throws IOException {
        float leading = leading(size);
        for (PdfLines.Line line : PdfLines.wrap(font, size, width, runs)) {
            need(leading);
            if (band != null) {
                fill(x - 3, y - leading, width + 6, leading, band);
            }
            float baseline = y - size * 1.05f;
            float px = x;
            for (PdfLines.Piece p : line.pieces()) {
                if (p.style().background() != null) {
                    fill(px, baseline - size * 0.28f, p.width(), size * 1.3f, p.style().background());
                }
                px += p.width();
            }
            px = x;
            for (PdfLines.Piece p : line.pieces()) {
                text(px, baseline, p.text(), size, p.style().color());
                px += p.width();
            }
            y -= leading;
        }
    }

    /** One paragraph in one style. */
    void paragraph(float x, float size, String printable, PdfLines.Style style) throws IOException {
        paragraph(x, RIGHT - x, size, List.of(new PdfLines.Run(printable, style)), null);
    }

    static float leading(float size) {
        return size * 1.5f;
    }

    /** Printable single-line text with its baseline at {@code baseline}. */
    void text(float x, float baseline, String printable, float size, Rgb color) throws IOException {
        if (printable.isEmpty()) {
            return;
        }
        cs.beginText();
        cs.setFont(font.pdFont(), size);
        cs.setNonStrokingColor(color.r(), color.g(), color.b());
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable);
        cs.endText();
    }

    void fill(float x, float bottom, float width, float height, Rgb color) throws IOException {
        cs.setNonStrokingColor(color.r(), color.g(), color.b());
        cs.addRect(x, bottom, width, height);
        cs.fill();
    }

    /** Ends the current page's content stream. */
    void closePage() throws IOException {
        if (cs != null) {
            PDPageContentStream open = cs;
            cs = null;
            open.close();
        }
    }

    @Override
    public void close() throws IOException {
        closePage();
    }
}
