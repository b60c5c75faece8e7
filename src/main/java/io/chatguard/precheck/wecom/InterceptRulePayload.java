package io.chatguard.precheck.wecom;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of WeCom's {@code externalcontact/add_intercept_rule}: rule_name ≤ 20 chars, word_list of
 * ≤ 300 words of 1–32 chars each.
 *
 * @param ruleName rule name shown in the WeCom admin console
 * @param wordList the words WeCom matches as plain substrings
 * @param interceptType 1 warn and block, 2 warn only
 * @param applicableRange users and departments the rule applies to
 */
public record InterceptRulePayload(@JsonProperty("rule_name") String ruleName,
        @JsonProperty("word_list") List<String> wordList,
        @JsonProperty("intercept_type") int interceptType,
        @JsonProperty("applicable_range") Range applicableRange) {

    public InterceptRulePayload {
        wordList = List.copyOf(wordList);
    }

    /**
     * Who a rule applies to.
     *
     * @param userList WeCom userids
     * @param departmentList department ids
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Range(@JsonProperty("user_list") List<String> userList,
            @JsonProperty("department_list") List<Integer> departmentList) {
        public Range {
            userList = List.copyOf(userList);
            departmentList = List.copyOf(departmentList);
        }
    }
}
