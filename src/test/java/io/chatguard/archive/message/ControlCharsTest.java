package io.chatguard.archive.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharsTest {

    @Test
    void cleanJsonIsReturnedAsTheSameInstance() {
        String json = "{\n\t\"a\": \"保本\\n收益\",\r\n \"b\": [1, 2]\n}";

        assertThat(ControlChars.escape(json)).isSameAs(json);
    }

    @Test
    void rawControlCharsInsideStringsBecomeUnicodeEscapes() {
        assertThat(ControlChars.escape("{\"a\":\"x\u0001y\nz\u001f\"}"))
                .isEqualTo("{\"a\":\"x\\u0001y\\u000az\\u001f\"}");
    }

    @Test
    void escapedQuotesDoNotEndTheString() {
        assertThat(ControlChars.escape("{\"a\":\"say \\\"hi\\\"\u0002\"}"))
                .isEqualTo("{\"a\":\"say \\\"hi\\\"\\u0002\"}");
    }

    @Test
    void escapedBackslashBeforeClosingQuoteEndsTheString() {
        // "a\\" is a complete string; the LF after it is whitespace, the U+0003 after that is stray.
        assertThat(ControlChars.escape("{\"k\":\"a\\\\\"\n\u0003}")).isEqualTo("{\"k\":\"a\\\\\"\n}");
    }

    @Test
    void strayControlCharsOutsideStringsAreDropped() {
        assertThat(ControlChars.escape("\u0000{\"a\":\u00071}\u0000")).isEqualTo("{\"a\":1}");
    }

    @Test
    void backslashBeforeRawControlCharIsKeptAsLiteralContent() {
        assertThat(ControlChars.escape("{\"a\":\"x\\\ny\"}")).isEqualTo("{\"a\":\"x\\\\\\u000ay\"}");
    }
}
