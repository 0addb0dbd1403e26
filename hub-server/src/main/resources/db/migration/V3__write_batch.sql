-- Group commit: concurrent writes of one hub replica go to the database as one batch, one
-- transaction, one WAL flush. Each operation succeeds or fails on its own (no exceptions are
-- raised, so one failure does not abort the others). Revisions are taken under the same
-- advisory lock as single writes, so commit order = revision order still holds.
--
-- p_ops: [{"op":"c"|"u"|"d","c":cluster,"g":grp,"r":res,"n":ns,"m":name,"b":body,"e":expected}]
-- result: one row per op in order; code is NULL on success, else AT001/AT404/AT409.
CREATE FUNCTION atrium_write_batch(p_ops jsonb)
RETURNS TABLE (idx integer, revision bigint, body text, code text)
LANGUAGE plpgsql AS $$
DECLARE
    op   jsonb;
    i    integer := 0;
    v    bigint;
    cur  bigint;
    old  jsonb;
    last bigint := 0;
BEGIN
    PERFORM atrium_write_lock();
    FOR op IN SELECT value FROM jsonb_array_elements(p_ops) LOOP
        idx := i;
        i := i + 1;
        revision := NULL;
        body := NULL;
        code := NULL;
        IF op->>'op' = 'c' THEN
            v := nextval('atrium_revision_seq');
            INSERT INTO atrium_objects (cluster, grp, res, ns, name, revision, create_revision, body)
            VALUES (op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', v, v, op->'b')
            ON CONFLICT DO NOTHING;
            IF FOUND THEN
                INSERT INTO atrium_changes VALUES (v, op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', 0, op->'b', NULL);
                revision := v;
            ELSE
                code := 'AT001';
            END IF;
        ELSE
            SELECT o.revision, o.body INTO cur, old FROM atrium_objects o
             WHERE o.cluster = op->>'c' AND o.grp = op->>'g' AND o.res = op->>'r'
               AND o.ns = op->>'n' AND o.name = op->>'m';
            IF NOT FOUND THEN
                code := 'AT404';
            ELSIF (op->>'e')::bigint <> 0 AND cur <> (op->>'e')::bigint THEN
                code := 'AT409';
            ELSIF op->>'op' = 'u' THEN
                v := nextval('atrium_revision_seq');
                UPDATE atrium_objects o SET body = op->'b', revision = v
                 WHERE o.cluster = op->>'c' AND o.grp = op->>'g' AND o.res = op->>'r'
                   AND o.ns = op->>'n' AND o.name = op->>'m';
                INSERT INTO atrium_changes VALUES (v, op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', 1, op->'b', cur);
                revision := v;
            ELSE
                v := nextval('atrium_revision_seq');
                DELETE FROM atrium_objects o
                 WHERE o.cluster = op->>'c' AND o.grp = op->>'g' AND o.res = op->>'r'
                   AND o.ns = op->>'n' AND o.name = op->>'m';
                INSERT INTO atrium_changes VALUES (v, op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', 2, old, cur);
                revision := v;
                body := old::text;
            END IF;
        END IF;
        IF revision IS NOT NULL THEN
            last := revision;
        END IF;
        RETURN NEXT;
    END LOOP;
    IF last > 0 THEN
        PERFORM pg_notify('atrium_changes', last::text);
    END IF;
END $$;
