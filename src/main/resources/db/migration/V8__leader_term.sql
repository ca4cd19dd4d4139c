-- The fencing token between replicas: the term of the instance that leads. Each instance that
-- takes the lead raises it, under the advisory lock, before it reloads and writes; a write queued
-- under an older term is refused in its own transaction (it reads the row FOR UPDATE), so an
-- instance that lost the lead can never write over the newer leader's state.
CREATE TABLE leader_term (
    id    INT    NOT NULL PRIMARY KEY,
    term  BIGINT NOT NULL
);

INSERT INTO leader_term (id, term) VALUES (1, 0);
