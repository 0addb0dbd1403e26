-- Bodies up to a page stay inline and uncompressed. With the default target (2 kB) every larger
-- body (most default ClusterRoles) was compressed with pglz on each write, twice (object and
-- change row); that was about a quarter of the write-batch time while workspaces were created.
ALTER TABLE atrium_objects SET (toast_tuple_target = 8160);
ALTER TABLE atrium_changes SET (toast_tuple_target = 8160);

-- GIN indexes take each insert directly instead of through a pending list: the list is merged by
-- whichever insert finds it full, which stalls that write batch (and all that wait behind it).
ALTER INDEX atrium_objects_labels SET (fastupdate = off);
ALTER INDEX atrium_objects_owners SET (fastupdate = off);
