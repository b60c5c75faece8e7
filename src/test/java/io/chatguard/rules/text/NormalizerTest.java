package io.chatguard.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizerTest {
    private static final Normalizer NORMALIZER = new Normalizer(new PinyinTable());

    private static String script(String text) {
        return NORMALIZER.scriptOf(text);
    }

    @Test
    void foldsWidthCaseAndTraditionalCharacters() {
        assertThat(script("ｂａｏ本 ＡＢＣ１２３")).isEqualTo("bao本abc123");
        assertThat(script("保證收益 穩賺不賠")).isEqualTo("保证收益稳赚不赔");
    }

    @Test
    void readsCantoneseCharsAsMandarinEvenWhereHanLpFoldsThemOtherwise() {
        // HanLP's table folds 哋 to 的; 佢哋话 must read 他们话 (they say), not 他的话 (his words).
        assertThat(script("佢哋话包赚嘅系呃人")).isEqualTo("他们话包赚的系呃人");
        assertThat(script("揾我啦，啱唔啱")).isEqualTo("找我啦对不对");
    }

    @Test
    void dropsNoiseBetweenCharacters() {
        assertThat(script("保 本")).isEqualTo("保本");
        assertThat(script("保*本 保-本 保.本")).isEqualTo("保本保本保本");
        assertThat(script("内💡幕消息")).isEqualTo("内幕消息");
        assertThat(script("个\u200b人账户")).isEqualTo("个人账户");
    }

    @Test
    void collapsesRepeatedIdeographsButNotDigits() {
        assertThat(script("保保本本")).isEqualTo("保本");
        assertThat(script("卡号6622888")).isEqualTo("卡号6622888");
        // A doubled numeral among doubled chars is the repeat evasion; numerals on their own stay numbers.
        assertThat(script("第第一一的")).isEqualTo("第1的");
        assertThat(script("唯唯一一能做到")).isEqualTo("唯1能做到");
        assertThat(script("一一流流")).isEqualTo("1流");
        assertThat(script("一三八一一零零一三八零")).isEqualTo("13811001380");
        assertThat(script("电话一一零")).isEqualTo("电话110");
        assertThat(script("好好好 一一零报警")).isEqualTo("好110报警");
    }

    @Test
    void readsNumeralVariantsAsDigits() {
        assertThat(script("壹伍贰陆陆伍叁陆柒零叁")).isEqualTo("15266536703");
        assertThat(script("配资①比⑩")).isEqualTo("配资1比10");
        assertThat(script("幺八八")).isEqualTo("188");
        assertThat(script("二十五倍 十倍 十五")).isEqualTo("25倍10倍15");
        // Enclosed forms beyond HanLP's ①-⑳: zero, parenthesised, full-stop, dingbat, double-circled, ideographic.
        assertThat(script("①⑦③⓪①⑤⑧②②⑥④")).isEqualTo("17301582264");
        assertThat(script("❶❸⑧⓿⓪➊➂⑧⓪⓪⓪")).isEqualTo("13800138000");
        assertThat(script("配资⑴比⒌ ㈠比㊄ ⓵比⓾")).isEqualTo("配资1比51比51比10");
    }

    @Test
    void keepsRatiosDecimalsAndQuestionMarks() {
        assertThat(script("LEVERAGE 1:10")).isEqualTo("leverage1比10");
        assertThat(script("止损9.8，目标13")).isEqualTo("止损9.8目标13");
        assertThat(script("保本吗？")).isEqualTo("保本吗?");
    }

    @Test
    void mapsEveryScriptCharBackToWhatWasTyped() {
        String typed = "姐，这款保🔥本的";
        NormalizedText t = NORMALIZER.normalize(typed, new NormalizedText());
        int bao = t.script().indexOf("保本");
        int start = t.originalStart(bao);
        int end = t.originalEnd(bao + 1);
        // The emoji is a surrogate pair: offsets are UTF-16 code units.
        assertThat(typed.substring(start, end)).isEqualTo("保🔥本");
    }

    @Test
    void soundFormMakesHomophonesAndPinyinMeet() {
        NormalizedText homophone = NORMALIZER.normalize("饱本", new NormalizedText());
        NormalizedText pinyin = NORMALIZER.normalize("bao ben", new NormalizedText());
        NormalizedText mixed = NORMALIZER.normalize("ｂａｏ本", new NormalizedText());
        NormalizedText term = NORMALIZER.normalize("保本", new NormalizedText());
        assertThat(homophone.sound()).isEqualTo(term.sound());
        assertThat(pinyin.sound()).isEqualTo(term.sound());
        assertThat(mixed.sound()).isEqualTo(term.sound());
    }

    @Test
    void clausesEndAtSentencePunctuation() {
        NormalizedText t = NORMALIZER.normalize("不用担心，保本的", new NormalizedText());
        assertThat(t.clause(t.script().indexOf('不'))).isNotEqualTo(t.clause(t.script().indexOf('保')));
    }
}
