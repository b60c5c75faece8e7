package io.chatguard.alert;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class AlertEventRepository implements PanacheRepositoryBase<AlertEvent, Long> {

    List<AlertEvent> history(long alertId) {
        return list("alertId = ?1 order by id", alertId);
    }
}
