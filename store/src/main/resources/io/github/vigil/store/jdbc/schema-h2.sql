-- Vigil run store, H2. Applied on start when vigil.store.jdbc.initialize-schema allows it; safe to run again.
CREATE TABLE IF NOT EXISTS vigil_run (
    run_id          VARCHAR(200)  NOT NULL PRIMARY KEY,
    trace_id        VARCHAR(64),
    instance        VARCHAR(200)  NOT NULL,
    agent           VARCHAR(200)  NOT NULL,
    service         VARCHAR(500),
    method          VARCHAR(200),
    user_id         VARCHAR(600)  NOT NULL,
    memory_id       VARCHAR(600),
    started_at      BIGINT        NOT NULL,
    ended_at        BIGINT        NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    error_type      VARCHAR(200),
    error_message   VARCHAR(4000),
    input_tokens    BIGINT        NOT NULL,
    output_tokens   BIGINT        NOT NULL,
    input           CLOB,
    output          CLOB,
    guard_trips     CLOB,
    flags           CLOB,
    cost            NUMERIC(24, 12),
    currency        VARCHAR(3),
    agents          CLOB,
    version         VARCHAR(100),
    prompt_name     VARCHAR(200),
    prompt_version  VARCHAR(64)
);
ALTER TABLE vigil_run ADD COLUMN IF NOT EXISTS agents CLOB;
ALTER TABLE vigil_run ADD COLUMN IF NOT EXISTS version VARCHAR(100);
ALTER TABLE vigil_run ADD COLUMN IF NOT EXISTS prompt_name VARCHAR(200);
ALTER TABLE vigil_run ADD COLUMN IF NOT EXISTS prompt_version VARCHAR(64);
CREATE INDEX IF NOT EXISTS vigil_run_started ON vigil_run (started_at);
CREATE INDEX IF NOT EXISTS vigil_run_user ON vigil_run (user_id, started_at);
CREATE INDEX IF NOT EXISTS vigil_run_memory ON vigil_run (memory_id, started_at);
CREATE TABLE IF NOT EXISTS vigil_step (
    run_id          VARCHAR(200)  NOT NULL REFERENCES vigil_run (run_id) ON DELETE CASCADE,
    step_index      INTEGER       NOT NULL,
    kind            VARCHAR(40)   NOT NULL,
    started_at      BIGINT        NOT NULL,
    start_offset_us BIGINT        NOT NULL,
    duration_us     BIGINT        NOT NULL,
    name            VARCHAR(500)  NOT NULL,
    outcome         VARCHAR(8)    NOT NULL,
    error_type      VARCHAR(200),
    error_message   VARCHAR(4000),
    arguments       CLOB,
    result_excerpt  CLOB,
    response_model  VARCHAR(200),
    input_tokens    BIGINT        NOT NULL,
    output_tokens   BIGINT        NOT NULL,
    finish_reason   VARCHAR(32),
    operation       VARCHAR(64),
    user_id         VARCHAR(600)  NOT NULL,
    agent           VARCHAR(200)  NOT NULL,
    cost            NUMERIC(24, 12),
    server          VARCHAR(200),
    PRIMARY KEY (run_id, step_index)
);
ALTER TABLE vigil_step ADD COLUMN IF NOT EXISTS server VARCHAR(200);
ALTER TABLE vigil_step ALTER COLUMN kind SET DATA TYPE VARCHAR(40);
CREATE INDEX IF NOT EXISTS vigil_step_calls ON vigil_step (kind, name, started_at);
CREATE INDEX IF NOT EXISTS vigil_step_started ON vigil_step (started_at);
CREATE INDEX IF NOT EXISTS vigil_step_failures ON vigil_step (name, outcome, started_at);
CREATE TABLE IF NOT EXISTS vigil_feedback (
    run_id          VARCHAR(200)  NOT NULL PRIMARY KEY REFERENCES vigil_run (run_id) ON DELETE CASCADE,
    resolved        BOOLEAN       NOT NULL,
    source          VARCHAR(200),
    received_at     BIGINT        NOT NULL
);
CREATE TABLE IF NOT EXISTS vigil_score (
    run_id          VARCHAR(200)  NOT NULL,
    scorer          VARCHAR(100)  NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    label           VARCHAR(100),
    explanation     VARCHAR(1000),
    agent           VARCHAR(200)  NOT NULL,
    run_started_at  BIGINT        NOT NULL,
    scored_at       BIGINT        NOT NULL,
    PRIMARY KEY (run_id, scorer)
);
CREATE INDEX IF NOT EXISTS vigil_score_started ON vigil_score (run_started_at);
