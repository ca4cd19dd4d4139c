-- History at CloudWatch's tiers (60, 300 and 3600 seconds): one row per series, tier and block of
-- time (6 hours of 1-minute points, 7 days of 5-minute points, 28 days of 1-hour points), its
-- points packed into one binary value (see store/HistoryBlock.java), so 15 months of a series are
-- some 40 rows rather than 32,000.
CREATE TABLE history_block (
    series_key  VARCHAR(400) NOT NULL,
    tier        INTEGER      NOT NULL,
    block_start BIGINT       NOT NULL,
    data        BYTEA        NOT NULL,
    PRIMARY KEY (series_key, tier, block_start)
);

CREATE INDEX history_block_by_age ON history_block (tier, block_start);
