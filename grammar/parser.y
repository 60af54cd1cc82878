/* parser.y — the grammar of the zhitu query language (ZQ).
 *
 * Builds the syntax tree of grammar/ast.h and nothing else: no store
 * access, no name resolution, no value checks.  Syntax errors are
 * collected with their location and a message "unexpected 'X', expected
 * Y"; the parser recovers at the next pattern separator or ';' so that
 * several mistakes are reported at once.
 */
%define api.pure full
%define api.prefix {zt_yy}
%define api.location.type {zt_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct zt_parse_ctx *ctx}

%code requires {
#include "grammar/ast.h"
#ifndef ZT_YYSCAN_T
#define ZT_YYSCAN_T
typedef void *yyscan_t;
#endif
struct zt_parse_ctx;
}

%code provides {
/* A location is the first and last token's span, and the byte range. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) \
	do { \
		if (N) { \
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line; \
			(Cur).first_column = YYRHSLOC(Rhs, 1).first_column; \
			(Cur).first_off = YYRHSLOC(Rhs, 1).first_off; \
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line; \
			(Cur).last_column = YYRHSLOC(Rhs, N).last_column; \
			(Cur).last_off = YYRHSLOC(Rhs, N).last_off; \
		} else { \
			(Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line; \
			(Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
			(Cur).first_off = (Cur).last_off = YYRHSLOC(Rhs, 0).last_off; \
		} \
	} while (0)
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/lexstate.h"
#include "lexer.h"

/* Deep nesting — ((((…)))) — is refused long before it could exhaust
 * the C stack of the code that walks the tree. */
#define YYMAXDEPTH 2000
#define YYINITDEPTH 200

struct zt_parse_ctx {
	const char *text;
	size_t len;
	zt_ascript *script;
	zt_astmt *tail;
	struct zt_lexextra *lex;
	int nomem;
};

static void add_stmt(struct zt_parse_ctx *ctx, zt_astmt *st)
{
	if (!st)
		return;
	if (ctx->tail)
		ctx->tail->next = st;
	else
		ctx->script->stmts = st;
	ctx->tail = st;
}

static void add_error(struct zt_parse_ctx *ctx, const zt_loc *loc, int at_end, const char *msg)
{
	zt_ascript *s = ctx->script;
	if (s->nerrors < ZT_PARSE_MAX_ERRORS) {
		zt_aerror *e = &s->errors[s->nerrors];
		e->loc = *loc;
		e->at_end = at_end;
		snprintf(e->msg, sizeof e->msg, "%s", msg);
	}
	s->nerrors++;
}

static void zt_yyerror(const zt_loc *loc, yyscan_t scanner, struct zt_parse_ctx *ctx, const char *msg)
{
	(void)scanner;
	/* Only reached for bison's own "memory exhausted": the stack limit. */
	if (strstr(msg, "exhausted"))
		add_error(ctx, loc, 0, "the query is nested too deeply");
	else
		add_error(ctx, loc, 0, msg);
}

/* A repetition bound as written; absurd values become INT_MAX and are
 * refused by query/ with a message. */
static int bound(const char *s)
{
	long v = 0;
	for (; *s; s++) {
		v = v * 10 + (*s - '0');
		if (v > 1000000)
			return 1000001;
	}
	return (int)v;
}

#define NEW(x) do { if (!(x)) { ctx->nomem = 1; YYNOMEM; } } while (0)
#define TERM(dst, kind, text, loc) NEW((dst) = zt_aterm_new((kind), (text), (loc)))
}

%union {
	char *str;
	zt_aterm *term;
	zt_apath *path;
	zt_aitem *item;
	zt_aexpr *expr;
	zt_aproj *proj;
	zt_amod *mod;
	zt_aorder *order;
	zt_avar *avar;
	zt_astmt *stmt;
	int op;
}

