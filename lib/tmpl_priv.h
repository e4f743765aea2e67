/* tmpl_priv.h — internal representation of a parsed Mustache template, shared by tmpl*.c only. */
#ifndef TMPL_PRIV_H
#define TMPL_PRIV_H

#include <stddef.h>
#include "tmpl.h"

enum tmpl_node_kind {
    TN_TEXT,     /* literal text: src[off, off+len) */
    TN_VAR,      /* {{name}}: HTML-escaped interpolation */
    TN_RAW,      /* {{{name}}} or {{&name}}: raw interpolation */
    TN_SECTION,  /* {{#name}}: body is nodes (index, end) */
    TN_INVERTED, /* {{^name}}: body is nodes (index, end) */
    TN_PARTIAL,  /* {{>name}}: indentation src[ind_off, ind_off+ind_len) if standalone */
};

struct tmpl_node {
    unsigned char kind;      /* enum tmpl_node_kind */
    int line, col;           /* 1-based position of the tag (approximate for text) */
    size_t off, len;         /* TN_TEXT: slice of src; tags: name at names+off, strlen == len */
    size_t ind_off, ind_len; /* TN_PARTIAL: standalone indentation, a slice of src */
    size_t end;              /* sections: index of the first node after the body */
};

struct tmpl {
    char *name; /* NAME given to tmpl_parse, for messages */
    char *src;  /* private copy of the source, NUL-terminated */
    size_t srclen;
    char *names; /* NUL-separated tag names */
    size_t names_len;
    struct tmpl_node *nodes;
    size_t nnodes;
    size_t max_depth; /* deepest section nesting */
};

#endif
