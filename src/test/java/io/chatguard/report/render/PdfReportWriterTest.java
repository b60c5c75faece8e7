package io.chatguard.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportWriterTest {
    private static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final Path DIR = Path.of("target/report-render");

    @Test
    void writesSummaryAndDetailInTheEmbeddedCjkFont() throws Exception {
        List<ReportContent.Alert> alerts = new ArrayList<>(ReportFixtures.alerts());
        alerts.add(ReportFixtures.gap(2001));
        Files.createDirectories(DIR);
        Path pdf = DIR.resolve("report.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            write(out, 100, alerts);
        }

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(ReportFixtures.TITLE, ReportFixtures.CATEGORY, "经纪业务总部（上海）", "第 1 页", "预警明细",
                    "预警 #1001", "稳赚不赔", "年化收益至少", "<script>alert('x')</script>", "內幕消息請勿外傳", "=cmd|",
                    "【本条】", "已约谈员工", "无存档消息", "老师好??");
            assertThat(text).doesNotContain("明细仅列出前");
            // The 3 000-character message flows on: its last words are there too.
            assertThat(text.replaceAll("\\s", "")).contains(ReportFixtures.LONG.substring(2950).replaceAll("\\s", ""));
            assertThat(embeddedType0Fonts(doc)).isNotEmpty().allSatisfy(f -> assertThat(f.isEmbedded()).isTrue());
        }

        for (Path old : List.of(DIR.resolve("page-1.png"), DIR.resolve("page-2.png"))) {
            Files.deleteIfExists(old);
        }
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", pdf.toString(),
                DIR.resolve("page").toString()).redirectErrorStream(true).start();
        assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = new String(pdftoppm.getInputStream().readAllBytes());
        assertThat(pdftoppm.exitValue()).as(log).isZero();
        assertThat(log).doesNotContainIgnoringCase("error");
        // A blank page compresses to a few KB; page 1 is the dense summary, page 2 the rest of its tables.
        assertThat(DIR.resolve("page-1.png")).exists();
        assertThat(Files.size(DIR.resolve("page-1.png"))).isGreaterThan(20_000);
        assertThat(DIR.resolve("page-2.png")).exists();
        assertThat(Files.size(DIR.resolve("page-2.png"))).isGreaterThan(5_000);
    }

    @Test
    void stopsTheDetailAfterMaxAlertsAndSaysSo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, 2, ReportFixtures.alerts());
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("预警 #1001", "预警 #1002", "明细仅列出前 2 条预警，完整明细见 XLSX/CSV 文件。")
                    .doesNotContain("预警 #1003", "预警 #1005");
        }
    }

    @Test
    void noDetailAtAllStillMakesAValidPdf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfReportWriter w = new PdfReportWriter(out, FONT, 0)) {
            w.finish();
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }

    @Test
    void wrapsByGlyphWidthAndReplacesWhatTheFontLacks() throws IOException {
        try (PDDocument doc = new PDDocument(); TrueTypeCollection ttc = new TrueTypeCollection(FONT.toFile())) {
            PdfFont font = new PdfFont(doc, ttc.getFontByName("WenQuanYiMicroHei"));
            assertThat(font.printable("a😀\uFE0F\u0001b\uD800c\tdé\r\n內")).isEqualTo("a?b?c dé\n內");

            String text = font.printable(ReportFixtures.LONG + "\n" + "无空格的中文长句".repeat(40));
            List<PdfLines.Line> lines = PdfLines.wrap(font, 10, 200, List.of(new PdfLines.Run(text, PdfLines.Style.PLAIN)));
            StringBuilder joined = new StringBuilder();
            for (PdfLines.Line line : lines) {
                float width = (float) line.pieces().stream().mapToDouble(PdfLines.Piece::width).sum();
                assertThat(width).isLessThanOrEqualTo(200f);
                line.pieces().forEach(piece -> joined.append(piece.text()));
            }
            assertThat(lines.size()).isGreaterThan(100);
            // Only the spaces at line breaks (and the newline) are gone.
            assertThat(joined.toString().replace(" ", "")).isEqualTo(text.replace(" ", "").replace("\n", ""));
        }
    }

    private static void write(OutputStream out, int max, List<ReportContent.Alert> alerts) throws IOException {
        try (PdfReportWriter w = new PdfReportWriter(out, FONT, max)) {
            w.summary(ReportFixtures.summary());
            for (ReportContent.Alert a : alerts) {
                w.alert(a);
            }
            w.finish();
        }
    }

    private static List<PDType0Font> embeddedType0Fonts(PDDocument doc) throws IOException {
        List<PDType0Font> fonts = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            PDResources res = page.getResources();
            for (COSName name : res.getFontNames()) {
                PDFont f = res.getFont(name);
                if (f instanceof PDType0Font t0) {
                    fonts.add(t0);
                }
            }
        }
        return fonts;
    }
}
