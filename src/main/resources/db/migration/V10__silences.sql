-- Silences (alarms/README.md, "Silences"): while one is active, the alarms all its matchers match
-- send nothing. Never deleted: expiring one early sets ends_at to that moment and expired_by.
CREATE TABLE silence (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    note        VARCHAR(1000) NOT NULL,
    expired_by  VARCHAR(200)
);

CREATE INDEX silence_by_end ON silence (ends_at);

-- Its matchers, in the order given: label environment, alarm, severity, category or resource;
-- operator =, !=, =~ or !~.
CREATE TABLE silence_matcher (
    silence_id  VARCHAR(36)  NOT NULL REFERENCES silence (id),
    seq         INT          NOT NULL,
    label_name  VARCHAR(20)  NOT NULL,
    operator    VARCHAR(2)   NOT NULL,
    label_value VARCHAR(500) NOT NULL,
    PRIMARY KEY (silence_id, seq)
);
