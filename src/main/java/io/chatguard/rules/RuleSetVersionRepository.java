package io.chatguard.rules;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class RuleSetVersionRepository implements PanacheRepositoryBase<RuleSetVersion, Long> {

    Optional<RuleSetVersion> findByVersion(String version) {
        return find("version", version).firstResultOptional();
    }

    void deactivateAll() {
        update("active = false where active = true");
        getEntityManager().flush();
    }
}
