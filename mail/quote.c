/* quote.c — the new words of a message: quoted replies, forwarded and quoted digests
 * and signatures cut away. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "quote.h"

struct line {
    const char *s;
    size_t len; /* without the newline and trailing white space */
};

static struct line
line_at(const char *p, const char **next)
{
    const char *eol = strchr(p, '\n');
    struct line l = {p, eol ? (size_t)(eol - p) : strlen(p)};

    *next = eol ? eol + 1 : p + l.len;
    while (l.len > 0 && isspace((unsigned char)l.s[l.len - 1]))
        l.len--;
    return l;
}

static const char *
skip_blank(const char *s, size_t len, size_t *left)
{
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    *left = len;
    return s;
}

/* The first characters are compared before strncasecmp is called: these run on
 * every line of every message, and most lines differ at once. */
static inline int
same_char(char a, char b)
{
    /* ASCII letters in either case; other pairs may pass ('@' and '`'): strncasecmp
     * decides */
    return ((unsigned char)a | 0x20) == ((unsigned char)b | 0x20);
}

static inline int
starts_n(const struct line *l, const char *word, size_t n)
{
    return l->len >= n && same_char(l->s[0], word[0]) && strncasecmp(l->s, word, n) == 0;
}

static inline int
ends_n(const struct line *l, const char *word, size_t n)
{
    return l->len >= n && same_char(l->s[l->len - n], word[0]) &&
           strncasecmp(l->s + l->len - n, word, n) == 0;
}

static int
has_n(const struct line *l, const char *word, size_t n)
{
    for (size_t i = 0; i + n <= l->len; i++)
        if (same_char(l->s[i], word[0]) && strncasecmp(l->s + i, word, n) == 0)
            return 1;
    return 0;
}

/* the length of a literal is known where it is written */
#define starts(l, w) starts_n((l), (w), strlen(w))
#define ends(l, w) ends_n((l), (w), strlen(w))
#define has(l, w) has_n((l), (w), strlen(w))

/* A table's strings with their lengths, measured by the compiler: the tables are
 * tried on every line of every message. */
struct lit {
    const char *s;
    size_t n;
};
#define LIT(w) {(w), sizeof(w) - 1}

static int
is_quoted(const struct line *l)
{
    size_t left;
    const char *s = skip_blank(l->s, l->len, &left);
    return left > 0 && *s == '>' && s - l->s <= 3;
}

/* "... wrote:" in the languages members are likely to have set their mail app to */
static int
ends_attribution(const struct line *l)
{
    static const struct lit tails[] = {
        LIT("wrote:"),   LIT("wrote :"),     LIT("a écrit :"), LIT("a écrit:"),
        LIT("schrieb:"), LIT("escribió:"),   LIT("ha scritto:"), LIT("schreef:"),
        LIT("napisał(a):"), LIT("skrev:"), LIT("wrote"),
    };
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
        if (ends_n(l, tails[i].s, tails[i].n))
            return 1;
    return 0;
}

/* An attribution line ("On Tue, 24 Nov 2026 at 09:12, Priya <p@example.org> wrote:"),
 * which a mail app may fold over two lines. Returns how many lines it takes, or 0. */
static int
attribution(const struct line *l, const struct line *next)
{
    if (l->len > 400)
        return 0;
    if ((starts(l, "On ") || starts(l, "Le ") || starts(l, "Am ") || starts(l, "El ")) &&
        has(l, "wrote:"))
        return 1;
    if (ends_attribution(l) && (ends(l, ":") || starts(l, "On ")))
        return 1;
    if ((starts(l, "On ") || starts(l, "Le ") || starts(l, "Am ") || starts(l, "El ")) && next &&
        next->len < 200 && ends_attribution(next) && ends(next, ":"))
        return 2;
    return 0;
}

