/* db.c — opening, migrating and using the doorstep SQLite database. */
#include "db.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* how long a statement waits for another program's lock before it gives up */
#define BUSY_TIMEOUT_MS 10000

/* Forward migrations: migrations[i] takes the schema from version i to i+1. Append
 * new steps; never edit a released one. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  source TEXT NOT NULL,"
    "  uidvalidity INTEGER,"
    "  uid INTEGER,"
    "  message_id TEXT,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  internal_date INTEGER,"
    "  fetched_at INTEGER NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  raw BLOB,"
    "  state TEXT NOT NULL DEFAULT 'new'"
    "    CHECK (state IN ('new','processed','ignored','quarantined')),"
    "  reason TEXT,"
    "  processed_at INTEGER"
    ");"
    "CREATE INDEX messages_state ON messages(state, id);"
    "CREATE INDEX messages_message_id ON messages(message_id);"
    "CREATE TABLE mailbox_state ("
    "  source TEXT PRIMARY KEY,"
    "  uidvalidity INTEGER NOT NULL,"
    "  last_uid INTEGER NOT NULL DEFAULT 0,"
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE members ("
    "  id INTEGER PRIMARY KEY,"
    "  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  name TEXT,"
    "  status TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (status IN ('pending','member','coordinator','blocked')),"
    "  joined_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE counters ("
    "  name TEXT PRIMARY KEY,"
    "  value INTEGER NOT NULL"
    ");"
    "CREATE TABLE posts ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"
    "  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('offer','request')),"
    "  category TEXT NOT NULL,"
    "  area TEXT,"
    "  street TEXT,"
    "  title TEXT NOT NULL,"
    "  body TEXT,"
    "  summary TEXT,"
    "  member_id INTEGER REFERENCES members(id),"
    "  created_at INTEGER NOT NULL,"
    "  needed_by TEXT,"
    "  expires_at TEXT,"
    "  status TEXT NOT NULL DEFAULT 'open'"
    "    CHECK (status IN ('open','held','taken','done','expired','withdrawn')),"
    "  closed_at INTEGER"
    ");"
    "CREATE INDEX posts_status ON posts(status, kind);"
    "CREATE TABLE matches ("
    "  offer_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,"
    "  request_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,"
    "  score REAL NOT NULL,"
    "  PRIMARY KEY (offer_id, request_id)"
    ");"
    "CREATE TABLE rota_slots ("
    "  id INTEGER PRIMARY KEY,"
    "  task TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  member_id INTEGER NOT NULL REFERENCES members(id),"
    "  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
    "  created_at INTEGER NOT NULL,"
    "  UNIQUE (task, day, member_id)"
    ");"
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  key TEXT NOT NULL UNIQUE,"
    "  message_id TEXT NOT NULL,"
    "  recipients TEXT NOT NULL,"
    "  raw BLOB NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  sent_at INTEGER"
    ");"
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  stage TEXT NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  finished_at INTEGER,"
    "  status INTEGER,"
    "  summary TEXT"
    ");",
    /* 1 -> 2 (process): a post the rules are unsure of waits in 'triage' for a
     * coordinator (SQLite cannot change a CHECK, so posts is rebuilt; matches are
     * derived and rebuilt by the next run); attachments are noted; coordinators'
     * triage notes; posts and rota sign-ups found by message */
    "CREATE TABLE posts_new ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"
    "  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('offer','request')),"
    "  category TEXT NOT NULL,"
    "  area TEXT,"
    "  street TEXT,"
    "  title TEXT NOT NULL,"
    "  body TEXT,"
    "  summary TEXT,"
    "  member_id INTEGER REFERENCES members(id),"
    "  created_at INTEGER NOT NULL,"
    "  needed_by TEXT,"
    "  expires_at TEXT,"
    "  status TEXT NOT NULL DEFAULT 'open'"
    "    CHECK (status IN ('open','held','triage','taken','done','expired','withdrawn')),"
    "  closed_at INTEGER"
    ");"
    "INSERT INTO posts_new SELECT id, ref, message, kind, category, area, street, title, body,"
    "  summary, member_id, created_at, needed_by, expires_at, status, closed_at FROM posts;"
    "DROP TABLE posts;"
    "ALTER TABLE posts_new RENAME TO posts;"
    "CREATE INDEX posts_status ON posts(status, kind);"
    "CREATE INDEX posts_message ON posts(message);"
    "CREATE INDEX posts_open ON posts(kind, status, category, created_at);"
    "CREATE INDEX posts_member ON posts(member_id, kind);"
    "CREATE INDEX rota_slots_message ON rota_slots(message);"
    "CREATE TABLE attachments ("
    "  id INTEGER PRIMARY KEY,"
    "  message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  size INTEGER NOT NULL"
    ");"
    "CREATE INDEX attachments_message ON attachments(message);"
    "CREATE TABLE triage ("
    "  id INTEGER PRIMARY KEY,"
    "  message INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
    "  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,"
    "  reason TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  resolved_at INTEGER"
    ");"
    "CREATE INDEX triage_open ON triage(resolved_at, id);",
    /* 2 -> 3 (render): a message being handed to the transport is 'sending', so that
     * one interrupted then is not sent again blindly; a post remembers the first
     * digest that announced it, so that "new" means "not yet announced" however late
     * it was fetched or released */
    "CREATE TABLE outbox_new ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  key TEXT NOT NULL UNIQUE,"
    "  message_id TEXT NOT NULL,"
    "  recipients TEXT NOT NULL,"
    "  raw BLOB NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'queued'"
    "    CHECK (state IN ('queued','sending','sent','failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  sent_at INTEGER"
    ");"
    "INSERT INTO outbox_new SELECT id, kind, key, message_id, recipients, raw, state, attempts,"
    "  last_error, created_at, sent_at FROM outbox;"
    "DROP TABLE outbox;"
    "ALTER TABLE outbox_new RENAME TO outbox;"
    "ALTER TABLE posts ADD COLUMN first_digest TEXT;"
    "UPDATE posts SET first_digest = 'before-3'"
    "  WHERE EXISTS (SELECT 1 FROM outbox WHERE kind = 'digest');"
    "CREATE INDEX posts_first_digest ON posts(first_digest);",
    /* 3 -> 4 (render): with [digest] to = members, each member gets their own digest
     * unless they wrote UNSUBSCRIBE (or DIGEST OFF) */
    "ALTER TABLE members ADD COLUMN digest INTEGER NOT NULL DEFAULT 1;",
    /* 4 -> 5 (purge, member forget): the SHA-256 of mail deleted on purpose, so that a
     * source read whole (maildir, mbox) does not bring it back as new */
    "CREATE TABLE forgotten (sha256 TEXT PRIMARY KEY) WITHOUT ROWID;",
    /* 5 -> 6 (speed, issue 7): the raw bytes in a table of their own. SQLite rewrites a
     * whole row, overflow pages and all, on every UPDATE: with the raw message in
     * messages, setting a message's state copied its bytes once more. */
    "CREATE TABLE message_raw ("
    "  message INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
    "  raw BLOB NOT NULL"
    ");"
    "INSERT INTO message_raw SELECT id, raw FROM messages WHERE raw IS NOT NULL;"
    "ALTER TABLE messages DROP COLUMN raw;",
    /* 6 -> 7 (speed, issue 7): the same CHECKs written as OR chains. SQLite checks
     * "x IN (list)" in a CHECK by building a temporary B-tree of the list on every
     * INSERT and UPDATE: three per message processed. Rebuilt with foreign keys off
     * (db_open), so the tables that refer to these keep their rows. */
    "CREATE TABLE messages_new ("
    "  id INTEGER PRIMARY KEY,"
    "  source TEXT NOT NULL,"
    "  uidvalidity INTEGER,"
    "  uid INTEGER,"
    "  message_id TEXT,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  internal_date INTEGER,"
    "  fetched_at INTEGER NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'new' CHECK (state = 'new' OR state = 'processed'"
    "    OR state = 'ignored' OR state = 'quarantined'),"
    "  reason TEXT,"
    "  processed_at INTEGER"
    ");"
    "INSERT INTO messages_new SELECT id, source, uidvalidity, uid, message_id, sha256,"
    "  internal_date, fetched_at, size, state, reason, processed_at FROM messages;"
    "DROP TABLE messages;"
    "ALTER TABLE messages_new RENAME TO messages;"
    "CREATE INDEX messages_state ON messages(state, id);"
    "CREATE INDEX messages_message_id ON messages(message_id);"
    "CREATE TABLE posts_new ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"
    "  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
    "  kind TEXT NOT NULL CHECK (kind = 'offer' OR kind = 'request'),"
    "  category TEXT NOT NULL,"
    "  area TEXT,"
    "  street TEXT,"
    "  title TEXT NOT NULL,"
    "  body TEXT,"
    "  summary TEXT,"
    "  member_id INTEGER REFERENCES members(id),"
    "  created_at INTEGER NOT NULL,"
    "  needed_by TEXT,"
    "  expires_at TEXT,"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'held'"
    "    OR status = 'triage' OR status = 'taken' OR status = 'done' OR status = 'expired'"
    "    OR status = 'withdrawn'),"
    "  closed_at INTEGER,"
    "  first_digest TEXT"
    ");"
    "INSERT INTO posts_new SELECT id, ref, message, kind, category, area, street, title, body,"
    "  summary, member_id, created_at, needed_by, expires_at, status, closed_at, first_digest"
    "  FROM posts;"
    "DROP TABLE posts;"
    "ALTER TABLE posts_new RENAME TO posts;"
    "CREATE INDEX posts_status ON posts(status, kind);"
    "CREATE INDEX posts_message ON posts(message);"
    "CREATE INDEX posts_open ON posts(kind, status, category, created_at);"
    "CREATE INDEX posts_member ON posts(member_id, kind);"
    "CREATE INDEX posts_first_digest ON posts(first_digest);",
    /* 7 -> 8 (speed, issue 7): fewer index writes for each message processed and each
     * post stored. Messages are looked up by state only while new (process) or
     * quarantined (status, the coordinators' page): partial indexes, which processing
     * leaves with one deletion, replace the index of every message's state. No query
     * can use posts_first_digest (the digest reads it inside coalesce; the UPDATE finds
     * its post by ref), and every query of posts by kind also names the status: one
     * index on (status, kind, ...) serves what posts_status and posts_open did. */
    "DROP INDEX messages_state;"
    "CREATE INDEX messages_new ON messages(id) WHERE state = 'new';"
    "CREATE INDEX messages_quarantined ON messages(id) WHERE state = 'quarantined';"
    "DROP INDEX posts_first_digest;"
    "DROP INDEX posts_status;"
    "DROP INDEX posts_open;"
    "CREATE INDEX posts_open ON posts(status, kind, category, created_at);",
    /* 8 -> 9 (speed, issue 7): a reply that lost its In-Reply-To is matched to the
     * sender's own post of its title (close_find_thread); posts_member found the
     * sender's posts of that kind and each was read for its title, at 100,000
     * messages tens of rows in random pages for each such reply (a third of process's
     * time went to the kernel reading them again). The title in the index finds it. */
    ("DROP INDEX posts_member;"
     "CREATE INDEX posts_member ON posts(member_id, kind, title);"),
    /* 9 -> 10 (issue 16, connect people): a response to a post (an offer of help to a
     * request, a taker of an offer) is stored, one row per post it answers (post NULL:
     * a reply to the digest naming none, for the coordinators). HOW says where it goes:
     * 'relay' (to the poster's address), 'coordinators' (a phone-in post, a held post
     * or sender, no post named: listed once in the coordinators' digest, coord_digest),
     * 'sorted' (the post was closed already: nothing relayed). The automatic messages
     * due (relays, confirmations, acknowledgements) wait in replies, each under the
     * outbox key it will be sent with, so that a rerun or a crash never makes two;
     * render composes them into the outbox (reading the table whole once a run: no
     * index on state, one less to write for each post). outbox.message_id is indexed:
     * a reply to a digest or a relay is recognised by it. */
    ("CREATE TABLE responses ("
     "  id INTEGER PRIMARY KEY,"
     "  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,"
     "  message INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
     "  responder TEXT NOT NULL,"
     "  name TEXT,"
     "  words TEXT NOT NULL,"
     "  how TEXT NOT NULL CHECK (how = 'relay' OR how = 'coordinators' OR how = 'sorted'),"
     "  why TEXT,"
     "  created_at INTEGER NOT NULL,"
     "  relayed_at INTEGER,"
     "  coord_digest TEXT"
     ");"
     "CREATE INDEX responses_message ON responses(message);"
     "CREATE INDEX responses_post ON responses(post);"
     "CREATE INDEX responses_coord ON responses(coord_digest) WHERE how = 'coordinators';"
     "CREATE TABLE replies ("
     "  id INTEGER PRIMARY KEY,"
     "  key TEXT NOT NULL UNIQUE,"
     "  kind TEXT NOT NULL,"
     "  to_addr TEXT NOT NULL COLLATE NOCASE,"
     "  day TEXT NOT NULL,"
     "  post INTEGER REFERENCES posts(id) ON DELETE CASCADE,"
     "  response INTEGER REFERENCES responses(id) ON DELETE CASCADE,"
     "  message INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
     "  state TEXT NOT NULL DEFAULT 'due'"
     "    CHECK (state = 'due' OR state = 'queued' OR state = 'suppressed'),"
     "  reason TEXT,"
     "  created_at INTEGER NOT NULL"
     ");"
     "CREATE INDEX replies_to ON replies(to_addr, day);"
     "CREATE INDEX outbox_message_id ON outbox(message_id);"),
    /* 10 -> 11 (privacy, issue 17): with
     * [privacy] delete_from_mailbox = yes, the messages purge and member forget delete
     * are queued here in the transaction that deletes them, and deleted from their
     * source (IMAP by UID under the UIDVALIDITY they were fetched with, a maildir's
     * file by its SHA-256) by the next connection to it: a kill in between leaves the
     * queue, never a message deleted that doorstep did not delete. */
    ("CREATE TABLE mailbox_deletions ("
     "  id INTEGER PRIMARY KEY,"
     "  source TEXT NOT NULL,"
     "  uidvalidity INTEGER,"
     "  uid INTEGER,"
     "  sha256 TEXT NOT NULL,"
     "  queued_at INTEGER NOT NULL,"
     "  UNIQUE (source, sha256)"
     ");"),
    /* 11 -> 12 (issue 19, the coordinators' toolkit): every change a coordinator makes
     * to a post by hand (doorstep post edit, reopen, renew, close, triage resolve) is
     * one row of post_edits: the post, when, who (the Unix user who ran the command),
     * the field and its old and new values as text. Its rows go with their post (purge,
     * member forget). A triage note remembers how it was settled (resolution: accepted,
     * request, offer, none, closing, or closed when its post closed) and by whom. */
    ("CREATE TABLE post_edits ("
     "  id INTEGER PRIMARY KEY,"
     "  post INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,"
     "  at INTEGER NOT NULL,"
     "  who TEXT NOT NULL,"
     "  field TEXT NOT NULL,"
     "  old TEXT,"
     "  new TEXT"
     ");"
     "CREATE INDEX post_edits_post ON post_edits(post);"
     "ALTER TABLE triage ADD COLUMN resolution TEXT;"
     "ALTER TABLE triage ADD COLUMN resolved_by TEXT;"),
    /* 12 -> 13 (report, issue 19; after triage's 11 -> 12, and independent of it):
     * what the leaflets PDF held each day it was made, for the report of help given
     * (leaflets printed, doors covered). One row per street (or part of a long street)
     * of each leaflet; a leaflet for an area without streets, or for the whole group,
     * is one row with street '' and no doors. A day's render made again replaces that
     * day's rows. Counts only: areas and streets are the config's, no person's. */
    ("CREATE TABLE leaflet_prints ("
     "  day TEXT NOT NULL,"
     "  leaflet INTEGER NOT NULL,"
     "  area TEXT NOT NULL,"
     "  street TEXT NOT NULL,"
     "  part INTEGER NOT NULL,"
     "  doors INTEGER NOT NULL,"
     "  made_at INTEGER NOT NULL,"
     "  PRIMARY KEY (day, leaflet, street, part)"
     ") WITHOUT ROWID;"),
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static long commits_done;

