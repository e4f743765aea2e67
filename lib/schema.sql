-- lib/schema.sql — the doorstep database as it is today (schema version 13), in one place.
--
-- This file is documentation that a test keeps true: the program never reads it. A new
-- database is made by replaying the migrations of lib/db.c (db_open), and the unit test
-- tests/unit/test_schema.c fails when what they build and what this file builds differ
-- (tables, columns with their types, NOT NULL, defaults, keys and collations, indexes
-- with their columns, uniqueness and WHERE, foreign keys, CHECKs, triggers, views).
-- After adding a migration: `make schema-draft` writes build/schema-draft.sql from a
-- migrated database; carry the changes over here, with comments, and the test passes.
--
-- Conventions: times written *_at are Unix seconds (UTC) from clock_now(), which tests
-- fix with DOORSTEP_NOW; days (day, needed_by, expires_at) are local dates written
-- YYYY-MM-DD in [group] timezone. Addresses are bare ("jo@example.org"). A CHECK is
-- written as an OR chain, not IN (...), on purpose: SQLite checks IN in a CHECK by
-- building a temporary B-tree on every INSERT and UPDATE (migration 7).
-- Foreign keys are on (db_open); the migrations themselves run with them off.

------------------------------------------------------------------------------------------
-- Mail as it came in (fetch writes, process reads and sets state)
------------------------------------------------------------------------------------------

-- One row per distinct message fetched, whatever its source. The bytes are in
-- message_raw, so that changing a message's state does not copy them (migration 6).
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  -- where it came from: 'imap:user@host/INBOX', 'maildir:/path', 'mbox:/path'
  source TEXT NOT NULL,
  -- IMAP only (NULL otherwise): the folder's UIDVALIDITY and the message's UID in it,
  -- for deleting it from the server later (mailbox_deletions)
  uidvalidity INTEGER,
  uid INTEGER,
  -- the Message-ID field without < >, NULL when there is none; replies are matched by it
  message_id TEXT,
  -- SHA-256 (hex) of the exact bytes: the same mail fetched twice is stored once. A
  -- message too large to keep is keyed by its headers instead (fetch/store.c)
  sha256 TEXT NOT NULL UNIQUE,
  -- the source's date for it (IMAP INTERNALDATE, a file's mtime), Unix seconds, or NULL
  internal_date INTEGER,
  fetched_at INTEGER NOT NULL,
  -- its size in bytes (of the whole message, also when only its headers were kept)
  size INTEGER NOT NULL,
  -- new: waiting for process; processed: read (reason says what it became, e.g.
  -- 'offer O-0009'); ignored: not a post (thanks, bounces, auto-replies: reason says
  -- why); quarantined: could not or must not be read (too large, no usable From...)
  state TEXT NOT NULL DEFAULT 'new' CHECK (state = 'new' OR state = 'processed'
    OR state = 'ignored' OR state = 'quarantined'),
  reason TEXT,
  processed_at INTEGER
);
CREATE INDEX messages_message_id ON messages(message_id);
-- partial indexes: process looks for new mail, status for quarantined mail; processing
-- a message leaves messages_new with one deletion (migration 8)
CREATE INDEX messages_new ON messages(id) WHERE state = 'new';
CREATE INDEX messages_quarantined ON messages(id) WHERE state = 'quarantined';

-- Where each IMAP folder was read up to: committed with the batch of messages it
-- covers, so a kill never skips mail. A new UIDVALIDITY means the folder is read again.
CREATE TABLE mailbox_state (
  source TEXT PRIMARY KEY, -- as messages.source
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

-- The message's bytes exactly as received (only the headers for one too large to
-- keep); deleted with its message.
CREATE TABLE message_raw (
  message INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  raw BLOB NOT NULL
);

-- The non-text parts of a message, noted (name decoded, MIME type, size in bytes);
-- their bytes stay in message_raw.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL
);
CREATE INDEX attachments_message ON attachments(message);

-- The SHA-256 of mail deleted on purpose (purge, member forget), so that a source read
-- whole again (a maildir, an mbox, a new UIDVALIDITY) does not bring it back.
CREATE TABLE forgotten (sha256 TEXT PRIMARY KEY) WITHOUT ROWID;

-- With [privacy] delete_from_mailbox = yes: the source copies of messages purge and
-- member forget deleted, queued in the same transaction, deleted from their source by
-- the next connection to it (IMAP by UID under that UIDVALIDITY, a maildir file by its
-- SHA-256; an mbox is never rewritten).
CREATE TABLE mailbox_deletions (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  uidvalidity INTEGER,
  uid INTEGER,
  sha256 TEXT NOT NULL,
  queued_at INTEGER NOT NULL,
  UNIQUE (source, sha256)
);

