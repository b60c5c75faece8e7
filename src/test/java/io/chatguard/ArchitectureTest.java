package io.chatguard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The package rules of README's architecture section: features in a fixed order, each
 * depending only on those before it; {@code security} reached only through its authorisation API.
 */
class ArchitectureTest {
    /** Lower first: a feature may depend on any feature before it, never on one after it. */
    private static final List<String> ORDER = List.of("platform", "security", "archive", "rules", "precheck",
            "evidence", "scan", "alert", "search", "report", "web");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chatguard");

    @Test
    void featuresDependOnlyOnFeaturesBeforeThem() {
        for (int i = 0; i < ORDER.size(); i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream().map(f -> "io.chatguard." + f + "..")
                    .toArray(String[]::new);
            if (later.length == 0) {
                continue;
            }
            noClasses().that().resideInAPackage("io.chatguard." + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void featureSlicesAreFreeOfCycles() {
        slices().matching("io.chatguard.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void otherFeaturesUseSecurityOnlyThroughRolesCurrentUserAndAccessAudit() {
        DescribedPredicate<JavaClass> securityInternals = resideInAPackage("io.chatguard.security..")
                .and(not(simpleName("Roles").or(simpleName("CurrentUser")).or(simpleName("AccessAudit"))));
        noClasses().that().resideOutsideOfPackage("io.chatguard.security..")
                .should().dependOnClassesThat(securityInternals)
                .check(CLASSES);
    }
}