int
db_schema_version(void)
{
    return NMIGRATIONS;
}

/* " (No space left on device)" after SQLite's vague "disk I/O error" when the system
 * said why; "" otherwise. */
static const char *
system_reason(sqlite3 *db, char *buf, size_t len)
{
    int code = sqlite3_extended_errcode(db) & 0xff, e = sqlite3_system_errno(db);

    buf[0] = '\0';
    if ((code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) && e != 0)
        snprintf(buf, len, " (%s)", strerror(e));
    return buf;
}

int
db_exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL, why[128];

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s%s", sqlite3_db_filename(db, "main"),
                 msg ? msg : sqlite3_errmsg(db), system_reason(db, why, sizeof why));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *stmt = NULL;
    char why[128];

    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: SQL error: %s%s", sqlite3_db_filename(db, "main"),
                 sqlite3_errmsg(db), system_reason(db, why, sizeof why));
        sqlite3_finalize(stmt);
        return NULL;
    }
    return stmt;
}

int
db_begin(sqlite3 *db, char *err, size_t errlen)
{
    return db_exec(db, "BEGIN IMMEDIATE", err, errlen);
}

int
db_commit(sqlite3 *db, char *err, size_t errlen)
{
    const char *crash = getenv("DOORSTEP_CRASH_AFTER_COMMITS");

    if (db_exec(db, "COMMIT", err, errlen) < 0) {
        db_rollback(db);
        return -1;
    }
    commits_done++;
    if (crash && *crash && commits_done >= atol(crash))
        kill(getpid(), SIGKILL);
    return 0;
}

