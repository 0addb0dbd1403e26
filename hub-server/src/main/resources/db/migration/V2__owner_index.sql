-- Garbage collection finds dependents by owner uid through this index.
CREATE INDEX atrium_objects_owners ON atrium_objects
    USING gin ((body -> 'metadata' -> 'ownerReferences') jsonb_path_ops);
