-- The hub compacts through atrium_compact_step (V6) only; the single-pass function has no caller.
DROP FUNCTION atrium_compact(bigint);
