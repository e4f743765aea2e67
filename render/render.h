/* render.h — the outputs of doorstep-render: the digest, the rota and the leaflets,
 * each built from the database and the templates and written atomically. */
#ifndef DOORSTEP_RENDER_H
#define DOORSTEP_RENDER_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "outbox.h"
#include "day.h" /* DAY_SIZE */

struct render_ctx {
    const conf *conf;
    sqlite3 *db;
    time_t now;
    const char *outdir;    /* [output] dir, resolved, created */
    const char *templates; /* the templates folder, resolved */
    char date[DAY_SIZE];         /* today in the group's time zone, YYYY-MM-DD */
    int resend;            /* --resend: send today's digests again even if sent */
    int check;             /* --check-templates: report names the data never provides,
                            * queue and send nothing */
    int problems;          /* names reported by the check */
    struct outbox outbox;  /* the run's outbox (send/outbox.h): the same conf, db, now,
                            * outdir and resend */
};

/* Each returns 0, or a sysexits code with ERR set (naming the file or template). */
int render_digest(struct render_ctx *rc, char *err, size_t errlen);
int render_rota(struct render_ctx *rc, char *err, size_t errlen);
int render_leaflets(struct render_ctx *rc, char *err, size_t errlen);
int render_rounds(struct render_ctx *rc, char *err, size_t errlen);
int render_coordinators(struct render_ctx *rc, char *err, size_t errlen);
/* reply.c: composes every automatic reply process found due (relays, confirmations,
 * acknowledgements) and queues each in the outbox under its key, in one transaction;
 * render_digest calls it before the digest, whose delivery sends them. */
int render_replies(struct render_ctx *rc, char *err, size_t errlen);

/* report_pdf.c: the report of help given in the period P (lib/report.h) as one A4 page,
 * report-YYYY-MM.pdf (report-FROM-to-TO.pdf for other periods) in RC->outdir; not one
 * of render_outputs, since it is made on demand, not every day. Returns 0 or a
 * sysexits code with ERR set. */
struct report_period;
int render_report(struct render_ctx *rc, const struct report_period *p, char *err,
                  size_t errlen);
/* The report REPORT (report_count's) in words, from templates/report.txt: its title,
 * period and sentences, a line each, then what the counts mean. Malloc'd (caller
 * frees), or NULL with ERR set. */
char *render_report_text(const struct render_ctx *rc, const json_t *report, char *err,
                         size_t errlen);
/* Records what today's leaflets PDF covered (leaflet_prints: a leaflet per round of
 * PLAN when it has rounds, else per area of AREAS, else one for the group), replacing
 * today's rows; nothing with RC->check. Returns 0 or -1 with ERR set. */
struct round_plan;
struct conf_area;
int render_report_leaflets(const struct render_ctx *rc, const struct round_plan *plan,
                           const struct conf_area *areas, size_t nareas, char *err,
                           size_t errlen);

/* The outputs, in the order render makes them (render_digest...); each names its
 * files NAME-YYYY-MM-DD.eml or .pdf, which is how `doorstep purge` and `member
 * forget` find them. Ended by NULL. */
#define RENDER_NOUTPUTS 5
extern const char *const render_outputs[RENDER_NOUTPUTS + 1];

/* Composes the message KEY (of KIND: "digest", "coordinators") for TO from the
 * templates NAME.txt, NAME.html (when present) and SUBJECT_TEMPLATE with DATA, queues
 * it in the outbox and writes it as FILE in the output folder; with RC->check, only
 * renders. Returns 0 or a sysexits code; delivery is outbox_deliver's (outbox.h). */
int render_compose(struct render_ctx *rc, const char *kind, const char *key, const char *name,
                const char *subject_template, const char *to, const char *file,
                const json_t *data, char *err, size_t errlen);

/* What render_compose does but queueing and writing: composes the message KEY of KIND
 * for TO into *RAW (malloc'd, CRLF line ends; length in *LEN), with the group's list
 * headers (List-Id, List-Post, List-Unsubscribe) for the mail every member gets
 * ("digest", "announce"); with TEXT, the rendered NAME.txt into *TEXT (caller frees).
 * With RC->check, only renders (*RAW NULL). Returns 0 or a sysexits code. */
int render_compose_raw(struct render_ctx *rc, const char *kind, const char *key,
                       const char *name, const char *subject_template, const char *to,
                       const json_t *data, char **raw,
                   size_t *len, char **text, char *err, size_t errlen);

/* Called for each recipient of the digest: TO (an address, or for [digest] to the
 * list of addresses), AREA (the area of the member's latest post, or NULL). Returns 0
 * to go on, else a sysexits code (with ERR set) that ends the list. */
typedef int (*render_recipient_fn)(void *arg, const char *to, const char *area, char *err,
                                   size_t errlen);

/* Whether the digest goes to each member ([digest] to = members). */
int render_to_members(const conf *c);

/* The digest's recipients, for the digest and whatever else goes to the whole group
 * (announcements): with [digest] to = members, FN for each member or coordinator who
 * has not written UNSUBSCRIBE (never one awaiting approval or blocked), in the order
 * they joined; otherwise FN once with [digest] to, or the group's address when that
 * is empty. Returns 0 or the first sysexits code FN (or the database) gave. */
int render_recipients(struct render_ctx *rc, render_recipient_fn fn, void *arg, char *err,
                      size_t errlen);

/* Finds the templates folder: [output] templates when set, else "templates" beside
 * the program's folder (a source tree: bin/../templates), else the installed
 * share/doorstep/templates. Returns a malloc'd path or NULL with ERR set. */
char *render_templates_dir(const conf *c, char *err, size_t errlen);

/* Renders the template file NAME (e.g. "digest.txt") of the templates folder with
 * DATA. A partial {{> x}} is the file "_x.txt" of the same folder. Templates whose
 * name ends in .html are HTML-escaped; all others are plain text (not escaped). Returns malloc'd
 * UTF-8 text (caller frees), or NULL with ERR naming the file, line and column. */
char *render_template(const struct render_ctx *rc, const char *name, const json_t *data,
                      char *err, size_t errlen);

/* With RC->check, render_template reports each name a template uses that its data
 * never provides; this returns how many were reported and forgets them. */
int render_check_problems(void);

/* Sets the count N in the template data OBJ as PREFIX_count, with the booleans
 * PREFIX_one (N is 1) and PREFIX_none (N is 0) beside it, so that a template can say
 * "1 new offer", "2 new offers" and "no new offers" without plural rules of its own:
 *     {{#x_none}}no offers{{/x_none}}{{^x_none}}{{x_count}} offer{{^x_one}}s{{/x_one}}{{/x_none}}
 * With PREFIX "" the names are count, one and none. */
void render_count(json_t *obj, const char *prefix, long long n);

/* How a volunteer is named in public: first name and initial of the last ("Maria L.")
 * when their display name NAME looks like a name (names_public), else the words of the
 * template _someone.txt ("a volunteer"); never the address, a number or a handle.
 * Caller frees; NULL on OOM. */
char *render_display_name(const struct render_ctx *rc, const char *name);

#endif
