/* find.h — the compiled form of FIND, shared by plan.c (which builds and
 * orders it) and exec.c (which runs it).  Private to query/. */
#ifndef ZT_FIND_H
#define ZT_FIND_H

#include "engine.h"

#define ZT_MAX_VARS 64

/* A subject or object: a variable, or the constant ids a name means. */
typedef struct zt_qslot {
	int var;                 /* >= 0: variable index; -1: constant */
	zt_idvec ids;            /* constant: every id it may mean (may be empty) */
	zt_idset set;            /* the same as a set, when there are many */
} zt_qslot;

typedef struct zt_qpat {
	zt_qslot s, o;
	int pvar;                /* variable predicate (?s ?p ?o), else -1 */
	zt_qpath *path;          /* the predicate or path (NULL with pvar) */
	int simple;              /* path is one link: facts can be cited */
	uint64_t vars;           /* mask of the variables it mentions */
	zt_loc loc;
	double est;              /* the planner's estimate where it was placed */
	double const_est;        /* matches with only the constants bound (< 0: not yet known) */
	const char *index;       /* the index it scans first (EXPLAIN) */
	/* A date object variable narrowed by the statement's time clause or
	 * by its group's FILTER comparisons with dates: only dates whose
	 * period ends on or after dlo and starts on or before dhi can pass
	 * (a superset of what the filters keep; they still run), and values
	 * that are not dates cannot.  The dates that can are those starting
	 * within [dlo, dhi] and the month, quarter and year holding dlo:
	 * nidr ranges of ids (zt_date_id_range, by first day), scanned when
	 * the object is free. */
	int has_drange;
	int32_t dlo, dhi;
	zt_id idr[4][2];
	int nidr;
	/* A pattern probed with one bound end again and again, its other
	 * end and predicate constant (?e topic Copyright after ?e is bound):
	 * after enough probes the bound end's matching values are read once
	 * into `members` (exec.c). */
	uint64_t probes;
	int has_members;
	zt_idset members;
} zt_qpat;

typedef enum zt_qval_kind {
	ZT_QV_NONE, ZT_QV_VAR, ZT_QV_NODES, ZT_QV_NUM, ZT_QV_MONEY, ZT_QV_DATE, ZT_QV_TEXT
} zt_qval_kind;

/* A filter operand, resolved. */
typedef struct zt_qval {
	zt_qval_kind kind;
	int var;                 /* VAR */
	zt_idvec ids;            /* NODES (and a quoted text that also names nodes) */
	double num;              /* NUM, MONEY */
	char cur[4];             /* MONEY */
	zt_span span;            /* DATE, and NUM written as a four-digit year */
	int has_span;
	char *text;              /* TEXT: as written */
	char *ntext;             /* TEXT: normalized */
} zt_qval;

typedef struct zt_qexpr {
	zt_aexpr_kind kind;
	zt_cmp_op op;
	zt_qval l, r;
	struct zt_qexpr *a, *b;
	uint64_t vars;
	zt_loc loc;
} zt_qexpr;

typedef enum zt_qop_kind { ZT_QOP_PAT, ZT_QOP_FILTER, ZT_QOP_OPTIONAL } zt_qop_kind;

struct zt_qplan;

typedef struct zt_qop {
	zt_qop_kind kind;
	zt_qpat *pat;
	zt_qexpr *expr;
	struct zt_qplan *sub;    /* OPTIONAL */
	uint64_t actual;         /* rows that came out of this step */
} zt_qop;

typedef struct zt_qplan {
	zt_qop *ops;
	size_t n;
} zt_qplan;

typedef struct zt_qcol {
	int var;                 /* the variable shown or counted; -1 for COUNT(*) */
	int count;               /* 1 for COUNT(...) */
	char *name;              /* column header */
} zt_qcol;

typedef struct zt_qorder {
	size_t col;
	int desc;
} zt_qorder;

typedef struct zt_qfind {
	char *vars[ZT_MAX_VARS];
	size_t nvars;
	zt_qplan plan;
	zt_qcol *cols;
	size_t ncols;
	int aggregate;
	size_t group[ZT_MAX_VARS];   /* grouping: column indices of the plain columns */
	size_t ngroup;
	zt_qorder *order;
	size_t norder;
	unsigned long limit, offset;
} zt_qfind;

/* Compile and order a FIND statement (plan.c). */
zt_status zt_qfind_compile(zt_q *q, const zt_astmt *st, zt_qfind **out);
void zt_qfind_free(zt_qfind *f);

/* Run it, writing rows (explain = 0) or the plan with actual counts
 * (explain = 1) (exec.c). */
zt_status zt_qfind_run(zt_q *q, zt_qfind *f, int explain);

#endif
