-- Drops a logical cluster and its whole subtree (a deleted workspace): every object whose cluster
-- is p_path or below it is deleted, each with a DELETED change row, in one transaction.
CREATE FUNCTION atrium_delete_clusters(p_path text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    r    record;
    v    bigint;
    n    bigint := 0;
    last bigint := 0;
BEGIN
    PERFORM atrium_write_lock();
    FOR r IN SELECT o.cluster, o.grp, o.res, o.ns, o.name, o.revision, o.body FROM atrium_objects o
              WHERE o.cluster = p_path OR o.cluster LIKE p_path || ':%' LOOP
        v := nextval('atrium_revision_seq');
        DELETE FROM atrium_objects o
         WHERE o.cluster = r.cluster AND o.grp = r.grp AND o.res = r.res AND o.ns = r.ns AND o.name = r.name;
        INSERT INTO atrium_changes VALUES (v, r.cluster, r.grp, r.res, r.ns, r.name, 2, r.body, r.revision);
        last := v;
        n := n + 1;
    END LOOP;
    IF last > 0 THEN
        PERFORM pg_notify('atrium_changes', last::text);
    END IF;
    RETURN n;
END $$;
