"""Versioned schema migrations: an ordered list of SQL scripts, recorded in a table.

Each migration runs once, inside one transaction together with the row that
records it; a schema change is a new entry appended to MIGRATIONS, never an
edit of an old one. Chat and user ids are INTEGER, which SQLite stores in 64 bits.
The scripts here are SQLite's; PostgreSQL's script for each entry lives in
bot/store/migrations_postgres.py under the same version. An entry whose rows need
Python to judge them (the quote engine's reading of a cue) also has a step in
ROW_STEPS, run after its script in the same transaction on either backend.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.store.db import is_postgres
from bot.store.held_views import drop_aims_and_denials, drop_held_views
from bot.store.migrations_postgres import POSTGRES_MIGRATIONS

log = logging.getLogger(__name__)


_m001_feeds_articles_topics = """
        CREATE TABLE feeds (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            next_check_at REAL NOT NULL DEFAULT 0,
            error_count INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            disabled_reason TEXT,
            owner_chat_id INTEGER,
            created_at REAL NOT NULL
        );
        CREATE INDEX feeds_due ON feeds(next_check_at) WHERE disabled_reason IS NULL;

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            feed_id TEXT REFERENCES feeds(id) ON DELETE SET NULL,
            url TEXT NOT NULL,
            canonical_url TEXT NOT NULL UNIQUE,
            title TEXT,
            outlet TEXT,
            author TEXT,
            published_at REAL,
            fetched_at REAL NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL UNIQUE,
            from_summary INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX articles_fetched ON articles(fetched_at);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;

        CREATE TABLE topics (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            query TEXT NOT NULL,
            feed_ids TEXT,
            owner_chat_id INTEGER,
            updated_at REAL NOT NULL
        );

        CREATE TABLE topic_articles (
            topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            matched_at REAL NOT NULL,
            PRIMARY KEY (topic_id, article_id)
        );
        CREATE INDEX topic_articles_article ON topic_articles(article_id);
        """


_m002_chats_deliveries = """
        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'private',
            title TEXT,
            mode TEXT NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'digest')),
            digest_time TEXT NOT NULL DEFAULT '08:00',
            timezone TEXT NOT NULL DEFAULT 'UTC',
            last_digest_on TEXT,
            subscribed_since REAL NOT NULL,
            blocked_at REAL,
            created_at REAL NOT NULL
        );

        CREATE TABLE subscriptions (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            created_at REAL NOT NULL,
            PRIMARY KEY (chat_id, topic_id)
        );
        CREATE INDEX subscriptions_topic ON subscriptions(topic_id);

        -- One row per (chat, article): the idempotency key of a delivery.
        CREATE TABLE deliveries (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            message_id INTEGER,
            created_at REAL NOT NULL,
            sent_at REAL,
            PRIMARY KEY (chat_id, article_id)
        );
        CREATE INDEX deliveries_pending ON deliveries(status, chat_id);
        CREATE INDEX deliveries_message ON deliveries(chat_id, message_id);
        """


_m003_quotes_speakers_framing = """
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            identity_key TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'person',
            created_at REAL NOT NULL
        );
        CREATE INDEX speakers_identity ON speakers(identity_key);

        CREATE TABLE speaker_aliases (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            PRIMARY KEY (speaker_id, alias_key)
        );
        CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);

        CREATE TABLE speaker_roles (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            PRIMARY KEY (speaker_id, article_id, role)
        );

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            speaker_name TEXT,
            speaker_role TEXT,
            via TEXT,
            cue TEXT,
            UNIQUE (article_id, ordinal)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker_name, speaker_role, content='quotes', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text, speaker_name, speaker_role)
            VALUES (new.id, new.text, new.speaker_name, new.speaker_role);
        END;
        CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, speaker_role)
            VALUES ('delete', old.id, old.text, old.speaker_name, old.speaker_role);
        END;

        CREATE TABLE framing (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            phrase TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (article_id, ordinal)
        );
        """


_m004_llm = """
        -- Every model call, with its token usage, for budgets and /status.
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            purpose TEXT NOT NULL,
            model TEXT NOT NULL,
            content_hash TEXT,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            total_tokens INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL,
            day TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX llm_calls_day ON llm_calls(day);

        -- A written briefing per article text, shared by every chat that gets it.
        CREATE TABLE briefings (
            content_hash TEXT PRIMARY KEY,
            mode TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at REAL NOT NULL
        );

        CREATE TABLE llm_rejections (
            id INTEGER PRIMARY KEY,
            purpose TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT,
            created_at REAL NOT NULL
        );
        """


_m005_speaker_identity = """
        -- Speaker identity across articles (bot.speakers): a person is found by
        -- surname key and compared by first-name key; see bot/speakers/names.py.
        ALTER TABLE speakers ADD COLUMN surname_key TEXT;
        ALTER TABLE speakers ADD COLUMN given_key TEXT;
        CREATE INDEX speakers_surname ON speakers(surname_key) WHERE surname_key IS NOT NULL;
        CREATE INDEX speaker_aliases_alias_key ON speaker_aliases(alias_key, speaker_id);
        CREATE INDEX quotes_speaker_article ON quotes(speaker_id, article_id);
        CREATE INDEX articles_published ON articles(published_at);
        """


_m006_chat_feeds = """
        -- Chats' own feeds (/addfeed, OPML). A URL is one feeds row however many
        -- chats add it; chat_feeds links chats to it under a per-chat number.
        ALTER TABLE feeds ADD COLUMN origin TEXT NOT NULL DEFAULT 'catalogue';
        ALTER TABLE feeds ADD COLUMN last_success_at REAL;
        CREATE INDEX feeds_url ON feeds(url);

        CREATE TABLE chat_feeds (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (chat_id, feed_id),
            UNIQUE (chat_id, number)
        );
        CREATE INDEX chat_feeds_feed ON chat_feeds(feed_id);

        -- The last chat to let go of a chat-added feed retires it from polling
        -- (also when /stop deletes the chat); its stored articles stay.
        CREATE TRIGGER chat_feeds_retire AFTER DELETE ON chat_feeds
        WHEN NOT EXISTS (SELECT 1 FROM chat_feeds WHERE feed_id = old.feed_id)
        BEGIN
            UPDATE feeds SET disabled_reason = 'retired: no chat follows it'
            WHERE id = old.feed_id AND origin = 'chat' AND disabled_reason IS NULL;
        END;

        -- A per-subscription keyword filter (topic query syntax), and the
        -- matched articles it held back from that chat.
        ALTER TABLE subscriptions ADD COLUMN filter TEXT;
        CREATE TABLE filtered_out (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (chat_id, topic_id, article_id)
        );
        """


_m007_quote_attribution = """
        -- What the engine knows about each quote (bot.quotes): the cue's kind, so
        -- briefings need not guess it from the word, and the statement it belongs
        -- to, shared by the parts of one attribution. Rows from before get the
        -- kind their cue word suggests and an attribution of their own.
        ALTER TABLE quotes ADD COLUMN cue_kind TEXT;
        ALTER TABLE quotes ADD COLUMN attribution INTEGER;
        UPDATE quotes SET cue_kind = CASE
            WHEN lower(cue) LIKE 'according%' THEN 'according'
            WHEN cue = ':' THEN 'label'
            WHEN lower(cue) LIKE '%ing' OR lower(cue) LIKE '%ing that' THEN 'participle'
            ELSE 'verb' END;
        UPDATE quotes SET attribution = ordinal;
        """


_m008_delivery_targets = """
        -- Who receives what, when (issue 10): quiet hours in the chat's zone, the
        -- moment instant briefings were first held by them (a catch-up is owed),
        -- the user who linked a channel, and the forum topic a subscription posts
        -- into (0 = the chat itself). A topic lives in one thread of a forum.
        ALTER TABLE chats ADD COLUMN quiet_start TEXT;
        ALTER TABLE chats ADD COLUMN quiet_end TEXT;
        ALTER TABLE chats ADD COLUMN held_since REAL;
        ALTER TABLE chats ADD COLUMN linked_by INTEGER;
        ALTER TABLE subscriptions ADD COLUMN thread_id INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX chats_linked_by ON chats(linked_by) WHERE linked_by IS NOT NULL;
        """


_m009_drop_feed_owner = """
        -- feeds.owner_chat_id was never written: the feeds a chat adds are
        -- chat_feeds rows (migration 6), so the column goes.
        ALTER TABLE feeds DROP COLUMN owner_chat_id;
        """


_m010_delivery_claims = """
        -- The delivery log keyed by an idempotency key per chat ('article:<id>', 'digest:<day>', ...),
        -- with a leased claim: a 'pending' row whose lease ran out (its sender died) may be claimed
        -- again. Old pending rows get lease 0, so claims stuck by earlier versions are free again.
        CREATE TABLE deliveries_keyed (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            item TEXT NOT NULL,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            claimed_by TEXT,
            lease_until REAL NOT NULL DEFAULT 0,
            message_id INTEGER,
            created_at REAL NOT NULL,
            sent_at REAL,
            PRIMARY KEY (chat_id, item)
        );
        INSERT INTO deliveries_keyed(chat_id, item, article_id, status, message_id, created_at, sent_at)
            SELECT chat_id, 'article:' || article_id, article_id, status, message_id, created_at, sent_at
            FROM deliveries;
        DROP TABLE deliveries;
        ALTER TABLE deliveries_keyed RENAME TO deliveries;
        CREATE INDEX deliveries_article ON deliveries(chat_id, article_id);
        CREATE INDEX deliveries_message ON deliveries(chat_id, message_id);
        CREATE INDEX deliveries_lease ON deliveries(lease_until) WHERE status = 'pending';
        """


_m011_process_leases = """
        -- Several processes share the work (issue 14): a feed check is claimed with a lease
        -- (a worker that dies loses it when the lease ends), named leases elect the one
        -- sender, and each process keeps a heartbeat row for `briefbot status`.
        ALTER TABLE feeds ADD COLUMN claimed_by TEXT;
        ALTER TABLE feeds ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            lease_until REAL NOT NULL,
            handed_over_at REAL NOT NULL DEFAULT 0
        );
        CREATE TABLE processes (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            started_at REAL NOT NULL,
            last_tick_at REAL,
            last_tick_seconds REAL,
            last_error TEXT
        );
        """


_m012_delivery_threads = """
        -- A delivery is keyed per (chat, forum thread, item): two threads of one forum whose topics
        -- match the same article each get it in their own thread (thread 0 is the chat itself).
        -- Rows from before go to the thread the sender chose then: that of the oldest subscription
        -- whose topic matched the article, else 0.
        CREATE TABLE deliveries_threads (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            thread_id INTEGER NOT NULL DEFAULT 0,
            item TEXT NOT NULL,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            claimed_by TEXT,
            lease_until REAL NOT NULL DEFAULT 0,
            message_id INTEGER,
            created_at REAL NOT NULL,
            sent_at REAL,
            PRIMARY KEY (chat_id, thread_id, item)
        );
        INSERT INTO deliveries_threads(chat_id, thread_id, item, article_id, status, claimed_by, lease_until,
                                       message_id, created_at, sent_at)
            SELECT d.chat_id,
                   COALESCE((SELECT s.thread_id FROM subscriptions s
                             JOIN topic_articles ta ON ta.topic_id = s.topic_id AND ta.matched_at >= s.created_at
                             WHERE s.chat_id = d.chat_id AND ta.article_id = d.article_id
                             ORDER BY s.created_at LIMIT 1), 0),
                   d.item, d.article_id, d.status, d.claimed_by, d.lease_until, d.message_id, d.created_at, d.sent_at
            FROM deliveries d;
        DROP TABLE deliveries;
        ALTER TABLE deliveries_threads RENAME TO deliveries;
        CREATE INDEX deliveries_article ON deliveries(chat_id, article_id, thread_id);
        CREATE INDEX deliveries_message ON deliveries(chat_id, message_id);
        CREATE INDEX deliveries_lease ON deliveries(lease_until) WHERE status = 'pending';
        """


# Sliding windows counted in the database, so processes sharing it share a limit (commands per chat).
_m013_rate_windows = """
        CREATE TABLE rate_window_events (
            scope TEXT NOT NULL,
            key INTEGER NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX rate_window_events_key ON rate_window_events(scope, key, at);
        CREATE INDEX rate_window_events_at ON rate_window_events(at);
        """


# One speaker per identity key (issue 14): two processes storing articles that quote the same new
# person at once could each create them, and /who and /ask then split one person in two.
_m014_unique_speakers = """
        -- Every identity key becomes unique but a surname-only person's ('person:<surname>:'): the
        -- identity rules keep several of those apart when their roles differ ("Johnson", an actor;
        -- "Johnson", a minister). Duplicates already stored merge into the oldest: their quotes,
        -- aliases and roles move to it, and speaker_merges remembers where each went, for the
        -- "Who is ...?" buttons already sent with the old id.
        CREATE TABLE speaker_merges (
            merged_id INTEGER PRIMARY KEY,
            into_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
        );
        INSERT INTO speaker_merges(merged_id, into_id)
            SELECT s.id, kept.id FROM speakers s
            JOIN (SELECT identity_key, MIN(id) AS id FROM speakers GROUP BY identity_key) kept
                ON kept.identity_key = s.identity_key
            WHERE s.id <> kept.id AND s.identity_key NOT LIKE 'person:%:';
        UPDATE quotes SET speaker_id = (SELECT into_id FROM speaker_merges WHERE merged_id = quotes.speaker_id)
            WHERE speaker_id IN (SELECT merged_id FROM speaker_merges);
        INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key)
            SELECT m.into_id, a.alias, a.alias_key
            FROM speaker_aliases a JOIN speaker_merges m ON m.merged_id = a.speaker_id;
        INSERT OR IGNORE INTO speaker_roles(speaker_id, article_id, role)
            SELECT m.into_id, r.article_id, r.role
            FROM speaker_roles r JOIN speaker_merges m ON m.merged_id = r.speaker_id;
        DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT merged_id FROM speaker_merges);
        DELETE FROM speaker_roles WHERE speaker_id IN (SELECT merged_id FROM speaker_merges);
        DELETE FROM speakers WHERE id IN (SELECT merged_id FROM speaker_merges);
        CREATE UNIQUE INDEX speakers_identity_unique ON speakers(identity_key)
            WHERE identity_key NOT LIKE 'person:%:';
        """


# The model path shared by processes (issue 14): today's token budget reserved in one statement,
# so processes at the budget's edge cannot each make the call that passes it; and a leased claim
# per article text, so two processes never ask the model for the same briefing at once.
_m015_shared_model_path = """
        -- Tokens counted against the daily budget: those of finished calls, plus the estimate of
        -- each call still in flight (corrected to its real usage when it ends).
        CREATE TABLE llm_budget_days (
            day TEXT PRIMARY KEY,
            used INTEGER NOT NULL
        );
        -- Who is writing the briefing of an article text now; the row goes when it is cached.
        CREATE TABLE briefing_claims (
            content_hash TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            lease_until REAL NOT NULL
        );
        """


# Matching survives the process (issue 14): a stored article waits here until its topic matches are
# recorded, so another process matches it if the one that stored it dies first.
_m016_awaiting_match = """
        -- A stored article not matched to topics yet, and who may match it until when: the process
        -- that stored it holds it for a feed lease, then any process's cycle may claim it. A row
        -- goes in the transaction that stores the article and out in the one that records its
        -- matches. Articles stored before this migration were matched then: none waits.
        CREATE TABLE awaiting_match (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            claimed_by TEXT NOT NULL,
            lease_until REAL NOT NULL
        );
        CREATE INDEX awaiting_match_lease ON awaiting_match(lease_until);
        """


# Views held that older versions stored as said (issue 12): which cue marks a belief, a perception
# or a stance is the quote engine's reading of its words, which SQL cannot repeat, so the rows are
# judged in Python (ROW_STEPS) inside this entry's transaction; the script itself only says so.
_m017_held_views = """
        -- Stored reported quotes whose cue the engine now reads as a view held ("believes", "saw",
        -- "wants") are deleted by bot.store.held_views.drop_held_views.
        """


# Aims and decisions ("plans to", "declined to") became views held, and words denied ("denied
# that …") words not said (issue 12): the rows older versions stored as said go, judged again in
# Python (ROW_STEPS).
_m018_aims_and_denials = """
        -- Stored quotes the engine now reads as a view held, an aim or a denial are deleted by
        -- bot.store.held_views.drop_aims_and_denials.
        """


MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "feeds, articles, topics", _m001_feeds_articles_topics),
    (2, "chats, subscriptions, deliveries", _m002_chats_deliveries),
    (3, "quotes, speakers, framing", _m003_quotes_speakers_framing),
    (4, "llm calls, briefings, rejections", _m004_llm),
    (5, "speaker identity keys and question indexes", _m005_speaker_identity),
    (6, "chats' own feeds and subscription filters", _m006_chat_feeds),
    (7, "quote cue kind and attribution", _m007_quote_attribution),
    (8, "quiet hours, catch-ups, linked channels, forum threads", _m008_delivery_targets),
    (9, "drop the unused feeds.owner_chat_id", _m009_drop_feed_owner),
    (10, "delivery idempotency keys with leased claims", _m010_delivery_claims),
    (11, "feed check leases, named leases, process heartbeats", _m011_process_leases),
    (12, "deliveries per forum thread", _m012_delivery_threads),
    (13, "rate windows shared by processes", _m013_rate_windows),
    (14, "one speaker per identity key", _m014_unique_speakers),
    (15, "model budget reservations and briefing claims", _m015_shared_model_path),
    (16, "articles awaiting topic matching", _m016_awaiting_match),
    (17, "views held stored as said by older versions", _m017_held_views),
    (18, "aims and denials stored as said by older versions", _m018_aims_and_denials),
]

# Steps on rows that follow an entry's script, in its transaction, on either backend. A later
# change to which cues mark a view held appends an entry with drop_held_views again, so a
# database migrated already is judged by the new words too.
ROW_STEPS: dict[int, Callable[[Any], Awaitable[object]]] = {17: drop_held_views, 18: drop_aims_and_denials}


# Held while PostgreSQL migrates, so processes starting together migrate once.
_MIGRATION_LOCK = 0x42726946


async def migrate(db: Any) -> int:
    """Apply, in order, every migration not yet recorded; return the schema version."""
    if is_postgres(db):
        return await _migrate_postgres(db)
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
    )
    async with db.execute("SELECT version FROM schema_migrations") as cursor:
        applied = {row[0] for row in await cursor.fetchall()}
    for version, name, migration in sorted(MIGRATIONS, key=lambda m: m[0]):
        if version in applied:
            continue
        log.info("applying migration %d: %s", version, name)
        # executescript commits whatever is pending first, so the transaction
        # is opened inside the script itself to keep DDL, row steps and record atomic.
        try:
            await db.executescript(f"BEGIN;\n{migration}")
            if version in ROW_STEPS:
                await ROW_STEPS[version](db)
            await db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, time.time()))
            await db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                await db.rollback()
            raise
        applied.add(version)
    return max(applied, default=0)


async def _migrate_postgres(db: Any) -> int:
    """PostgreSQL's DDL is transactional: the whole run is one transaction under an advisory lock."""
    await db.execute("BEGIN")
    try:
        await db.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
        await db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
        )
        applied = {row[0] for row in await db.execute_fetchall("SELECT version FROM schema_migrations")}
        for version, name, _ in sorted(MIGRATIONS, key=lambda m: m[0]):
            if version in applied:
                continue
            if version not in POSTGRES_MIGRATIONS:
                raise RuntimeError(f"migration {version} ({name}) has no PostgreSQL script")
            log.info("applying migration %d: %s", version, name)
            await db.executescript(POSTGRES_MIGRATIONS[version])
            if version in ROW_STEPS:
                await ROW_STEPS[version](db)
            await db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, time.time()))
            applied.add(version)
    except BaseException:
        await db.execute("ROLLBACK")
        raise
    await db.execute("COMMIT")
    return max(applied, default=0)
