package io.chatguard.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class AppUserRepository implements PanacheRepositoryBase<AppUser, Long> {

    Optional<AppUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Roles are stored comma-separated; match the name as a whole element. */
    boolean existsWithRole(String role) {
        return count("concat(',', roles, ',') like ?1", "%," + role + ",%") > 0;
    }
}
