/* text.h — UTF-8 text: conversion from any charset, repair, and small helpers the
 * stages share. */
#ifndef DOORSTEP_TEXT_H
#define DOORSTEP_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Converts LEN bytes in CHARSET (NULL or "" means us-ascii, read as UTF-8) to UTF-8.
 * Invalid bytes become U+FFFD, so nothing is silently dropped. An unknown charset is
 * read as windows-1252 and *unknown (if not NULL) set to 1. Returns a malloc'd
 * NUL-terminated string (NULs in the input become U+FFFD too), NULL only on OOM. */
char *text_to_utf8(const char *in, size_t len, const char *charset, int *unknown);

/* Length in bytes of the valid UTF-8 sequence at S (1 to 4), or 0 when invalid; N is
 * the number of bytes available. */
size_t text_utf8_seq(const unsigned char *s, size_t n);

/* Collapses runs of white space to one space and trims both ends, in place. */
void text_squeeze(char *s);
/* text_squeeze, moving the N byte offsets of S in AT (ascending, none on white space)
 * to where their bytes end up. */
void text_squeeze_at(char *s, size_t *at, size_t n);

/* Copies S into OUT (SIZE bytes, truncated) as one line: line breaks and tabs become
 * spaces, white space at both ends is dropped. For answers typed or given as flags. */
void text_copy_line(char *out, size_t size, const char *s);

/* Cuts S (in place) to at most MAX bytes at a UTF-8 character boundary, preferring a
 * word boundary, and adds "…" when it cut. S must have room for 3 more bytes. */
void text_truncate(char *s, size_t max);

/* Case-insensitive (ASCII) search of the whole word WORD in S; WORD may contain spaces
 * and hyphens. Returns a pointer to the match in S, or NULL. */
const char *text_find_word(const char *s, const char *word);
/* The same for a text LOW already in lower case (text_lower_copy) and a WORD in lower
 * case: found by strstr, many bytes at a time, for a text read for many words. */
const char *text_find_word_lower(const char *low, const char *word);

/* ASCII lower case: S in place (NULL-safe, returns S); or the first SIZE - 1 bytes
 * of SRC into DST, NUL-terminated, returning how many were copied. */
char *text_lower(char *s);
size_t text_lower_copy(char *dst, size_t size, const char *src);

/* Case-insensitive (ASCII) search of NEEDLE anywhere in HAY, like strcasestr without
 * glibc's per-call set-up (which dominated the classifier's many short searches). */
const char *text_casestr(const char *hay, const char *needle);

/* Columns the N bytes of UTF-8 at S take in a fixed-width font: one per character, none
 * for combining marks and zero-width characters, two for East Asian wide characters and
 * emoji; a byte that is not UTF-8 counts one. */
size_t text_columns(const char *s, size_t n);

/* Whether a line must not break at the space between the words A (ALEN bytes) and B:
 * both are groups of a number, as in a phone number "0161 496 0000" or "+44 161 496
 * 0000" (digits, "+", "(", ")", "-", and a stop or comma after the last group). */
int text_no_break(const char *a, size_t alen, const char *b, size_t blen);

/* Wraps TEXT (UTF-8, LF line ends) for a plain-text mail part, at most WIDTH columns
 * (text_columns) a line where words allow. Lines break only at ASCII spaces, so a word
 * (a reference code, an address, a URL) is never split; one longer than WIDTH stands
 * alone on its line. A short bracketed group ("(like R-0012)") and a phone number move as
 * one (text_no_break), and a lone dash or stop stays with the word before it. Continuation lines keep the line's
 * indentation, plus two for a "* " item; spaces at a break and at a line's end are
 * dropped, but for the signature separator "-- ". Returns malloc'd text or NULL on OOM. */
char *text_wrap(const char *text, size_t width);

/* Writes S to OUT as one CSV field (RFC 4180): quoted, with its quotes doubled, when
 * it holds a comma, a quote or a line break. */
void text_csv_field(FILE *out, const char *s);

#endif
