package io.chatguard.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks styled text into lines that fit a width, measuring each glyph. Chinese has no spaces, so
 * a line may break between any two CJK characters; a Latin word moves to the next line whole
 * unless it is longer than a line, when it breaks anywhere too.
 */
final class PdfLines {
    /** Text colour and an optional background (the mark on a rule hit). */
    record Style(PdfPages.Rgb color, PdfPages.Rgb background) {
        static final Style PLAIN = new Style(PdfPages.Rgb.BLACK, null);
        static final Style MUTED = new Style(PdfPages.Rgb.GRAY, null);
    }

    /** Printable text (see {@link PdfFont#printable}) in one style; '\n' breaks the line. */
    record Run(String text, Style style) {
    }

    record Piece(String text, Style style, float width) {
    }

    record Line(List<Piece> pieces) {
    }

    private final PdfFont font;
    private final float size;
    private final float maxWidth;
    private final List<Line> lines = new ArrayList<>();
    private List<Piece> pieces = new ArrayList<>();
    private StringBuilder text = new StringBuilder();
    private Style style;
    private float pieceWidth;
    private float lineWidth;

    private PdfLines(PdfFont font, float size, float maxWidth) {
        this.font = font;
        this.size = size;
        this.maxWidth = maxWidth;
    }

    /** The runs as lines no wider than {@code maxWidth}; at least one line, maybe empty. */
    static List<Line> wrap(PdfFont font, float size, float maxWidth, List<Run> runs) {
        PdfLines l = new PdfLines(font, size, maxWidth);
        for (Run r : runs) {
            l.add(r);
        }
        l.breakLine();
        return l.lines;
    }

    private void add(Run run) {
        String s = run.text();
        for (int i = 0; i < s.length();) {
            int end = tokenEnd(s, i);
            token(s.substring(i, end), run.style());
            i = end;
        }
    }

    /** A token is a Latin word (letters, digits, punctuation up to the CJK blocks) or a single character. */
    private static int tokenEnd(String s, int start) {
        int i = start;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!wordChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i > start ? i : start + Character.charCount(s.codePointAt(start));
    }

    private static boolean wordChar(int cp) {
        return cp < 0x2E80 && cp != '\n' && !Character.isWhitespace(cp);
    }

    private void token(String token, Style s) {
        if (token.equals("\n")) {
            breakLine();
            return;
        }
        float w = font.width(token, size);
        if (lineWidth + w <= maxWidth) {
            append(token, s, w);
        } else if (token.isBlank()) {
            breakLine(); // the space at the break is not drawn
        } else if (w <= maxWidth) {
            breakLine();
            append(token, s, w);
        } else {
            for (int i = 0; i < token.length();) {
                int cp = token.codePointAt(i);
                String c = new String(Character.toChars(cp));
                float cw = font.width(cp, size);
                if (lineWidth + cw > maxWidth && lineWidth > 0) {
                    breakLine();
                }
                append(c, s, cw);
                i += c.length();
            }
        }
    }

    private void append(String t, Style s, float w) {
        if (s != style) {
            endPiece();
            style = s;
        }
        text.append(t);
        pieceWidth += w;
        lineWidth += w;
    }

    private void endPiece() {
        if (!text.isEmpty()) {
            pieces.add(new Piece(text.toString(), style, pieceWidth));
        }
        text = new StringBuilder();
        pieceWidth = 0;
    }

    private void breakLine() {
        endPiece();
        lines.add(new Line(List.copyOf(pieces)));
        pieces = new ArrayList<>();
        lineWidth = 0;
    }
}
