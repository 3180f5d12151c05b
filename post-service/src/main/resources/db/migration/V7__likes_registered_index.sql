-- The popular posts' rebuild (docs/popular.md) reads the likes of the last 7 days in time order, in pages; this index
-- makes that a range scan that never touches the table rows (post_id, user_id and the primary key are in it).
CREATE INDEX idx_likes_registered ON likes (registered_at, post_id, user_id);
