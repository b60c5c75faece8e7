package io.chatguard.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class ReportRepository implements PanacheRepositoryBase<Report, Long> {

    List<Report> findRecent(int page, int size) {
        return findAll(Sort.descending("createdAt", "id")).page(Page.of(page, size)).list();
    }

    List<Report> findSharedWith(String username, int page, int size) {
        return find("id in (select s.reportId from ReportShare s where s.sharedWith = ?1)",
                Sort.descending("createdAt", "id"), username).page(Page.of(page, size)).list();
    }
}
