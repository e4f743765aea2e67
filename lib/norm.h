/* norm.h — text normalised for matching (NFKC, one kind of space and dash, no
 * zero-width or control characters, ASCII digits and quotes, bad bytes dropped), with
 * the way back: every byte of the normalised text knows the span of the original that
 * it came from, so that a span found in one is cut whole from the other. */
#ifndef DOORSTEP_NORM_H
#define DOORSTEP_NORM_H

#include <stddef.h>

struct norm {
    char *text;  /* NUL-terminated, LEN bytes */
    size_t len;
    size_t *from; /* LEN + 1 entries: byte I of TEXT came from the original character
                   * at FROM[I] .. TO[I]; FROM[LEN] = TO[LEN] = the original's length */
    size_t *to;
};

/* Whether TEXT needs norm_text to be read as the matchers read it: it has a byte of a
 * non-ASCII character, a control character (other than tab and newline) or DEL. Plain
 * ASCII text reads the same normalised, and is spared the cost. */
int norm_needed(const char *text);

/* Normalises LEN bytes of TEXT (UTF-8; invalid bytes are dropped) into OUT, character
 * by character: NFKC ("０７７" -> "077", "＠" -> "@", "…" -> "..."); every Unicode space
 * is ' ' (line and paragraph separators '\n'); every dash and the minus sign '-'; curly
 * quotes ASCII quotes; decimal digits of any script ASCII digits; zero-width, format,
 * combining and control characters, U+FFFD and bad bytes nothing; any other character
 * that is not a letter or a digit (emoji, symbols) ' '. Letters stay as NFKC gives
 * them. Returns 0, or -1 on OOM (OUT is then empty). */
int norm_text(const char *text, size_t len, struct norm *out);
void norm_free(struct norm *n);

#endif
