package io.chatguard.archive.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ArchiveSimulatorContentTest {
    /** The msgtypes of domain.md §1, plus the two actions without a msgtype of their own. */
    private static final List<String> DOCUMENTED = List.of("text", "image", "revoke", "agree", "disagree", "voice",
            "video", "card", "location", "emotion", "file", "link", "weapp", "chatrecord", "todo", "vote", "collect",
            "redpacket", "external_redpacket", "meeting", "docmsg", "markdown", "news", "calendar", "mixed",
            "meeting_voice_call", "voip_doc_share", "sphfeed", "voiptext", "qydiskfile", "meeting_notification",
            "switch");
    private static final List<String> CATEGORIES = List.of("guarantee_return", "insider_info", "stock_tip",
            "discretionary_trading", "private_dealing", "kickback", "pii_leak", "illegal_leverage", "absolute_claims");
    private static final double VIOLATION_SHARE = 0.15;
    private static final int VOLUME = 2_000;

    /** One record with its ground truth and (when readable) its message. */
    private record Sample(ExpectedRecord expected, JsonNode message) {
    }

    private static ArchiveSimulator simulator;
    private static List<Sample> samples;

    @BeforeAll
    static void generate() {
        simulator = new ArchiveSimulator(SimulatorSettings.defaults(2024, VOLUME)
                .withViolationShare(VIOLATION_SHARE).withFaults(SimulatorSettings.Faults.mixed()));
        samples = new ArrayList<>();
        for (long seq = 1; seq <= VOLUME; seq++) {
            ExpectedRecord expected = simulator.expected(seq);
            JsonNode message = expected.shouldBeQuarantined() ? null
                    : SimulatorDecoder.readTree(SimulatorDecoder.escapeControlChars(simulator.plaintext(seq)));
            samples.add(new Sample(expected, message));
        }
    }

    @AfterAll
    static void close() {
        simulator.close();
    }

    @Test
    void everyDocumentedMsgtypeAppearsIn2000Records() {
        Map<String, Integer> counts = new TreeMap<>();
        samples.forEach(s -> counts.merge(s.expected().msgtype(), 1, Integer::sum));
        assertThat(counts).containsKeys(DOCUMENTED.toArray(String[]::new)).containsKey("future_feature_x");
        double textShare = counts.get("text") / (double) VOLUME;
        assertThat(textShare).as("text dominates").isBetween(0.62, 0.78);
    }

    @Test
    void advisorTextViolationsRoughlyMatchTheConfiguredShare() {
        List<Sample> advisorTexts = samples.stream()
                .filter(s -> s.message() != null && s.expected().msgtype().equals("text"))
                .filter(s -> !s.expected().msgid().endsWith("_external"))
                .toList();
        long violations = advisorTexts.stream().filter(s -> s.expected().violation()).count();
        assertThat(violations / (double) advisorTexts.size()).isBetween(VIOLATION_SHARE - 0.05, VIOLATION_SHARE + 0.05);
        assertThat(samples).filteredOn(s -> s.expected().msgid().endsWith("_external"))
                .noneMatch(s -> s.expected().violation());
        assertThat(samples).filteredOn(s -> s.expected().shouldBeQuarantined())
                .isNotEmpty().noneMatch(s -> s.expected().violation());
    }

    @Test
    void violationsCoverAllNineCategoriesAndHideInItemsAndFileNames() {
        Set<String> categories = new HashSet<>();
        Set<String> carriers = new HashSet<>();
        for (Sample sample : samples) {
            if (sample.expected().violation()) {
                categories.add(sample.expected().category());
                carriers.add(sample.expected().msgtype());
            }
        }
        assertThat(categories).containsExactlyInAnyOrderElementsOf(CATEGORIES);
        assertThat(carriers).contains("text", "mixed", "chatrecord", "file");
    }

    @Test
    void violationTextsUseEvasionsAndCleanTrafficHasHardNegatives() {
        List<String> violationTexts = samples.stream()
                .filter(s -> s.expected().violation() && s.expected().msgtype().equals("text"))
                .map(s -> s.message().path("text").path("content").asText()).toList();
        assertThat(violationTexts).anyMatch(t -> t.matches(".*[\\u4e00-\\u9fa5] [\\u4e00-\\u9fa5] .*"))
                .as("pinyin or English").anyMatch(t -> t.matches(".*[a-z]{4,}.*"))
                .as("traditional").anyMatch(t -> t.matches(".*[證賺賠帳戶資險這個們說認購額萬虧損點轉來滿倉].*"));
        List<String> cleanTexts = samples.stream()
                .filter(s -> s.message() != null && !s.expected().violation() && s.expected().msgtype().equals("text"))
                .map(s -> s.message().path("text").path("content").asText()).toList();
        assertThat(cleanTexts).anyMatch(t -> t.contains("不保本")).anyMatch(t -> t.contains("内幕"));
    }

    @Test
    void leakedIdAndCardNumbersPassTheirChecksums() {
        Pattern id = Pattern.compile("(?<!\\d)\\d{17}[\\dX](?!\\d)");
        Pattern card = Pattern.compile("(?<!\\d)62\\d{14}(?:\\d{3})?(?!\\d)");
        int ids = 0;
        int cards = 0;
        for (Sample sample : samples) {
            if (!"pii_leak".equals(sample.expected().category())) {
                continue;
            }
            String text = normalise(sample.message().toString());
            for (Matcher m = id.matcher(text); m.find(); ids++) {
                assertThat(validId(m.group())).as(m.group()).isTrue();
            }
            for (Matcher m = card.matcher(text); m.find(); cards++) {
                assertThat(luhn(m.group())).as(m.group()).isTrue();
            }
        }
        assertThat(ids).isPositive();
        assertThat(cards).isPositive();
    }

    @Test
    void msgtimesIncreaseMsgidsAreUniqueAndExternalSendersAreMarked() {
        Set<String> msgids = new HashSet<>();
        long previous = 0;
        for (Sample sample : samples) {
            assertThat(msgids.add(sample.expected().msgid())).as(sample.expected().msgid()).isTrue();
            JsonNode message = sample.message();
            if (message == null || message.path("action").asText().equals("switch")) {
                continue;
            }
            long msgtime = message.path("msgtime").asLong();
            assertThat(msgtime).isGreaterThan(previous);
            previous = msgtime;
            assertThat(sample.expected().msgid()).matches("\\d{19}_\\d{10}(_external)?");
            assertThat(sample.expected().msgid().endsWith("_external"))
                    .isEqualTo(message.path("from").asText().startsWith("wm"));
            String roomid = message.path("roomid").asText();
            assertThat(roomid).matches("|wr[A-Za-z0-9]{30}");
            assertThat(message.path("from").asText()).matches("[a-z]+|wm[A-Za-z0-9]{28}");
            assertThat(message.path("tolist").size()).isGreaterThanOrEqualTo(roomid.isEmpty() ? 1 : 2);
        }
    }

    @Test
    void recallsPointToEarlierMsgidsAndSwitchesHaveTheirOwnShape() {
        Map<String, Long> seqByMsgid = new TreeMap<>();
        samples.forEach(s -> seqByMsgid.put(s.expected().msgid(), s.expected().seq()));
        int recalls = 0;
        for (Sample sample : samples) {
            JsonNode message = sample.message();
            if (message == null) {
                continue;
            }
            if (sample.expected().msgtype().equals("revoke")) {
                recalls++;
                assertThat(message.path("action").asText()).isEqualTo("recall");
                Long target = seqByMsgid.get(message.path("revoke").path("pre_msgid").asText());
                assertThat(target).isNotNull().isLessThan(sample.expected().seq());
            }
            if (sample.expected().msgtype().equals("switch")) {
                assertThat(message.properties()).extracting(Map.Entry::getKey)
                        .containsExactly("msgid", "action", "time", "user");
            }
        }
        assertThat(recalls).isPositive();
    }

    @Test
    void mixedAndChatrecordItemsCarryJsonStringContent() {
        JsonNode chatrecord = samples.stream().filter(s -> s.expected().msgtype().equals("chatrecord")).findFirst()
                .orElseThrow().message().path("chatrecord");
        JsonNode item = chatrecord.path("item").get(0);
        assertThat(item.path("content").isTextual()).isTrue();
        assertThat(SimulatorDecoder.readTree(item.path("content").asText()).has("content")).isTrue();
        // Chatrecord item times are in seconds, message times in milliseconds.
        assertThat(item.path("msgtime").asLong()).isBetween(1_000_000_000L, 9_999_999_999L);
        JsonNode mixed = samples.stream().filter(s -> s.expected().msgtype().equals("mixed")).findFirst()
                .orElseThrow().message().path("mixed");
        assertThat(mixed.path("item")).allMatch(i -> i.path("content").isTextual());
    }

    /** Undoes the digit evasions (full-width, spaced groups) so checksum validation sees plain digits. */
    private static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c);
        }
        return out.toString().replaceAll("(?<=\\d) (?=[\\dX])", "");
    }

    private static boolean validId(String id) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11) == id.charAt(17);
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = number.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = number.charAt(i) - '0';
            if (position % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
