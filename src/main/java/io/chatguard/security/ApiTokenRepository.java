package io.chatguard.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, Long> {

    Optional<ApiToken> findBySha256(String sha256) {
        return find("tokenSha256", sha256).firstResultOptional();
    }

    List<ApiToken> listNewestFirst() {
        return listAll(Sort.descending("createdAt", "id"));
    }
}