/* The first line of a quoted message in Outlook's style, or of a forward. */
static int
outlook_block(const struct line *l, const char *rest)
{
    size_t n = 0;

    if (l->len >= 10 && l->s[0] == '-' && (has(l, "original message") || has(l, "forwarded message") ||
                                           has(l, "original-nachricht") || has(l, "message d'origine")))
        return 1;
    if (starts(l, "Begin forwarded message") || starts(l, "-----Original"))
        return 1;
    /* a line of underscores that Outlook puts above the old message's headers */
    while (n < l->len && l->s[n] == '_')
        n++;
    if (n >= 10 && n == l->len)
        return 1;
    if (!(starts(l, "From:") || starts(l, "*From:*") || starts(l, "From: ") || starts(l, "De :") ||
          starts(l, "Von:") || starts(l, "De:")))
        return 0;
    /* a From: line followed by Sent:, Date:, To: or Subject: within four lines */
    for (int i = 0; i < 4 && *rest; i++) {
        const char *after;
        struct line x = line_at(rest, &after);
        if (starts(&x, "Sent:") || starts(&x, "*Sent:*") || starts(&x, "Date:") ||
            starts(&x, "To:") || starts(&x, "*To:*") || starts(&x, "Subject:") ||
            starts(&x, "Envoyé :") || starts(&x, "Gesendet:") || starts(&x, "Enviado:"))
            return 1;
        rest = after;
    }
    return 0;
}

/* The headline of a doorstep digest ("New: 3 requests, 2 offers.") or one of its
 * underlined headings: a member replying above the whole digest. */
static int
digest_start(const struct line *l, const char *rest)
{
    static const struct lit heads[] = {LIT("NEW REQUESTS"), LIT("NEW OFFERS"), LIT("STILL OPEN"),
                                       LIT("DONE, WITH THANKS"), LIT("ROTA")};
    const char *after;

    if (starts(l, "New: ") && has(l, " requests") && has(l, " offers"))
        return 1;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (l->len == heads[i].n && strncmp(l->s, heads[i].s, l->len) == 0) {
            struct line u = line_at(rest, &after);
            if (u.len >= 3 && u.s[0] == '=' && u.s[1] == '=')
                return 1;
        }
    return 0;
}

static int
signature(const struct line *l)
{
    static const struct lit apps[] = {
        LIT("Sent from my "),      LIT("Sent from Mail for"), LIT("Sent from Outlook"),
        LIT("Sent from Yahoo"),    LIT("Sent from Samsung"),  LIT("Sent from the "),
        LIT("Sent from AOL"),      LIT("Sent via "),          LIT("Sent using "),
        LIT("Sent with "),         LIT("Get Outlook for"),    LIT("Envoyé de mon"),
        LIT("Von meinem"),         LIT("Enviado desde mi"),   LIT("Inviato da"),
        LIT("Sent from Gmail"),    LIT("Sent from iCloud"),   LIT("Sent from BlueMail"),
        LIT("Sent from ProtonMail"), LIT("Sent from Proton Mail"),
    };

    /* "-- " (the trailing space is gone: lines are trimmed) */
    if (l->len == 2 && strncmp(l->s, "--", 2) == 0)
        return 1;
    if (l->len > 80)
        return 0;
    for (size_t i = 0; i < sizeof apps / sizeof apps[0]; i++)
        if (starts_n(l, apps[i].s, apps[i].n))
            return 2; /* a mail app's line: nothing of the sender's after it */
    return 0;
}

/* Whether L starts a forwarded message: "---------- Forwarded message ---------",
 * "Begin forwarded message:", Outlook's "-----Original Message-----" in a forward. */
static int
forward_start(const struct line *l)
{
    return (l->len >= 10 && l->s[0] == '-' &&
            (has(l, "forwarded message") || has(l, "original message"))) ||
           starts(l, "Begin forwarded message");
}

/* Drops the blank lines around the LEN bytes at S (with room for a NUL after them); the
 * indent of the first line stays. */