%token <str> NAME "name" QUOTED "quoted name" VAR "variable"
%token <str> INTEGER "number" NUMBER "decimal number" MONEY "amount of money" DATE "date"
%token <str> ASC "ASC" DESC "DESC" TO "TO" MAX "MAX"
%token <str> TYPES "TYPES" PREDICATES "PREDICATES" TOPICS "TOPICS" SOURCES "SOURCES" STATS "STATS"
%token FIND "FIND" WHERE "WHERE" AND "AND" OR "OR" NOT "NOT" OPTIONAL "OPTIONAL" FILTER "FILTER"
%token DURING "DURING" BETWEEN "BETWEEN" BEFORE "BEFORE" AFTER "AFTER" ON "ON" AS "AS" OF "OF"
%token COUNT "COUNT" GROUP "GROUP" ORDER "ORDER" BY "BY" LIMIT "LIMIT" OFFSET "OFFSET"
%token DESCRIBE "DESCRIBE" TIMELINE "TIMELINE" PATH "PATH" SHOW "SHOW" EXPLAIN "EXPLAIN"
%token TOK_NE "!=" TOK_LE "<=" TOK_GE ">="
%token TOK_BADCHAR "character" TOK_UNTERMINATED "unterminated quoted name" TOK_NOMEM "out of memory"

%type <term> term var name softkw literal date integer
%type <path> verb path path_seq path_unary path_inv path_prim
%type <item> items item triple optional_item filter_item
%type <expr> fexpr fand fnot fprim cmp
%type <proj> proj projitem countitem
%type <mod> mods mod
%type <order> orderkeys orderkey
%type <avar> varlist
%type <stmt> stmt find
%type <op> cmpop

%destructor { free($$); } <str>
%destructor { zt_aterm_free($$); } <term>
%destructor { zt_apath_free($$); } <path>
%destructor { zt_aitem_free($$); } <item>
%destructor { zt_aexpr_free($$); } <expr>
%destructor { zt_aproj_free($$); } <proj>
%destructor { zt_amod_free($$); } <mod>
%destructor { zt_aorder_free($$); } <order>
%destructor { zt_avar_free($$); } <avar>
%destructor { zt_astmt_free($$); } <stmt>

%%

/* After a separator has been read the parser is back on firm ground: the
 * next mistake is reported even if it comes within three tokens. */
script
	: stmt_opt
	| script ';' { yyerrok; } stmt_opt
	;

stmt_opt
	: %empty
	| stmt              { add_stmt(ctx, $1); }
	| error
	;

stmt
	: find
	| DESCRIBE term mods
		{ NEW($$ = zt_astmt_new(ZT_ST_DESCRIBE, @$)); $$->a = $2; $$->mods = $3; }
	| TIMELINE term mods
		{ NEW($$ = zt_astmt_new(ZT_ST_TIMELINE, @$)); $$->a = $2; $$->mods = $3; }
	| PATH term TO term mods
		{ NEW($$ = zt_astmt_new(ZT_ST_PATH, @$)); free($3); $$->a = $2; $$->b = $4; $$->mods = $5; }
	| SHOW TYPES        { NEW($$ = zt_astmt_new(ZT_ST_SHOW, @$)); free($2); $$->show = ZT_SHOW_TYPES; }
	| SHOW PREDICATES   { NEW($$ = zt_astmt_new(ZT_ST_SHOW, @$)); free($2); $$->show = ZT_SHOW_PREDICATES; }
	| SHOW TOPICS       { NEW($$ = zt_astmt_new(ZT_ST_SHOW, @$)); free($2); $$->show = ZT_SHOW_TOPICS; }
	| SHOW SOURCES      { NEW($$ = zt_astmt_new(ZT_ST_SHOW, @$)); free($2); $$->show = ZT_SHOW_SOURCES; }
	| SHOW STATS        { NEW($$ = zt_astmt_new(ZT_ST_SHOW, @$)); free($2); $$->show = ZT_SHOW_STATS; }
	| EXPLAIN find
		{ NEW($$ = zt_astmt_new(ZT_ST_EXPLAIN, @$)); $$->inner = $2; }
	;

find
	: FIND proj WHERE items mods
		{ NEW($$ = zt_astmt_new(ZT_ST_FIND, @$)); $$->proj = $2; $$->where = $4; $$->mods = $5; }
	| FIND '*' WHERE items mods
		{ NEW($$ = zt_astmt_new(ZT_ST_FIND, @$)); $$->star = 1; $$->where = $4; $$->mods = $5; }
	;

