-- Write groups: a run of operations in a batch that carry the same "t" commit together or not at
-- all (a subtransaction per group), so a controller can write a workspace's initial objects and
-- its status changes as one unit. Lone operations keep their own outcome as before (V3).
--
-- New operation fields:
--   "t": group id (text), shared by the adjacent operations of one group
--   "x": create-if-absent: an existing object is skipped (no revision, no code), not AT001
--   "a": index in p_ops of an earlier operation of the group; its revision is this one's expected
--        revision (an update of what the group has just written)
-- result: as in V3; the other operations of a failed group get code AT412.

-- One write under the batch's lock. p_expected: the revision the object must have (0 = any).
CREATE FUNCTION atrium_apply_write(op jsonb, p_expected bigint,
                                   OUT revision bigint, OUT body text, OUT code text)
LANGUAGE plpgsql AS $$
DECLARE
    v   bigint;
    cur bigint;
    old jsonb;
BEGIN
    IF op->>'op' = 'c' THEN
        v := nextval('atrium_revision_seq');
        INSERT INTO atrium_objects (cluster, grp, res, ns, name, revision, create_revision, body)
        VALUES (op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', v, v, op->'b')
        ON CONFLICT DO NOTHING;
        IF FOUND THEN
            INSERT INTO atrium_changes VALUES (v, op->>'c', op->>'g', op->>'r', op->>'n', op->>'m', 0, op->'b', NULL);
            revision := v;
        ELSIF NOT op ? 'x' THEN
            code := 'AT001';
        END IF;
        RETURN;
    END IF;
    SELECT o.revision, o.body INTO cur, old FROM atrium_objects o
     WHERE o.cluster = op->>'c' AND o.grp = op->>'g' AND o.res = op->>'r'
       AND o.ns = op->>'n' AND o.name = op->>'m';
    IF NOT FOUND THEN
        code := 'AT404';
    ELSIF p_expected <> 0 AND cur <> p_expected THEN
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
END $$;

DROP FUNCTION atrium_write_batch(jsonb);

CREATE FUNCTION atrium_write_batch(p_ops jsonb)
RETURNS TABLE (idx integer, revision bigint, body text, code text)
LANGUAGE plpgsql AS $$
DECLARE
    n      integer := jsonb_array_length(p_ops);
    i      integer := 0;
    j      integer;
    k      integer;
    grp    text;
    failed integer;
    w      record;
    revs   bigint[] := '{}';
    bodies text[] := '{}';
    codes  text[] := '{}';
    last   bigint := 0;
BEGIN
    PERFORM atrium_write_lock();
    WHILE i < n LOOP
        grp := p_ops->i->>'t';
        IF grp IS NULL THEN
            w := atrium_apply_write(p_ops->i, (p_ops->i->>'e')::bigint);
            revs[i] := w.revision;
            bodies[i] := w.body;
            codes[i] := w.code;
            i := i + 1;
            CONTINUE;
        END IF;
        j := i;
        WHILE j < n AND p_ops->j->>'t' = grp LOOP
            j := j + 1;
        END LOOP;
        failed := NULL;
        BEGIN
            FOR k IN i .. j - 1 LOOP
                w := atrium_apply_write(p_ops->k,
                         CASE WHEN p_ops->k ? 'a' THEN revs[(p_ops->k->>'a')::integer]
                              ELSE (p_ops->k->>'e')::bigint END);
                revs[k] := w.revision;
                bodies[k] := w.body;
                codes[k] := w.code;
                IF w.code IS NOT NULL THEN
                    failed := k;
                    RAISE EXCEPTION 'write group failed' USING ERRCODE = 'AT412';
                END IF;
            END LOOP;
        EXCEPTION WHEN SQLSTATE 'AT412' THEN
            FOR k IN i .. j - 1 LOOP
                IF k <> failed THEN
                    revs[k] := NULL;
                    bodies[k] := NULL;
                    codes[k] := 'AT412';
                END IF;
            END LOOP;
        END;
        i := j;
    END LOOP;
    FOR k IN 0 .. n - 1 LOOP
        idx := k;
        revision := revs[k];
        body := bodies[k];
        code := codes[k];
        IF revision IS NOT NULL AND codes[k] IS NULL THEN
            last := greatest(last, revision);
        END IF;
        RETURN NEXT;
    END LOOP;
    IF last > 0 THEN
        PERFORM pg_notify('atrium_changes', last::text);
    END IF;
END $$;
