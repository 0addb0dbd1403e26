-- Compaction in bounded steps. One statement deleting a minute of superseded history (tens of
-- thousands of rows, with their index entries and WAL) stalled every commit behind it for up to a
-- second. A step advances the watermark by at most p_step revisions and deletes only what the
-- changes in that window supersede (found through atrium_changes_key), in its own transaction;
-- the hub runs steps until the target is reached. The union of the steps deletes exactly what
-- atrium_compact does: every change with a later change of the same key at or below the
-- watermark, and every deletion at or below it.
CREATE FUNCTION atrium_compact_step(p_watermark bigint, p_step bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    old bigint;
    w   bigint;
BEGIN
    SELECT watermark INTO old FROM atrium_meta WHERE id = 1 FOR UPDATE;
    w := greatest(old, least(p_watermark, atrium_current_revision(), old + p_step));
    IF w = old THEN
        RETURN w;
    END IF;
    UPDATE atrium_meta SET watermark = w WHERE id = 1;
    DELETE FROM atrium_changes c
     USING (SELECT cluster, grp, res, ns, name, max(revision) AS last
              FROM atrium_changes
             WHERE revision > old AND revision <= w
             GROUP BY cluster, grp, res, ns, name) d
     WHERE c.cluster = d.cluster AND c.grp = d.grp AND c.res = d.res AND c.ns = d.ns
       AND c.name = d.name AND c.revision < d.last;
    DELETE FROM atrium_changes WHERE revision > old AND revision <= w AND type = 2;
    RETURN w;
END $$;
