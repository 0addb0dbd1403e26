-- Sync agents' heartbeats: the last one per SyncTarget key, shared by all hub replicas.
-- Unlogged and outside the change log: a heartbeat costs no WAL flush, no revision and no watch
-- event. Lost on a database crash, which only delays health by one heartbeat period.
CREATE UNLOGGED TABLE atrium_heartbeats (
    target_key text COLLATE "C" PRIMARY KEY,
    beat       timestamptz NOT NULL
);