------------------------------------------------------------------------------------------
-- People
------------------------------------------------------------------------------------------

-- Everyone who has written to the group, or been added by a coordinator.
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  -- the display name of their mail, as written; shown in public only through
  -- name_public (lib/names.c): "Maria L."
  name TEXT,
  -- pending: their posts are held ([group] moderation = unknown) until a coordinator
  -- approves them; blocked: their mail is ignored
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','member','coordinator','blocked')),
  joined_at INTEGER NOT NULL,
  -- 1: gets their own digest when [digest] to = members; 0 after UNSUBSCRIBE or
  -- DIGEST OFF (migration 4)
  digest INTEGER NOT NULL DEFAULT 1
);

------------------------------------------------------------------------------------------
-- Posts and what answers them (process writes)
------------------------------------------------------------------------------------------

-- Reference-code counters by kind ('offer', 'request'): codes are never reused, even
-- after old posts are purged (db_next_ref).
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL -- the last number handed out
);

-- An offer or a request, from a message or from `doorstep post`.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE, -- its reference code: O-0001 (offer), R-0001 (request)
  -- the message it came from; NULL for a post entered by a coordinator (phone-in) or
  -- once its message is purged
  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind = 'offer' OR kind = 'request'),
  category TEXT NOT NULL, -- a [categories] name of the config, or 'other'
  area TEXT,   -- an [areas] name of the config, or NULL
  street TEXT, -- the street named, as the config writes it, or NULL
  title TEXT NOT NULL, -- from the subject, prefix taken off, redacted
  body TEXT,    -- the sender's new words in full (private: never rendered)
  summary TEXT, -- the public summary: redacted (process/redact.c) when stored
  member_id INTEGER REFERENCES members(id),
  created_at INTEGER NOT NULL,
  needed_by TEXT,  -- the day it is needed by, when the mail names one
  expires_at TEXT, -- the day it expires ([process] request_days, offer_days)
  -- open: listed; held: waiting for a coordinator (sender not yet a member); triage:
  -- the rules were unsure, for a coordinator; taken, done, withdrawn: closed by mail or
  -- command; expired: past expires_at
  status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'held'
    OR status = 'triage' OR status = 'taken' OR status = 'done' OR status = 'expired'
    OR status = 'withdrawn'),
  closed_at INTEGER,
  -- the key of the first digest that announced it ('2026-11-25'), NULL while not yet
  -- announced: "new" in the digest means this is NULL ('before-3': announced before
  -- migration 3)
  first_digest TEXT
);
CREATE INDEX posts_message ON posts(message);
-- every query of posts by kind names the status too: one index serves the digest, the
-- matches and the export
CREATE INDEX posts_open ON posts(status, kind, category, created_at);
-- a reply that lost its In-Reply-To is matched to the sender's own post by its title
CREATE INDEX posts_member ON posts(member_id, kind, title);

-- Open offers that may answer open requests, rebuilt by every process run (derived:
-- may be dropped at any time). score: 3 same street, 2 same area, less a little by rank.
CREATE TABLE matches (
  offer_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  request_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  PRIMARY KEY (offer_id, request_id)
);

-- Notes for the coordinators: a post the rules were unsure of, a closing by someone
-- other than the author, a rota sign-up for no known task or day... resolved_at is set
-- once a coordinator has dealt with it.
CREATE TABLE triage (
  id INTEGER PRIMARY KEY,
  message INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  -- how it was settled (migration 12): accepted, request, offer, none, closing, or
  -- closed (its post closed, so the note settled itself); by whom (a Unix user)
  resolution TEXT,
  resolved_by TEXT
);
CREATE INDEX triage_open ON triage(resolved_at, id);

-- Every change a coordinator makes to a post by hand (doorstep post edit, reopen,
-- renew, close, triage resolve), one row a field (migration 12). Shown in the poster's
-- member export; goes with its post (purge, member forget).
CREATE TABLE post_edits (
  id INTEGER PRIMARY KEY,
  post INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  -- the Unix user who ran the command ($SUDO_USER through sudo)
  who TEXT NOT NULL,
  -- title, street, area, category, kind, ref, needed_by, expires_at, status...
  field TEXT NOT NULL,
  old TEXT,
  new TEXT
);
CREATE INDEX post_edits_post ON post_edits(post);

