/* tmpl.h — Mustache templates (spec v1.4 core, no lambdas) rendered against jansson data. */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>
#include <jansson.h>

typedef struct tmpl tmpl;

/* Maximum nesting of sections and inverted sections within one template (deeper is a parse
   error; keeps name lookup cost and render state bounded). */
#define TMPL_MAX_NESTING 100
/* Maximum nesting of partial inclusions during one render (deeper is a render error). */
#define TMPL_MAX_PARTIAL_DEPTH 64
/* Maximum template nodes executed by one render (more is a render error): stops the exponential
   blow-up of nested sections over lists; a large digest needs well under a million. */
#define TMPL_MAX_STEPS 10000000UL

/* Returns the source text (NUL-terminated) of partial NAME, or NULL if there is none (the partial
   then renders as empty). The text is owned by the callee and must stay valid and unchanged until
   the tmpl_render() call that asked for it returns; it is asked for at most once per name and
   render. */
typedef const char *(*tmpl_partial_fn)(const char *name, void *ud);

/* Parses SRC (LEN bytes, UTF-8; LEN is authoritative, NULs are text) into a template the caller
   frees with tmpl_free(); SRC is copied. On error returns NULL and writes "NAME:LINE:COL: message"
   into ERR (ERRLEN bytes; may be NULL; COL counts UTF-8 characters): unclosed tag or section,
   mismatched or unopened close tag, bad set-delimiter tag, empty or whitespace-containing tag
   name, sections nested deeper than TMPL_MAX_NESTING, out of memory. */
tmpl *tmpl_parse(const char *src, size_t len, const char *name, char *err, size_t errlen);

/* Renders T against DATA (borrowed; NULL = empty context; PARTIALS may be NULL = none). Returns a
   malloc'd string the caller frees, or NULL with ERR filled when a partial fails to parse
   ("PARTIAL:LINE:COL: msg (partial included from NAME:LINE)"), partials nest deeper than
   TMPL_MAX_PARTIAL_DEPTH, more than TMPL_MAX_STEPS nodes run, or memory runs out. Missing names
   render empty; sections treat missing, null, false, [] and "" as falsey (0 is truthy). */
char *tmpl_render(const tmpl *t, const json_t *data, tmpl_partial_fn partials, void *ud, char *err,
                  size_t errlen);

/* As tmpl_render, for plain-text output (mail bodies, PDF wording): nothing is
   HTML-escaped, so {{x}} and {{{x}}} render alike. */
char *tmpl_render_text(const tmpl *t, const json_t *data, tmpl_partial_fn partials, void *ud,
                       char *err, size_t errlen);

/* Frees T and everything it owns; NULL is a no-op. */
void tmpl_free(tmpl *t);

typedef enum { TMPL_VAR, TMPL_SECTION, TMPL_INVERTED, TMPL_PARTIAL } tmpl_tag_kind;

/* Called once per tag: KIND, NAME (as written, e.g. "a.b" or "."), SECTIONS = names of the
   enclosing non-inverted sections from outermost to innermost (the context path NAME resolves
   against), and the tag's 1-based LINE. Pointers are valid only during the call. */
typedef void (*tmpl_name_fn)(tmpl_tag_kind kind, const char *name, const char *const *sections,
                             size_t nsections, int line, void *ud);

/* Calls FN for every variable, section, inverted section and partial tag of T in source order
   (comments and set-delimiter tags are skipped; partials are not followed). Allocates one small
   array; if that fails, FN is not called at all. */
void tmpl_names(const tmpl *t, tmpl_name_fn fn, void *ud);

/* Reads the file at PATH and parses it with NAME = PATH. Errors as tmpl_parse(), or
   "PATH: strerror" when the file cannot be read. Caller frees the result with tmpl_free(). */
tmpl *tmpl_load(const char *path, char *err, size_t errlen);

#endif