static void
tidy(char *s, size_t len)
{
    size_t lead = 0;

    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    s[len] = '\0';
    while (lead < len && (s[lead] == '\n' || s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    while (lead > 0 && s[lead - 1] != '\n')
        lead--;
    if (lead)
        memmove(s, s + lead, len - lead + 1);
}

/* The text with quotes cut; with KEEP_SIG the signature stays (it often names the
 * sender's street), but a mail app's "Sent from my ..." line never does. With FWD a
 * forwarded message is kept, without its header lines. With KEEP_SIG and NOSIG, also
 * the text without the signature into *NOSIG (NULL when there is none: the same text),
 * from the same reading. */
static char *
strip(const char *text, int keep_sig, int fwd, char **nosig)
{
    struct buf b = {0};
    const char *p = text, *next;
    size_t last_line = 0; /* where the last non-blank line kept starts in B */
    size_t sig_at = 0;    /* B's length at the first signature line, plus one */

    buf_add(&b, "", 0);
    while (*p) {
        struct line l = line_at(p, &next), nl;
        const char *after_next;
        int att;

        nl = line_at(next, &after_next);
        if (fwd && forward_start(&l)) {
            /* skip the marker and the forwarded headers up to the first blank line */
            p = next;
            while (*p) {
                struct line h = line_at(p, &next);
                if (h.len == 0 || !(starts(&h, "From:") || starts(&h, "Date:") ||
                                    starts(&h, "Subject:") || starts(&h, "To:") ||
                                    starts(&h, "Sent:") || starts(&h, "Cc:") ||
                                    starts(&h, "Reply-To:")))
                    break;
                p = next;
            }
            continue;
        }
        if (is_quoted(&l)) {
            p = next;
            continue;
        }
        if ((att = attribution(&l, *next ? &nl : NULL)) > 0) {
            /* quoted text follows (bottom-posting goes on after it), or the old
             * message follows unquoted (converted HTML): then nothing new is left */
            const char *q = att == 2 ? after_next : next;
            struct line x;
            while (*q && (x = line_at(q, &after_next)).len == 0)
                q = after_next;
            if (!*q || !is_quoted(&x))
                break;
            p = q;
            continue;
        }
        if (outlook_block(&l, next))
            break;
        if (digest_start(&l, next)) {
            /* the line above the headline is the digest's title: "Group: Wednesday..." */
            if (b.len > 0 && last_line < b.len && memchr(b.data + last_line, ':', b.len - last_line))
                b.len = last_line;
            break;
        }
        if (signature(&l) > 0) {
            if (!keep_sig)
                break;
            if (!sig_at)
                sig_at = b.len + 1;
            p = next; /* the delimiter or the app's line goes, the signature stays */
            continue;
        }
        if (l.len > 0)
            last_line = b.len;
        buf_add(&b, l.s, l.len);
        buf_addc(&b, '\n');
        p = next;
    }
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    /* Without the signature: what B held at its first line. Only appended to since
     * then, or cut shorter at the end (a digest's title), never written over. */
    if (nosig && sig_at) {
        if (!(*nosig = malloc(sig_at))) {
            buf_free(&b);
            return NULL;
        }
        memcpy(*nosig, b.data, sig_at - 1);
        tidy(*nosig, sig_at - 1);
    }
    tidy(b.data, b.len);
    return buf_take(&b);
}

char *
quote_new_text(const char *text)
{
    return strip(text, 0, 0, NULL);
}

char *
quote_own_text(const char *text)
{
    return strip(text, 1, 0, NULL);
}

int
quote_texts(const char *text, char **newtext, char **owntext)
{
    char *nosig = NULL;

    *newtext = NULL;
    if (!(*owntext = strip(text, 1, 0, &nosig)))
        return -1;
    *newtext = nosig ? nosig : strdup(*owntext);
    return *newtext ? 0 : -1;
}

char *
quote_forwarded_text(const char *text)
{
    return strip(text, 1, 1, NULL);
}
