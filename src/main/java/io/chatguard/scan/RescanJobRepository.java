package io.chatguard.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class RescanJobRepository implements PanacheRepositoryBase<RescanJob, Long> {

    List<Long> runningIds() {
        return getEntityManager().createQuery("select j.id from RescanJob j where j.status = 'running' order by j.id",
                Long.class).getResultList();
    }

    List<RescanJob> recent(int limit) {
        return find("order by id desc").page(0, limit).list();
    }
}
