package io.chatguard.rules.engine;

import java.util.List;

/**
 * A rule as the rules page and API show it.
 *
 * @param id stable id
 * @param category compliance category
 * @param severity lower-case severity
 * @param action BLOCK or WARN
 * @param name short Chinese name
 * @param description Chinese explanation
 * @param file the rule file it comes from
 * @param mustAny expressions where it hits
 * @param mustAll expressions that must all be present
 * @param mustNot expressions that must be absent
 * @param exceptions how many window exceptions it has
 */
public record RuleInfo(String id, String category, String severity, String action, String name, String description,
        String file, List<String> mustAny, List<String> mustAll, List<String> mustNot, int exceptions) {

    static RuleInfo of(CompiledRule r) {
        return new RuleInfo(r.id(), r.category(), r.severity().label(), r.action().name(), r.name(), r.description(),
                r.source().file(), r.source().mustAny(), r.source().mustAll(), r.source().mustNot(),
                r.exceptions().size());
    }
}
