-- The packed form of each change (linggong_core::FeedChange::to_packed), written once with
-- the change, for the seeker's app: it reads postings only in the snapshot's tile codec. Rows
-- written before this migration have none; the feed packs them when read.
ALTER TABLE feed ADD COLUMN packed TEXT;
