package io.chatguard.report;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class ReportShareRepository implements PanacheRepositoryBase<ReportShare, ReportShare.Key> {
}
