-- Atrium storage: one global revision, current objects, change log. See docs/internals/storage.md.

-- Revisions come from a sequence; every write holds the transaction-level advisory lock
-- atrium_write_lock() from before nextval() until its commit, so commit order = revision order.
-- Rolled-back writes leave gaps, which watchers never wait for.
CREATE SEQUENCE atrium_revision_seq START WITH 2 CACHE 1;

CREATE TABLE atrium_meta (
    id        smallint PRIMARY KEY CHECK (id = 1),
    watermark bigint NOT NULL   -- change-log history at or below this is compacted
);
INSERT INTO atrium_meta VALUES (1, 1);

CREATE TABLE atrium_objects (
    cluster         text COLLATE "C" NOT NULL,
    grp             text COLLATE "C" NOT NULL,
    res             text COLLATE "C" NOT NULL,
    ns              text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    revision        bigint NOT NULL,
    create_revision bigint NOT NULL,
    body            jsonb NOT NULL,
    labels          jsonb GENERATED ALWAYS AS (body -> 'metadata' -> 'labels') STORED,
    PRIMARY KEY (cluster, grp, res, ns, name)
);
CREATE INDEX atrium_objects_labels ON atrium_objects USING gin (labels);
CREATE INDEX atrium_objects_cross ON atrium_objects (grp, res, cluster, ns, name);

-- type: 0 ADDED, 1 MODIFIED, 2 DELETED. body is the state after the change (the last state for
-- DELETED); prev_revision points at the change row of the state before.
CREATE TABLE atrium_changes (
    revision      bigint PRIMARY KEY,
    cluster       text COLLATE "C" NOT NULL,
    grp           text COLLATE "C" NOT NULL,
    res           text COLLATE "C" NOT NULL,
    ns            text COLLATE "C" NOT NULL,
    name          text COLLATE "C" NOT NULL,
    type          smallint NOT NULL,
    body          jsonb NOT NULL,
    prev_revision bigint
);
CREATE INDEX atrium_changes_key ON atrium_changes (cluster, grp, res, ns, name, revision);

CREATE FUNCTION atrium_write_lock() RETURNS void LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(74657) $$;

CREATE FUNCTION atrium_record(p_rev bigint, p_cluster text, p_grp text, p_res text, p_ns text,
                              p_name text, p_type smallint, p_body jsonb, p_prev bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO atrium_changes VALUES (p_rev, p_cluster, p_grp, p_res, p_ns, p_name, p_type, p_body, p_prev);
    PERFORM pg_notify('atrium_changes', p_rev::text);
END $$;

CREATE FUNCTION atrium_create(p_cluster text, p_grp text, p_res text, p_ns text, p_name text, p_body jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
BEGIN
    PERFORM atrium_write_lock();
    v := nextval('atrium_revision_seq');
    INSERT INTO atrium_objects (cluster, grp, res, ns, name, revision, create_revision, body)
    VALUES (p_cluster, p_grp, p_res, p_ns, p_name, v, v, p_body)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'already exists' USING ERRCODE = 'AT001';
    END IF;
    PERFORM atrium_record(v, p_cluster, p_grp, p_res, p_ns, p_name, 0::smallint, p_body, NULL);
    RETURN v;
END $$;

CREATE FUNCTION atrium_update(p_cluster text, p_grp text, p_res text, p_ns text, p_name text,
                              p_body jsonb, p_expected bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    cur bigint;
    v bigint;
BEGIN
    PERFORM atrium_write_lock();
    SELECT revision INTO cur FROM atrium_objects
     WHERE cluster = p_cluster AND grp = p_grp AND res = p_res AND ns = p_ns AND name = p_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'not found' USING ERRCODE = 'AT404';
    END IF;
    IF cur <> p_expected THEN
        RAISE EXCEPTION 'conflict' USING ERRCODE = 'AT409';
    END IF;
    v := nextval('atrium_revision_seq');
    UPDATE atrium_objects SET body = p_body, revision = v
     WHERE cluster = p_cluster AND grp = p_grp AND res = p_res AND ns = p_ns AND name = p_name;
    PERFORM atrium_record(v, p_cluster, p_grp, p_res, p_ns, p_name, 1::smallint, p_body, cur);
    RETURN v;
END $$;

CREATE FUNCTION atrium_delete(p_cluster text, p_grp text, p_res text, p_ns text, p_name text,
                              p_expected bigint, OUT revision bigint, OUT body text)
LANGUAGE plpgsql AS $$
DECLARE
    cur bigint;
    old jsonb;
BEGIN
    PERFORM atrium_write_lock();
    SELECT o.revision, o.body INTO cur, old FROM atrium_objects o
     WHERE o.cluster = p_cluster AND o.grp = p_grp AND o.res = p_res AND o.ns = p_ns AND o.name = p_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'not found' USING ERRCODE = 'AT404';
    END IF;
    IF p_expected <> 0 AND cur <> p_expected THEN
        RAISE EXCEPTION 'conflict' USING ERRCODE = 'AT409';
    END IF;
    revision := nextval('atrium_revision_seq');
    DELETE FROM atrium_objects o
     WHERE o.cluster = p_cluster AND o.grp = p_grp AND o.res = p_res AND o.ns = p_ns AND o.name = p_name;
    PERFORM atrium_record(revision, p_cluster, p_grp, p_res, p_ns, p_name, 2::smallint, old, cur);
    body := old::text;
END $$;

-- The latest committed revision visible in the caller's snapshot.
CREATE FUNCTION atrium_current_revision() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT greatest((SELECT max(revision) FROM atrium_changes), (SELECT watermark FROM atrium_meta)) $$;

-- Drops history at or below p_watermark that no snapshot at or above it needs: rows superseded by a
-- later row at or below the watermark, and tombstones.
CREATE FUNCTION atrium_compact(p_watermark bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    w bigint;
    n bigint;
BEGIN
    UPDATE atrium_meta SET watermark = greatest(watermark, least(p_watermark, atrium_current_revision()))
    RETURNING watermark INTO w;
    DELETE FROM atrium_changes c
     WHERE c.revision <= w
       AND (c.type = 2 OR EXISTS (
            SELECT 1 FROM atrium_changes d
             WHERE d.cluster = c.cluster AND d.grp = c.grp AND d.res = c.res AND d.ns = c.ns
               AND d.name = c.name AND d.revision > c.revision AND d.revision <= w));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN w;
END $$;
