/* front.h — the subcommands of the front command `doorstep`. */
#ifndef DOORSTEP_FRONT_H
#define DOORSTEP_FRONT_H

#include "cli.h"

/* The commands, each with its options, sub-commands, help and run function (see
 * cli.h); each run function reads the parsed command line and returns a sysexits
 * code. */
extern const struct cli_cmd front_daily, front_export, front_rota, front_member, front_purge,
    front_status, front_post, front_close, front_init, front_check, front_announce,
    front_privacy, front_report, front_triage, front_reopen, front_renew;
/* cmd_edit.c: `post edit REF ...`, a sub-command of front_post. */
extern const struct cli_cmd front_post_edit;

/* cmd_post.c: the author's note KIND about REF when [replies] KIND is on: "closed" (a
 * coordinator closed it), "recoded" (post edit --kind gave it the code REF), due for
 * render to send under the key ack:KIND:REF, in the caller's transaction; within
 * [replies] per_address_per_day, never to the group's own address. 0 or -1 (logged). */
int post_note(const conf *c, sqlite3 *db, const char *kind, const char *ref);

/* cmd_purge.c: the purge itself, for `doorstep daily` too (FROM_DAILY: its line is then
 * logged at -v, daily being quiet by default; by hand it is printed unless -q). Opens
 * its own database. Returns a sysexits code. */
int purge_run(const struct cli *cli, int from_daily);
/* VACUUM, then empties the write-ahead log; 0 or -1 (logged). */
int purge_reclaim(sqlite3 *db);
/* Deletes the files render wrote in DIR, named KIND-YYYY-MM-DD.eml or .pdf (or
 * KIND-YYYY-MM-DD-WHO.eml, a member's copy) for a KIND of the NULL-terminated KINDS,
 * dated FROM (YYYY-MM-DD, "" for any) to before BEFORE ("" for no end); with WHO, only
 * the copies for WHO. Returns how many were deleted; failures are logged and skipped. */
long purge_outputs(const char *dir, const char *const *kinds, const char *from,
                   const char *before, const char *who);
/* The folder where the file transport writes mail ([smtp] dir, else OUTPUT/sent). */
void purge_sent_dir(const conf *c, char *out, size_t outlen);
/* Deletes the files the file transport wrote into DIR for the automatic replies
 * (outbox kind 'reply', named after their keys) that SQL selects the keys of (?1 =
 * ARG); to be run before those rows go. Returns how many were deleted, or -1. */
long purge_reply_files(sqlite3 *db, const char *dir, const char *sql, const char *arg);
/* The outputs that name people: the coordinators' digest (held posts, new members),
 * rotas and delivery rounds (volunteers). */
extern const char *const purge_outputs_with_names[];

/* cmd_member.c: registers the SQL functions has_addr(X, ADDR) and redact_addr(X, ADDR)
 * (whole addresses, case aside, replaced by "[forgotten]"), then collects into
 * temp.who_msgs the messages ADDR (lower case) sent: those whose From holds it, and
 * those their posts and rota sign-ups came from. Returns 0 or -1 (logged). */
int member_collect(sqlite3 *db, const char *addr);
/* cmd_forget.c: `member forget ADDR` in DB (see doorstep(1)); a sysexits code. */
int forget_member(const conf *c, sqlite3 *db, const char *addr);

#endif
