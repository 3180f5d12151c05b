-- A post's version: one more with every change a read of the post shows (edit, like, unlike, comment), in the same
-- statement as the change (the counter updates and the edit are single UPDATEs of the row). The entity tags of
-- conditional GETs are made from it (docs/conditional-get.md): no change commits without a new version.
ALTER TABLE posts ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
