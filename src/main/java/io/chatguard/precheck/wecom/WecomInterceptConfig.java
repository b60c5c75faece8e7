package io.chatguard.precheck.wecom;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pushing ChatGuard's hard-block terms to WeCom's native sensitive-word interception. */
@ConfigMapping(prefix = "chatguard.wecom.intercept")
public interface WecomInterceptConfig {

    /** Whether the sync endpoint may call WeCom; off by default (the payloads can always be exported). */
    @WithDefault("false")
    boolean syncEnabled();

    /** Corp id used to obtain an access token. */
    Optional<String> corpId();

    /** Secret of the customer-contact (客户联系) app, which may manage intercept rules. No default: a secret. */
    Optional<String> secret();

    /** WeCom API base URL. */
    @WithDefault("https://qyapi.weixin.qq.com")
    String apiBase();

    /** Departments the rules apply to; WeCom requires a range, 1 is the root department. */
    @WithDefault("1")
    List<Integer> departmentIds();

    /** Individual userids the rules apply to, in addition to the departments. */
    Optional<List<String>> userIds();

    /** 1 = warn and block, 2 = warn only. */
    @WithDefault("1")
    int interceptType();

    /** Seconds to wait for WeCom. */
    @WithDefault("10")
    int timeoutSeconds();
}
