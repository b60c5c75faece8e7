-- Report exports walk the alerts raised in a period in id order.
create index alert_created_idx on alert (created_at, id);
