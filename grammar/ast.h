/* ast.h — the syntax tree of the zhitu query language (ZQ), and the parser
 * that builds it.
 *
 * The grammar (grammar/lexer.l, grammar/parser.y) turns text into this
 * tree and does nothing else: names are kept as written, literals as their
 * lexemes.  Resolving names against the store, checking literal values
 * (a date that does not exist, an unknown currency), planning and running
 * all happen in query/.
 *
 * Ownership: every node is malloc'd and owned by its parent; a whole parse
 * result is released with zt_ast_script_free.  Strings in nodes are
 * NUL-terminated copies.
 *
 * Locations: lines are 1-based, columns are 1-based and counted in
 * characters (code points), not bytes, so a caret lines up under Chinese
 * text; byte offsets into the parsed text are kept too, for quoting the
 * source line.
 */
#ifndef ZT_AST_H
#define ZT_AST_H

#include <stddef.h>

typedef struct zt_loc {
	int first_line, first_column;   /* the first character */
	int last_line, last_column;     /* the last character (inclusive) */
	size_t first_off, last_off;     /* byte range [first_off, last_off) in the text */
} zt_loc;

/* ---------------------------------------------------------------- terms */

typedef enum zt_aterm_kind {
	ZT_AT_VAR,       /* ?x, ?公司 (text without the '?') */
	ZT_AT_NAME,      /* a bare name: OpenAI, 欧盟委员会, GPT-4o, part_of */
	ZT_AT_QUOTED,    /* "Copilot+ PC", “豆包大模型”, 「欧盟」, 《人工智能法案》 (text without quotes) */
	ZT_AT_INTEGER,   /* 2024, 20 — a count, a number or a year, by position */
	ZT_AT_NUMBER,    /* 2.5e8, 2.5亿, 1B */
	ZT_AT_MONEY,     /* 10亿美元, 1B USD, $350M */
	ZT_AT_DATE,      /* 2024-05, 2024-05-14, 2024-Q2, 2024年5月 */
	ZT_AT_KEYWORD    /* a non-reserved keyword used as a name (TYPES, MAX …) */
} zt_aterm_kind;

typedef struct zt_aterm {
	zt_aterm_kind kind;
	char *text;
	zt_loc loc;
} zt_aterm;

/* ---------------------------------------------------------------- paths */

typedef enum zt_apath_kind {
	ZT_AP_LINK,      /* one predicate (a name) */
	ZT_AP_VAR,       /* a variable predicate: ?e ?p ?o (only as a whole verb) */
	ZT_AP_INV,       /* ^p */
	ZT_AP_SEQ,       /* p/q */
	ZT_AP_ALT,       /* p|q */
	ZT_AP_REPEAT     /* p*, p+, p?, p{m,n} */
} zt_apath_kind;

#define ZT_REPEAT_INF (-1)

typedef struct zt_apath {
	zt_apath_kind kind;
	zt_aterm *pred;                 /* LINK, VAR */
	struct zt_apath *a, *b;         /* INV, REPEAT: a; SEQ, ALT: a then b */
	int min, max;                   /* REPEAT; max ZT_REPEAT_INF for unbounded */
	zt_loc loc;
} zt_apath;

/* ------------------------------------------------------ filter expressions */

typedef enum zt_cmp_op { ZT_OP_EQ, ZT_OP_NE, ZT_OP_LT, ZT_OP_LE, ZT_OP_GT, ZT_OP_GE, ZT_OP_MATCH } zt_cmp_op;

typedef enum zt_aexpr_kind { ZT_AE_CMP, ZT_AE_AND, ZT_AE_OR, ZT_AE_NOT } zt_aexpr_kind;

typedef struct zt_aexpr {
	zt_aexpr_kind kind;
	zt_cmp_op op;                   /* CMP */
	zt_aterm *l, *r;                /* CMP */
	struct zt_aexpr *a, *b;         /* AND, OR: a and b; NOT: a */
	zt_loc loc;
} zt_aexpr;

/* ------------------------------------------------------------- patterns */

typedef enum zt_aitem_kind { ZT_AI_TRIPLE, ZT_AI_OPTIONAL, ZT_AI_FILTER } zt_aitem_kind;

typedef struct zt_aitem {
	zt_aitem_kind kind;
	zt_aterm *s, *o;                /* TRIPLE */
	zt_apath *p;                    /* TRIPLE */
	struct zt_aitem *group;         /* OPTIONAL: the items of the group */
	zt_aexpr *expr;                 /* FILTER */
	zt_loc loc;
	struct zt_aitem *next;
} zt_aitem;

/* ------------------------------------------------------------- clauses */

typedef enum zt_atime_kind { ZT_TM_DURING, ZT_TM_BETWEEN, ZT_TM_BEFORE, ZT_TM_AFTER, ZT_TM_ON } zt_atime_kind;

/* A projected column: a variable, or COUNT(?x) / COUNT(*) with an
 * optional AS name. */
typedef struct zt_aproj {
	zt_aterm *var;                  /* the variable, NULL for COUNT(*) */
	int count;                      /* 1 for COUNT(...) */
	zt_aterm *as;                   /* AS ?n, or NULL */
	zt_loc loc;
	struct zt_aproj *next;
} zt_aproj;

typedef struct zt_aorder {
	zt_aterm *var;
	int desc;
	struct zt_aorder *next;
} zt_aorder;

typedef struct zt_avar {         /* a list of variables (GROUP BY) */
	zt_aterm *var;
	struct zt_avar *next;
} zt_avar;

/* One trailing clause.  The parser accepts them in any order and keeps
 * every occurrence; query/ rejects repeats and clauses that do not apply
 * to a statement (GROUP BY on DESCRIBE). */
