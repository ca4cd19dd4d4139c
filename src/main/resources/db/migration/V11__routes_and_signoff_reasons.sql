-- Routes (alarms/routes.yaml): each route keeps an alert group per environment, as Alertmanager
-- keeps aggregation groups per route, so the tables of V3 gain the route in their keys. The groups
-- stored so far belonged to the one route there was, the root, whose key is {}.
CREATE TABLE alert_route_group (
    route        VARCHAR(1000) NOT NULL,
    environment  VARCHAR(100)  NOT NULL,
    incident     VARCHAR(400)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE,
    last_sent_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (route, environment)
);

CREATE TABLE alert_route_group_alarm (
    route         VARCHAR(1000)  NOT NULL,
    alarm_key     VARCHAR(300)   NOT NULL,
    environment   VARCHAR(100)   NOT NULL,
    arrival       INT            NOT NULL,
    alarm_id      VARCHAR(200)   NOT NULL,
    title         VARCHAR(300)   NOT NULL,
    severity      VARCHAR(20)    NOT NULL,
    shown_value   VARCHAR(100)   NOT NULL,
    reason        VARCHAR(4000)  NOT NULL,
    runbook       VARCHAR(10000) NOT NULL,
    firing        BOOLEAN        NOT NULL,
    firing_since  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP WITH TIME ZONE,
    notified      BOOLEAN        NOT NULL,
    PRIMARY KEY (route, alarm_key)
);

CREATE INDEX alert_route_group_alarm_by_environment
    ON alert_route_group_alarm (route, environment);

INSERT INTO alert_route_group (route, environment, incident, changed_at, last_sent_at)
    SELECT '{}', environment, incident, changed_at, last_sent_at FROM alert_group;

INSERT INTO alert_route_group_alarm (route, alarm_key, environment, arrival, alarm_id, title,
        severity, shown_value, reason, runbook, firing, firing_since, resolved_at, notified)
    SELECT '{}', alarm_key, environment, arrival, alarm_id, title, severity, shown_value, reason,
        runbook, firing, firing_since, resolved_at, notified FROM alert_group_alarm;

DROP TABLE alert_group_alarm;
DROP TABLE alert_group;

-- A chore whose latest check failed is signed off only with a reason (why it may stay so, or what
-- was done that the next check will see); the sign-off keeps it and what the check said then.
ALTER TABLE maintenance_signoff ADD COLUMN reason VARCHAR(2000);
ALTER TABLE maintenance_signoff ADD COLUMN failing_check VARCHAR(4000);
