-- member_sessions keeps room on each page, so that the last-seen time written about once a minute
-- per session in use (accounts/sessions.ts markSeen) goes beside the old row version without
-- touching the three indexes (a heap-only tuple), and the old version is pruned on a later read
-- without waiting for vacuum. Measured on 100,000 sessions: 5,000 last-seen updates took 13 µs
-- each at fillfactor 80, all heap-only, against 18-26 µs at 100, where under half were; under the
-- personalised feed's bench PostgreSQL spent 65-66 µs a request against 75-84 µs.
-- (member_feeds was measured too and stays at 100: at 70 its rewrites were heap-only, but the table
-- grew larger and the feed's read ran at 35-38k reads/s against 45-49k.)
-- A new fillfactor applies to pages written from now on; existing pages fill up as they are.
ALTER TABLE "member_sessions" SET (fillfactor = 80);