void
db_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int
user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *stmt;
    int rc;

    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Migrations run with foreign keys off (a table rebuilt must not take its children's
 * rows with it): each step is then checked for references left dangling. */
static int
foreign_keys_ok(sqlite3 *db, const char *path, int version, char *err, size_t errlen)
{
    sqlite3_stmt *stmt;
    int rc;

    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
        return -1;
    }
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        snprintf(err, errlen,
                 "%s: migrating to schema %d left a reference from table %s to a missing row "
                 "of %s; the database is left as it was",
                 path, version, sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 2));
    else if (rc != SQLITE_DONE)
        snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int
migrate(sqlite3 *db, const char *path, char *err, size_t errlen)
{
    int version;

    for (;;) {
        char pragma[64];

        /* Read the version inside the write transaction, so that two programs opening a
         * new database at once do not both run the same step. */
        if (db_begin(db, err, errlen) < 0)
            return -1;
        if (user_version(db, &version) < 0) {
            snprintf(err, errlen, "%s: cannot read the schema version: %s", path,
                     sqlite3_errmsg(db));
            goto fail;
        }
        if (version > NMIGRATIONS) {
            snprintf(err, errlen,
                     "%s: the database has schema version %d, newer than this doorstep "
                     "knows (%d); upgrade doorstep",
                     path, version, NMIGRATIONS);
            goto fail;
        }
        if (version == NMIGRATIONS) {
            db_rollback(db);
            return 0;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        if (db_exec(db, migrations[version], err, errlen) < 0 ||
            foreign_keys_ok(db, path, version + 1, err, errlen) < 0 ||
            db_exec(db, pragma, err, errlen) < 0)
            goto fail;
        if (db_exec(db, "COMMIT", err, errlen) < 0)
            goto fail;
    }
fail:
    db_rollback(db);
    return -1;
}

/* Puts the database in WAL mode, which lets render read while process writes. The mode
 * is a property of the file, kept once set, so it is read first: setting it takes a
 * lock for which SQLite does not call the busy handler, and a program opening the
 * database while another closes it (the last one out checkpoints and removes the log)
 * failed at once with "database is locked". The rare switch itself (a new database)
 * is tried again for as long as the busy timeout. */
static int
use_wal(sqlite3 *db, char *err, size_t errlen)
{
    const struct timespec pause = {0, 20 * 1000 * 1000};

    for (int waited = 0;; waited += 20) {
        sqlite3_stmt *st = NULL;
        int rc, wal = 0;

        rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
        if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            wal = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
        /* (on a file system without shared memory SQLite keeps the rollback journal,
         * which works, only without reading beside a writer) */
        /* A new database gets 16 KB pages (an existing one keeps its own: the pragma
         * does nothing there). Most of the file is raw mail, a few KB a message: with
         * 4 KB pages process read it through an overflow chain, a pread a page (0.10 s
         * of the kernel's time for 10,000 messages, 0.06 s with 16 KB; 6% of process's
         * time, fetch as fast). */
        if (rc == SQLITE_OK && !wal)
            rc = sqlite3_exec(db, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL", NULL,
                              NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS) {
            snprintf(err, errlen, "%s: cannot use a write-ahead log: %s",
                     sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
            return -1;
        }
        nanosleep(&pause, NULL);
    }
}

/* Pages of the page cache in one mapping (SQLITE_CONFIG_PAGECACHE), for the 8 MiB
 * cache of db_open's connection and a few of another (the checkpoint's): more come
 * from malloc, as without it. */
#define CACHE_PAGES 560
#define CACHE_PAGE_SIZE 16384

/* The page cache's memory, in pages of 2 MiB where the kernel gives them (MADV_HUGEPAGE,
 * with transparent huge pages set to madvise): each first touch of a page costs a
 * fault, and on a virtual machine a fault of a 4 KiB page cost about 15 us, so that a
 * run that fills the 8 MiB cache spent 30 ms taking faults (process and each stage of
 * a group's day fill it, reading a database of 90 MB). Once, before SQLite's first
 * use; nothing when the mapping cannot be had. */
static void
page_cache_setup(void)
{
    static int done;
    int hdr = 0;
    void *mem;

    if (done)
        return;
    done = 1;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK || hdr <= 0)
        return;
    size_t slot = CACHE_PAGE_SIZE + (size_t)hdr, len = slot * CACHE_PAGES;
    if ((mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) ==
        MAP_FAILED)
        return;
    madvise(mem, len, MADV_HUGEPAGE); /* (a hint: 4 KiB pages when refused) */
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, mem, (int)slot, CACHE_PAGES) != SQLITE_OK)
        munmap(mem, len);
}

