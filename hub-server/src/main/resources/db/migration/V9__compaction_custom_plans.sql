-- A compaction step's statements are planned for each step's own window. Inside plpgsql they are
-- cached per connection, and a generic plan made while the change log was a few pages (a
-- sequential scan with a hash join) would otherwise stay in use as the log grows.
ALTER FUNCTION atrium_compact_step(bigint, bigint) SET plan_cache_mode = force_custom_plan;