proj
	: projitem
	| proj projitem         { $$ = zt_aproj_append($1, $2); }
	| proj ',' projitem     { $$ = zt_aproj_append($1, $3); }
	;

projitem
	: var                   { NEW($$ = zt_aproj_new($1, 0, NULL, @$)); }
	| countitem
	| countitem AS var      { $$ = $1; $$->as = $3; $$->loc = @$; }
	;

countitem
	: COUNT '(' var ')'     { NEW($$ = zt_aproj_new($3, 1, NULL, @$)); }
	| COUNT '(' '*' ')'     { NEW($$ = zt_aproj_new(NULL, 1, NULL, @$)); }
	;

items
	: item
	| items AND { yyerrok; } item      { $$ = zt_aitem_append($1, $4); }
	| items ',' { yyerrok; } item      { $$ = zt_aitem_append($1, $4); }
	| items optional_item       { $$ = zt_aitem_append($1, $2); }
	| items filter_item         { $$ = zt_aitem_append($1, $2); }
	;

item
	: triple
	| optional_item
	| filter_item
	| error                     { $$ = NULL; }
	;

triple
	: term verb term
		{ NEW($$ = zt_aitem_new(ZT_AI_TRIPLE, @$)); $$->s = $1; $$->p = $2; $$->o = $3; }
	;

optional_item
	: OPTIONAL triple
		{ NEW($$ = zt_aitem_new(ZT_AI_OPTIONAL, @$)); $$->group = $2; }
	| OPTIONAL '{' items '}'
		{ NEW($$ = zt_aitem_new(ZT_AI_OPTIONAL, @$)); $$->group = $3; }
	;

filter_item
	: FILTER fnot
		{ NEW($$ = zt_aitem_new(ZT_AI_FILTER, @$)); $$->expr = $2; }
	;

fexpr
	: fand
	| fexpr OR fand     { NEW($$ = zt_aexpr_new(ZT_AE_OR, 0, NULL, NULL, $1, $3, @$)); }
	;

fand
	: fnot
	| fand AND fnot     { NEW($$ = zt_aexpr_new(ZT_AE_AND, 0, NULL, NULL, $1, $3, @$)); }
	;

fnot
	: fprim
	| NOT fnot          { NEW($$ = zt_aexpr_new(ZT_AE_NOT, 0, NULL, NULL, $2, NULL, @$)); }
	;

fprim
	: cmp
	| '(' fexpr ')'     { $$ = $2; }
	;

cmp
	: term cmpop term   { NEW($$ = zt_aexpr_new(ZT_AE_CMP, (zt_cmp_op)$2, $1, $3, NULL, NULL, @$)); }
	;

cmpop
	: '='       { $$ = ZT_OP_EQ; }
	| TOK_NE    { $$ = ZT_OP_NE; }
	| '<'       { $$ = ZT_OP_LT; }
	| TOK_LE    { $$ = ZT_OP_LE; }
	| '>'       { $$ = ZT_OP_GT; }
	| TOK_GE    { $$ = ZT_OP_GE; }
	| '~'       { $$ = ZT_OP_MATCH; }
	;

verb
	: var       { NEW($$ = zt_apath_new(ZT_AP_VAR, $1, NULL, NULL, 0, 0, @$)); }
	| path
	;

path
	: path_seq
	| path '|' path_seq         { NEW($$ = zt_apath_new(ZT_AP_ALT, NULL, $1, $3, 0, 0, @$)); }
	;

path_seq
	: path_unary
	| path_seq '/' path_unary   { NEW($$ = zt_apath_new(ZT_AP_SEQ, NULL, $1, $3, 0, 0, @$)); }
	;

path_unary
	: path_inv
	| path_unary '*'            { NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, 0, ZT_REPEAT_INF, @$)); }
	| path_unary '+'            { NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, 1, ZT_REPEAT_INF, @$)); }
	| path_unary '?'            { NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, 0, 1, @$)); }
	| path_unary '{' INTEGER '}'
		{ NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, bound($3), bound($3), @$)); free($3); }
	| path_unary '{' INTEGER ',' INTEGER '}'
		{ NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, bound($3), bound($5), @$)); free($3); free($5); }
	| path_unary '{' INTEGER ',' '}'
		{ NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, bound($3), ZT_REPEAT_INF, @$)); free($3); }
	| path_unary '{' ',' INTEGER '}'
		{ NEW($$ = zt_apath_new(ZT_AP_REPEAT, NULL, $1, NULL, 0, bound($4), @$)); free($4); }
	;