typedef enum zt_amod_kind {
	ZT_MOD_TIME, ZT_MOD_ASOF, ZT_MOD_GROUP, ZT_MOD_ORDER, ZT_MOD_LIMIT, ZT_MOD_OFFSET, ZT_MOD_MAX
} zt_amod_kind;

typedef struct zt_amod {
	zt_amod_kind kind;
	zt_atime_kind time;             /* TIME */
	zt_aterm *a, *b;                /* TIME (b for BETWEEN), ASOF, LIMIT, OFFSET, MAX */
	zt_avar *vars;                  /* GROUP */
	zt_aorder *order;               /* ORDER */
	zt_loc loc;
	struct zt_amod *next;
} zt_amod;

/* ----------------------------------------------------------- statements */

typedef enum zt_astmt_kind {
	ZT_ST_FIND, ZT_ST_DESCRIBE, ZT_ST_TIMELINE, ZT_ST_PATH, ZT_ST_SHOW, ZT_ST_EXPLAIN
} zt_astmt_kind;

typedef enum zt_show_what { ZT_SHOW_TYPES, ZT_SHOW_PREDICATES, ZT_SHOW_TOPICS, ZT_SHOW_SOURCES, ZT_SHOW_STATS } zt_show_what;

typedef struct zt_astmt {
	zt_astmt_kind kind;
	/* FIND */
	zt_aproj *proj;                 /* NULL with star = 1 for FIND * */
	int star;
	zt_aitem *where;
	/* DESCRIBE, TIMELINE: a; PATH: a TO b */
	zt_aterm *a, *b;
	zt_show_what show;              /* SHOW */
	struct zt_astmt *inner;         /* EXPLAIN */
	zt_amod *mods;                  /* trailing clauses, in order of appearance */
	zt_loc loc;                     /* the whole statement */
	struct zt_astmt *next;
} zt_astmt;

/* A syntax error: where, and a message without the location prefix,
 * such as "unexpected 'AND', expected a predicate or path". */
typedef struct zt_aerror {
	zt_loc loc;
	int at_end;                     /* found the end of the input (more input could fix it) */
	char msg[320];
} zt_aerror;

#define ZT_PARSE_MAX_ERRORS 8

typedef struct zt_ascript {
	zt_astmt *stmts;                /* the statements, in order; empty ones are skipped */
	size_t nerrors;                 /* syntax errors found (at most ZT_PARSE_MAX_ERRORS kept) */
	zt_aerror errors[ZT_PARSE_MAX_ERRORS];
	int nomem;                      /* ran out of memory while parsing */
} zt_ascript;

/* Parse `len` bytes of UTF-8 text (one or more statements separated by
 * ';').  On return *out holds the statements that parsed and the syntax
 * errors found (the parser recovers at the next ';' or pattern separator
 * and goes on, so several mistakes can be reported at once).  Returns 0
 * when there was no error, 1 when there were syntax errors (*out is
 * still set and must be freed), -1 when out of memory (*out is NULL).
 * The text must be valid UTF-8 (the caller checks). */
int zt_parse(const char *text, size_t len, zt_ascript **out);

/* Release a parse result; NULL is a no-op. */
void zt_ascript_free(zt_ascript *s);

/* Write a compact S-expression of a statement into buf (always
 * NUL-terminated, truncated to cap), for tests and debugging:
 *   (find (?x) (where (?x a Law)) (during 2024)) */
void zt_astmt_dump(const zt_astmt *st, char *buf, size_t cap);

/* --- constructors, used by the parser.  NULL when out of memory; the
 * arguments are adopted only on success (the parser's destructors free
 * them otherwise). --- */
zt_aterm *zt_aterm_new(zt_aterm_kind kind, char *text, zt_loc loc);
zt_apath *zt_apath_new(zt_apath_kind kind, zt_aterm *pred, zt_apath *a, zt_apath *b, int min, int max, zt_loc loc);
zt_aexpr *zt_aexpr_new(zt_aexpr_kind kind, zt_cmp_op op, zt_aterm *l, zt_aterm *r,
                       zt_aexpr *a, zt_aexpr *b, zt_loc loc);
zt_aitem *zt_aitem_new(zt_aitem_kind kind, zt_loc loc);
zt_aproj *zt_aproj_new(zt_aterm *var, int count, zt_aterm *as, zt_loc loc);
zt_aorder *zt_aorder_new(zt_aterm *var, int desc);
zt_avar *zt_avar_new(zt_aterm *var);
zt_amod *zt_amod_new(zt_amod_kind kind, zt_loc loc);
zt_astmt *zt_astmt_new(zt_astmt_kind kind, zt_loc loc);

/* Append to a list (returns the head). */
zt_aitem *zt_aitem_append(zt_aitem *list, zt_aitem *it);
zt_aproj *zt_aproj_append(zt_aproj *list, zt_aproj *p);
zt_aorder *zt_aorder_append(zt_aorder *list, zt_aorder *o);
zt_avar *zt_avar_append(zt_avar *list, zt_avar *v);
zt_amod *zt_amod_append(zt_amod *list, zt_amod *m);

/* Destructors (NULL is a no-op; lists free their whole tail). */
void zt_aterm_free(zt_aterm *t);
void zt_apath_free(zt_apath *p);
void zt_aexpr_free(zt_aexpr *e);
void zt_aitem_free(zt_aitem *it);
void zt_aproj_free(zt_aproj *p);
void zt_aorder_free(zt_aorder *o);
void zt_avar_free(zt_avar *v);
void zt_amod_free(zt_amod *m);
void zt_astmt_free(zt_astmt *st);

/* Human names for error messages and dumps. */
const char *zt_cmp_op_name(zt_cmp_op op);          /* "=", "~" … */
const char *zt_time_kind_name(zt_atime_kind k);    /* "DURING" … */

#endif
