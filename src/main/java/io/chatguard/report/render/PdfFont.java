package io.chatguard.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The embedded CJK font, with what the layout needs from it: which characters it can draw and
 * how wide they are. Texts come from chats and may hold emoji or control characters the font
 * lacks; {@link #printable} turns those into something drawable so the PDF never fails on them.
 */
final class PdfFont {
    static final String ELLIPSIS = "…";

    private final PDType0Font font;
    private final CmapLookup cmap;
    /** Widths per code point in 1/1000 em; bounded by the font's repertoire. */
    private final Map<Integer, Float> widths = new HashMap<>();

    /** Embeds {@code ttf} as a subset: only the glyphs used end up in the file. */
    PdfFont(PDDocument doc, TrueTypeFont ttf) throws IOException {
        this.font = PDType0Font.load(doc, ttf, true);
        this.cmap = ttf.getUnicodeCmapLookup();
    }

    PDType0Font pdFont() {
        return font;
    }

    /**
     * The text as the font can draw it. Newlines stay (CRLF and CR become LF), tabs become a space,
     * invisible characters the font lacks (controls, joiners, variation selectors) are dropped and
     * any other character it lacks becomes "?".
     */
    String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                b.append(i < text.length() && text.charAt(i) == '\n' ? "" : "\n");
            } else if (cp == '\n') {
                b.append('\n');
            } else if (cp == '\t') {
                b.append(' ');
            } else if (has(cp) && !Character.isISOControl(cp)) {
                b.appendCodePoint(cp);
            } else if (!invisible(cp)) {
                b.append('?');
            }
        }
        return b.toString();
    }

    /** The text on one line: printable, line breaks as spaces. */
    String singleLine(String text) {
        return printable(text).replace('\n', ' ');
    }

    /** The width of printable text at {@code size} points. */
    float width(String printable, float size) {
        float w = 0;
        for (int i = 0; i < printable.length();) {
            int cp = printable.codePointAt(i);
            w += width(cp, size);
            i += Character.charCount(cp);
        }
        return w;
    }

    float width(int codePoint, float size) {
        return widths.computeIfAbsent(codePoint, this::unitWidth) * size / 1000f;
    }

    /** Printable text cut to {@code maxWidth}, ending in "…" when cut. */
    String fit(String printable, float size, float maxWidth) {
        if (width(printable, size) <= maxWidth) {
            return printable;
        }
        float room = maxWidth - width(ELLIPSIS, size);
        StringBuilder b = new StringBuilder();
        float w = 0;
        for (int i = 0; i < printable.length();) {
            int cp = printable.codePointAt(i);
            w += width(cp, size);
            if (w > room) {
                break;
            }
            b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b + ELLIPSIS;
    }

    private boolean has(int cp) {
        return cmap.getGlyphId(cp) > 0;
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private float unitWidth(int cp) {
        try {
            return font.getStringWidth(new String(Character.toChars(cp)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