path_inv
	: path_prim
	| '^' path_inv              { NEW($$ = zt_apath_new(ZT_AP_INV, NULL, $2, NULL, 0, 0, @$)); }
	;

path_prim
	: name                      { NEW($$ = zt_apath_new(ZT_AP_LINK, $1, NULL, NULL, 0, 0, @$)); }
	| '(' path ')'              { $$ = $2; }
	;

term
	: var
	| name
	| literal
	;

var
	: VAR           { TERM($$, ZT_AT_VAR, $1, @$); }
	;

name
	: NAME          { TERM($$, ZT_AT_NAME, $1, @$); }
	| QUOTED        { TERM($$, ZT_AT_QUOTED, $1, @$); }
	| softkw
	;

/* Words that are keywords only in one place may still be used as names. */
softkw
	: ASC           { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| DESC          { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| TO            { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| MAX           { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| TYPES         { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| PREDICATES    { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| TOPICS        { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| SOURCES       { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	| STATS         { TERM($$, ZT_AT_KEYWORD, $1, @$); }
	;

literal
	: INTEGER       { TERM($$, ZT_AT_INTEGER, $1, @$); }
	| NUMBER        { TERM($$, ZT_AT_NUMBER, $1, @$); }
	| MONEY         { TERM($$, ZT_AT_MONEY, $1, @$); }
	| DATE          { TERM($$, ZT_AT_DATE, $1, @$); }
	;

date
	: DATE          { TERM($$, ZT_AT_DATE, $1, @$); }
	| INTEGER       { TERM($$, ZT_AT_DATE, $1, @$); }
	;

integer
	: INTEGER       { TERM($$, ZT_AT_INTEGER, $1, @$); }
	;

mods
	: %empty                { $$ = NULL; }
	| mods mod              { $$ = zt_amod_append($1, $2); }
	;

mod
	: DURING date           { NEW($$ = zt_amod_new(ZT_MOD_TIME, @$)); $$->time = ZT_TM_DURING; $$->a = $2; }
	| BETWEEN date AND date { NEW($$ = zt_amod_new(ZT_MOD_TIME, @$)); $$->time = ZT_TM_BETWEEN; $$->a = $2; $$->b = $4; }
	| BEFORE date           { NEW($$ = zt_amod_new(ZT_MOD_TIME, @$)); $$->time = ZT_TM_BEFORE; $$->a = $2; }
	| AFTER date            { NEW($$ = zt_amod_new(ZT_MOD_TIME, @$)); $$->time = ZT_TM_AFTER; $$->a = $2; }
	| ON date               { NEW($$ = zt_amod_new(ZT_MOD_TIME, @$)); $$->time = ZT_TM_ON; $$->a = $2; }
	| AS OF date            { NEW($$ = zt_amod_new(ZT_MOD_ASOF, @$)); $$->a = $3; }
	| GROUP BY varlist      { NEW($$ = zt_amod_new(ZT_MOD_GROUP, @$)); $$->vars = $3; }
	| ORDER BY orderkeys    { NEW($$ = zt_amod_new(ZT_MOD_ORDER, @$)); $$->order = $3; }
	| LIMIT integer         { NEW($$ = zt_amod_new(ZT_MOD_LIMIT, @$)); $$->a = $2; }
	| OFFSET integer        { NEW($$ = zt_amod_new(ZT_MOD_OFFSET, @$)); $$->a = $2; }
	| MAX integer           { NEW($$ = zt_amod_new(ZT_MOD_MAX, @$)); free($1); $$->a = $2; }
	;

varlist
	: var                   { NEW($$ = zt_avar_new($1)); }
	| varlist var           { zt_avar *v; NEW(v = zt_avar_new($2)); $$ = zt_avar_append($1, v); }
	| varlist ',' var       { zt_avar *v; NEW(v = zt_avar_new($3)); $$ = zt_avar_append($1, v); }
	;

orderkeys
	: orderkey
	| orderkeys orderkey        { $$ = zt_aorder_append($1, $2); }
	| orderkeys ',' orderkey    { $$ = zt_aorder_append($1, $3); }
	;

orderkey
	: var                   { NEW($$ = zt_aorder_new($1, 0)); }
	| var ASC               { NEW($$ = zt_aorder_new($1, 0)); free($2); }
	| var DESC              { NEW($$ = zt_aorder_new($1, 1)); free($2); }
	;

%%

/* ------------------------------------------------------ error messages */

/* How a token is named in "expected …". */
static const char *token_phrase(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_YYEOF: return "end of input";
	case YYSYMBOL_NAME: return "a name";
	case YYSYMBOL_QUOTED: return "a quoted name";
	case YYSYMBOL_VAR: return "a variable";
	case YYSYMBOL_INTEGER: return "a number";
	case YYSYMBOL_DATE: return "a date";
	default: break;
	}
	return NULL;
}

/* Turn the set of acceptable tokens into a phrase a user understands:
 * the positions of the language rather than a list of twenty tokens. */
static void expected_phrase(const yysymbol_kind_t *exp, int n, char *out, size_t cap)
{
	int has[YYNTOKENS] = { 0 };
	for (int i = 0; i < n; i++)
		if (exp[i] >= 0 && exp[i] < YYNTOKENS)
			has[exp[i]] = 1;
	/* character tokens have no stable symbol names: find them by spelling */
	int caret = 0, eq = 0, tilde = 0, pipe = 0, rparen = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = yysymbol_name(exp[i]);
		caret |= strcmp(nm, "'^'") == 0;
		pipe |= strcmp(nm, "'|'") == 0;
		rparen |= strcmp(nm, "')'") == 0;
		eq |= strcmp(nm, "'='") == 0;
		tilde |= strcmp(nm, "'~'") == 0;
	}
	out[0] = '\0';
	if (has[YYSYMBOL_FIND] && has[YYSYMBOL_DESCRIBE]) {
		snprintf(out, cap, "a statement (FIND, DESCRIBE, TIMELINE, PATH, SHOW or EXPLAIN)");
	} else if (caret) {
		snprintf(out, cap, "a predicate or path");
	} else if (has[YYSYMBOL_NAME] && has[YYSYMBOL_VAR] && has[YYSYMBOL_NUMBER]) {
		snprintf(out, cap, "a variable, name or value");
	} else if (has[YYSYMBOL_NAME] && has[YYSYMBOL_VAR]) {
		snprintf(out, cap, "a variable or name");
	} else if (has[YYSYMBOL_DATE] && has[YYSYMBOL_INTEGER] && !has[YYSYMBOL_NAME]) {
		snprintf(out, cap, "a date");
	} else if (has[YYSYMBOL_DURING] && has[YYSYMBOL_LIMIT]) {
		snprintf(out, cap, "%s%sa clause (DURING, AS OF, ORDER BY, LIMIT …)%s",
		         has[YYSYMBOL_AND] ? "AND, ',', " : "",
		         has[YYSYMBOL_OPTIONAL] ? "OPTIONAL, FILTER, " : "",
		         has[YYSYMBOL_YYEOF] ? " or the end of the statement" : "");
	} else if (pipe && rparen) {
		snprintf(out, cap, "')' or a path operator (/, |, *, +, ?, {m,n})");
	} else if (eq && tilde) {
		snprintf(out, cap, "a comparison (=, !=, <, <=, >, >=, ~)");
	} else {
		size_t len = 0;
		int shown = 0;
		for (int i = 0; i < n && len + 1 < cap; i++) {
			const char *ph = token_phrase(exp[i]);
			char quoted[64];
			if (!ph) {
				snprintf(quoted, sizeof quoted, "%s", yysymbol_name(exp[i]));
				/* bison quotes character tokens as "'x'"; keywords as "\"FIND\"" */
				if (quoted[0] == '"') {
					size_t ql = strlen(quoted);
					memmove(quoted, quoted + 1, ql);
					if (ql >= 2)
						quoted[ql - 2] = '\0';
				}
				ph = quoted;
			}
			const char *sep = shown == 0 ? "" : (i == n - 1 || shown == 4) ? " or " : ", ";
			int w = snprintf(out + len, cap - len, "%s%s", sep, ph);
			if (w < 0)
				break;
			len += (size_t)w;
			if (len >= cap)
				len = cap - 1;
			if (++shown == 5)
				break;
		}
	}
}

/* The token as it appears in the text, for "unexpected 'X'". */
static void token_text(const struct zt_parse_ctx *ctx, const zt_loc *loc, char *out, size_t cap)
{
	size_t a = loc->first_off, b = loc->last_off;
	if (b > ctx->len)
		b = ctx->len;
	if (a > b)
		a = b;
	size_t n = b - a;
	if (n > 40) {
		/* cut at a character boundary */
		n = 40;
		while (n > 0 && ((unsigned char)ctx->text[a + n] & 0xC0) == 0x80)
			n--;
		snprintf(out, cap, "%.*s…", (int)n, ctx->text + a);
	} else {
		snprintf(out, cap, "%.*s", (int)n, ctx->text + a);
	}
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner, struct zt_parse_ctx *ctx)
{
	(void)scanner;
	yysymbol_kind_t tok = yypcontext_token(yyctx);
	zt_loc loc = *yypcontext_location(yyctx);
	char msg[320], exp[200], found[64];
	int at_end = 0;
	if (tok == YYSYMBOL_TOK_NOMEM) {
		ctx->nomem = 1;
		return 0;
	}
	if (tok == YYSYMBOL_YYEOF) {
		/* the end of the input sits after the last character */
		loc.first_line = loc.last_line = ctx->lex->line;
		loc.first_column = loc.last_column = ctx->lex->col;
		loc.first_off = loc.last_off = ctx->lex->off;
		at_end = 1;
	}
	if (tok == YYSYMBOL_TOK_UNTERMINATED) {
		add_error(ctx, &loc, ctx->lex->unterminated_at_end,
		          "unterminated quoted name: the closing quote is missing");
		return 0;
	}
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(yyctx, expected, YYNTOKENS);
	if (n < 0)
		n = 0;
	expected_phrase(expected, n, exp, sizeof exp);
	if (tok == YYSYMBOL_YYEOF)
		snprintf(found, sizeof found, "end of input");
	else {
		char t[56];
		token_text(ctx, &loc, t, sizeof t);
		snprintf(found, sizeof found, "'%s'", t);
	}
	if (exp[0])
		snprintf(msg, sizeof msg, "unexpected %s, expected %s", found, exp);
	else
		snprintf(msg, sizeof msg, "unexpected %s", found);
	add_error(ctx, &loc, at_end, msg);
	return 0;
}

/* ------------------------------------------------------------ entry point */

int zt_parse(const char *text, size_t len, zt_ascript **out)
{
	*out = NULL;
	if (len > 0x7fffffff)
		return -1;
	/* Error records are written whole as errors are found, so only the
	 * header needs zeroing (clearing all of them cost more than lexing). */
	zt_ascript *s = malloc(sizeof *s);
	if (!s)
		return -1;
	s->stmts = NULL;
	s->nerrors = 0;
	s->nomem = 0;
	struct zt_lexextra x = { .line = 1, .col = 1 };
	yyscan_t sc;
	if (zt_yylex_init_extra(&x, &sc)) {
		free(s);
		return -1;
	}
	YY_BUFFER_STATE b = zt_yy_scan_bytes(text, (int)len, sc);
	struct zt_parse_ctx ctx = { .text = text, .len = len, .script = s, .lex = &x };
	int r = b ? zt_yyparse(sc, &ctx) : 2;
	if (b)
		zt_yy_delete_buffer(b, sc);
	zt_yylex_destroy(sc);
	free(x.qbuf);
	if (!b || ctx.nomem || x.nomem || (r == 2 && s->nerrors == 0)) {
		zt_ascript_free(s);
		return -1;
	}
	*out = s;
	return s->nerrors ? 1 : 0;
}