sqlite3 *
db_open(const char *path, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    int rc, fd;

    /* Debian's SQLite has no lookaside memory: its every small allocation is a
     * malloc, which by default also takes a global mutex to count the bytes in use
     * (nobody here reads the count). Only possible before SQLite's first use; later
     * calls fail harmlessly. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    page_cache_setup();

    /* the database holds people's details: only its owner may read it (SQLite gives
     * its -wal and -shm files the same mode) */
    if (strcmp(path, ":memory:") != 0 &&
        (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0)
        close(fd);
    rc = sqlite3_open_v2(path, &db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot open the database: %s", path,
                 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    /* NORMAL sync is safe in WAL mode (a power cut may lose the last commit, never
     * corrupt) */
    if (use_wal(db, err, errlen) < 0 ||
        db_exec(db, "PRAGMA foreign_keys = OFF", err, errlen) < 0 ||
        /* 8 MiB of page cache rather than SQLite's 2: at 100,000 messages process's
         * indexes no longer fit in 2 MiB and it read 9 pages a message (3 with 16), and
         * fetch read 1.2 GB of index pages back. 16 MiB was no faster than 8 for
         * process at 10,000 or 100,000 messages (7.61 s and 7.65 s), 4 was 2.5% slower;
         * a bound, not a share of the mailbox: peak RSS is the same at 10,000 and
         * 100,000 messages (28 MiB) */
        db_exec(db, "PRAGMA cache_size = -8192", err, errlen) < 0 ||
        db_exec(db, "PRAGMA synchronous = NORMAL", err, errlen) < 0 ||
        migrate(db, path, err, errlen) < 0 ||
        db_exec(db, "PRAGMA foreign_keys = ON", err, errlen) < 0) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

void
db_close(sqlite3 *db)
{
    sqlite3_stmt *stmt;

    if (!db)
        return;
    /* statements kept for reuse (db_next_ref) */
    while ((stmt = sqlite3_next_stmt(db, NULL)))
        sqlite3_finalize(stmt);
    sqlite3_close(db);
}

/* Three plain statements rather than one upsert with RETURNING, which SQLite runs
 * through a temporary B-tree: one reference per post adds up in a batch. */
static const char *const next_ref_sql[] = {
    "UPDATE counters SET value = value + 1 WHERE name = ?1",
    "INSERT INTO counters(name, value) VALUES (?1, 1)",
    "SELECT value FROM counters WHERE name = ?1",
};

sqlite3_stmt *
db_prepare_kept(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *stmt = NULL;

    /* (an open blob handle is a statement without SQL text) */
    while ((stmt = sqlite3_next_stmt(db, stmt)))
        if (sqlite3_sql(stmt) && strcmp(sqlite3_sql(stmt), sql) == 0 && !sqlite3_stmt_busy(stmt))
            return stmt;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        db_sqlerr(db, err, errlen);
        sqlite3_finalize(stmt);
        return NULL;
    }
    return stmt;
}

static int
kept_step(sqlite3 *db, const char *sql, const char *name, long *value, char *err, size_t errlen)
{
    sqlite3_stmt *stmt = db_prepare_kept(db, sql, err, errlen);
    int rc;

    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && value)
        *value = sqlite3_column_int64(stmt, 0);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        db_sqlerr(db, err, errlen);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
db_next_ref(sqlite3 *db, const char *kind, char out[CODE_SIZE], char *err, size_t errlen)
{
    long value = -1;

    if (kept_step(db, next_ref_sql[0], kind, NULL, err, errlen) < 0)
        return -1;
    if (sqlite3_changes(db) == 0 && kept_step(db, next_ref_sql[1], kind, NULL, err, errlen) < 0)
        return -1;
    if (kept_step(db, next_ref_sql[2], kind, &value, err, errlen) < 0)
        return -1;
    if (value < 0) {
        snprintf(err, errlen, "%s: no counter for %s", sqlite3_db_filename(db, "main"), kind);
        return -1;
    }
    db_format_ref(kind, value, out);
    return 0;
}

void
db_format_ref(const char *kind, long value, char out[CODE_SIZE])
{
    snprintf(out, 24, "%c-%04ld", strcmp(kind, "offer") == 0 ? 'O' : 'R', value);
}

char *
db_column_strdup(sqlite3_stmt *stmt, int col)
{
    const unsigned char *s = sqlite3_column_text(stmt, col);
    return strdup(s ? (const char *)s : "");
}

int
db_errmsg(sqlite3 *db, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
    return -1;
}

int
db_sqlerr(sqlite3 *db, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: SQL error: %s", sqlite3_db_filename(db, "main"),
             sqlite3_errmsg(db));
    return -1;
}

void
db_log_errmsg(sqlite3 *db)
{
    log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
}