-- An answer to a post (an offer of help to a request, a taker of an offer), one row per
-- post it answers (migration 10).
CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  -- the post answered; NULL: a reply to the digest naming no post (for coordinators)
  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  message INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  responder TEXT NOT NULL, -- the From address of the answer
  name TEXT,               -- its display name
  words TEXT NOT NULL,     -- their new words
  -- relay: passed on to the poster; coordinators: listed once in the coordinators'
  -- digest (a phone-in post, a held post or sender, no post named); sorted: the post
  -- was closed already, nothing relayed
  how TEXT NOT NULL CHECK (how = 'relay' OR how = 'coordinators' OR how = 'sorted'),
  why TEXT, -- why it went that way, for the coordinators
  created_at INTEGER NOT NULL,
  relayed_at INTEGER,
  coord_digest TEXT -- the coordinators' digest that listed it ('2026-11-25'), or NULL
);
CREATE INDEX responses_message ON responses(message);
CREATE INDEX responses_post ON responses(post);
CREATE INDEX responses_coord ON responses(coord_digest) WHERE how = 'coordinators';

-- The automatic messages due (relays, confirmations, acknowledgements), each under the
-- outbox key it will be sent with, so a rerun or a crash never makes two; render
-- composes the 'due' ones into the outbox.
CREATE TABLE replies (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE, -- the outbox key: 'relay:MESSAGE:POST', 'ack:new:R-0001', 'confirm:MESSAGE'...
  kind TEXT NOT NULL,       -- which message: its template
  to_addr TEXT NOT NULL COLLATE NOCASE,
  day TEXT NOT NULL, -- the day it was due on: [replies] limits count per address a day
  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  response INTEGER REFERENCES responses(id) ON DELETE CASCADE,
  message INTEGER REFERENCES messages(id) ON DELETE SET NULL, -- the mail it answers
  -- due: to compose; queued: in the outbox; suppressed: not sent (reason says why:
  -- [replies] per_address_per_day reached)
  state TEXT NOT NULL DEFAULT 'due'
    CHECK (state = 'due' OR state = 'queued' OR state = 'suppressed'),
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX replies_to ON replies(to_addr, day);

------------------------------------------------------------------------------------------
-- The rota
------------------------------------------------------------------------------------------

-- Who signed up for which [rota] task on which day (by mail, or `doorstep rota assign`:
-- message NULL).
CREATE TABLE rota_slots (
  id INTEGER PRIMARY KEY,
  task TEXT NOT NULL, -- a [rota] task name of the config
  day TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (task, day, member_id)
);
CREATE INDEX rota_slots_message ON rota_slots(message);

------------------------------------------------------------------------------------------
-- Mail going out (render writes)
------------------------------------------------------------------------------------------

-- Every message doorstep sends, queued under a unique key and sent exactly once.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL, -- 'digest', 'coordinators', 'relay', ...
  -- what it is, once: 'digest:2026-11-25', 'coordinators:2026-11-25', a replies.key;
  -- a key already sent is never sent again (unless render --resend)
  key TEXT NOT NULL UNIQUE,
  message_id TEXT NOT NULL, -- stable for its key (outbox_message_id), without < >
  recipients TEXT NOT NULL, -- comma-separated addresses
  raw BLOB NOT NULL,        -- the whole message, CRLF line ends
  -- queued: to send; sending: handed to the transport (a run killed then leaves it,
  -- and the next run marks it failed rather than send it twice); sent; failed:
  -- last_error says why, tried again on the next run when it may work then
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued','sending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
-- a reply to a digest or a relay is recognised by its In-Reply-To
CREATE INDEX outbox_message_id ON outbox(message_id);

------------------------------------------------------------------------------------------
-- What the leaflets PDF held each day it was made, for the report of help given
-- (migration 13): one row per street (or part of a long street) of each leaflet; a
-- leaflet for an area without streets, or for the whole group, is one row with street
-- '' and no doors. A day's render made again replaces that day's rows. Counts only.
CREATE TABLE leaflet_prints (
  day TEXT NOT NULL,
  leaflet INTEGER NOT NULL,
  area TEXT NOT NULL,
  street TEXT NOT NULL,
  part INTEGER NOT NULL,
  doors INTEGER NOT NULL,
  made_at INTEGER NOT NULL,
  PRIMARY KEY (day, leaflet, street, part)
) WITHOUT ROWID;

-- Unused
------------------------------------------------------------------------------------------

-- Meant for a log of each stage's runs; created by the first schema and written by
-- nothing today.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  stage TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status INTEGER,
  summary TEXT
);
