/* repl.c — the interactive shell: line editing and history through
 * libedit's readline interface, multi-line statements, tab completion,
 * dot-commands, Ctrl-C.  See repl.h for the contract. */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <editline/readline.h>

#include "../grammar/ast.h"

#define PROMPT          "zhitu> "
#define PROMPT_MORE     "   ...> "
#define HISTORY_MAX     1000    /* entries kept in the history file */
#define MAX_READ_DEPTH  16      /* .read nesting, so a file reading itself stops */
#define MAX_CANDIDATES  500     /* completion candidates gathered at most */
#define MAX_DOT_ARGS    8

/* Characters that end a word for completion.  '.' and '-' are not among
 * them (H.R.8315, GPT-4o are names), nor '?' (variables). */
static const char WORD_BREAKS[] = " \t\n,;()“”「」《》\"'|/^*+{}=<>!~";

/* ------------------------------------------------------------ text */

typedef struct text {
	char *p;
	size_t len, cap;
} text;

static int text_add(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p)
			return -1;
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
	return 0;
}

/* ---------------------------------------------------------- the shell */

struct zt_repl {
	zt_session *s;
	FILE *out;
	int cite, timer;
	double timeout;
	int quit;
	int stopped;             /* a script was interrupted: unwind every .read */
	int depth;               /* .read nesting */
	int on_terminal;         /* zt_repl_interactive is running */
	text pending;            /* the statement gathered so far */
	int held;                /* a script's pending statement is complete but
	                            the next line may continue it */
	int pending_line;        /* its first line in its origin */
	const char *history_path;
	int history_failed;      /* warned once; history is no longer written */
	struct sigaction old_sigint;
};

/* Ctrl-C.  The handler only touches these and zt_session_interrupt,
 * which is async-signal-safe. */
static zt_session *volatile g_session;
static volatile sig_atomic_t g_running;      /* a statement is running */
static volatile sig_atomic_t g_interrupts;   /* since the last reset */

static void on_sigint(int sig)
{
	(void)sig;
	g_interrupts++;
	if (!g_running)
		return;
	zt_session *s = g_session;
	if (s)
		zt_session_interrupt(s);
	if (g_interrupts >= 3) {
		static const char msg[] = "\nzhitu: the statement does not stop; quitting\n";
		ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
		(void)n;
		_exit(130);
	}
}

/* The shell completion works for (readline's callbacks take no context). */
static zt_repl *g_repl;

zt_status zt_repl_new(zt_session *s, FILE *out, int cite, int timer, zt_repl **rp)
{
	*rp = NULL;
	zt_repl *r = calloc(1, sizeof *r);
	if (!r)
		return ZT_ERR_NOMEM;
	r->s = s;
	r->out = out;
	r->cite = cite;
	r->timer = timer;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	/* Restart interrupted reads and writes: a Ctrl-C must not leave an
	 * error on stdout.  (libedit installs its own handler while it
	 * reads a line, and that one does interrupt the read.) */
	sa.sa_flags = SA_RESTART;
	g_session = s;
	if (sigaction(SIGINT, &sa, &r->old_sigint) != 0) {
		free(r);
		g_session = NULL;
		return ZT_ERR_INTERNAL;
	}
	*rp = r;
	return ZT_OK;
}

void zt_repl_free(zt_repl *r)
{
	if (!r)
		return;
	sigaction(SIGINT, &r->old_sigint, NULL);
	g_session = NULL;
	if (g_repl == r)
		g_repl = NULL;
	free(r->pending.p);
	free(r);
}

int zt_repl_quitting(const zt_repl *r)
{
	return r->quit;
}

/* Messages look like the session's: "error: MESSAGE" on the terminal,
 * "error: line N: MESSAGE" for standard input ("<stdin>": a name in angle
 * brackets is not shown) and "error: FILE: line N: MESSAGE" for a file.
 * `origin` is NULL for the terminal. */
static void say_error(zt_repl *r, const char *origin, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say_error(zt_repl *r, const char *origin, int line, const char *fmt, ...)
{
	fflush(r->out);
	fputs("error: ", stderr);
	if (origin && origin[0] != '<')
		fprintf(stderr, "%s: ", origin);
	if (origin)
		fprintf(stderr, "line %d: ", line);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Run `len` bytes of statements.  Returns 0 on success, -1 on an error,
 * -2 when the user interrupted it. */
static int run_statements(zt_repl *r, const char *src, size_t len, const char *origin, int line)
{
	zt_error err;
	zt_error_clear(&err);
	g_interrupts = 0;
	g_running = 1;
	zt_status st = zt_session_run(r->s, src, len, origin ? origin : "<input>", line, r->out, &err);
	g_running = 0;
	int interrupted = g_interrupts > 0;
	g_interrupts = 0;
	if (fflush(r->out) != 0 || ferror(r->out)) {
		clearerr(r->out);
		if (st < ZT_ERR_FIRST)
			st = ZT_ERR_IO;
	}
	if (st < ZT_ERR_FIRST)
		return interrupted ? -2 : 0;
	fflush(r->out);
	if (interrupted && r->on_terminal)
		fputc('\n', stderr);   /* the terminal echoed ^C without a newline */
	if (err.msg[0]) {
		size_t n = strlen(err.msg);
		fprintf(stderr, "%s%s", err.msg, err.msg[n - 1] == '\n' ? "" : "\n");
	} else {
		say_error(r, origin, line, "%s", zt_strerror(st));
	}
	return st == ZT_ERR_CANCELED || interrupted ? -2 : -1;
}

/* ------------------------------------------------------------ history */

static void history_remember(zt_repl *r, const char *entry, size_t len)
{
	while (len > 0 && (entry[len - 1] == '\n' || entry[len - 1] == ' '))
		len--;
	if (len == 0)
		return;
	char *copy = strndup(entry, len);
	if (!copy)
		return;
	HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (!last || !last->line || strcmp(last->line, copy) != 0)
		add_history(copy);
	free(copy);
	if (!r->history_path || r->history_failed)
		return;
	/* Create the file owner-only before libedit writes it: queries can
	 * name what an analyst is looking into. */
	int fd = open(r->history_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	int rc = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	if (rc == 0)
		rc = write_history(r->history_path);
	if (rc == 0 && chmod(r->history_path, 0600) != 0)
		rc = errno;
	if (rc != 0) {
		r->history_failed = 1;
		fflush(r->out);
		fprintf(stderr, "zhitu: cannot write the history file %s: %s; history is not kept\n",
		        r->history_path, strerror(rc));
	}
}

static int mkdir_p(char *path)
{
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = c;
		if (rc != 0 && errno != EEXIST)
			return -1;
		if (c == '\0')
			return 0;
	}
}

char *zt_repl_history_path(const char **why)
{
	const char *base = getenv("XDG_STATE_HOME"), *sub = "/zhitu";
	/* The XDG spec says relative paths in XDG_* are to be ignored. */
	if (!base || base[0] != '/') {
		base = getenv("HOME");
		if (!base || !*base) {
			struct passwd *pw = getpwuid(getuid());
			base = pw ? pw->pw_dir : NULL;
		}
		if (!base || !*base) {
			if (why)
				*why = "there is no home directory";
			return NULL;
		}
		sub = "/.local/state/zhitu";
	}
	size_t n = strlen(base) + strlen(sub) + sizeof "/history";
	char *path = malloc(n);
	if (!path) {
		if (why)
			*why = "out of memory";
		return NULL;
	}
	snprintf(path, n, "%s%s", base, sub);
	if (mkdir_p(path) != 0) {
		if (why)
			*why = "its directory cannot be created";
		free(path);
		return NULL;
	}
	strcat(path, "/history");
	return path;
}

/* ------------------------------------------------------- dot-commands */

typedef int (*dot_fn)(zt_repl *r, int argc, char **argv, const char *origin, int line);

typedef struct dot_cmd {
	const char *name;
	const char *args;
	const char *help;
	int min_args, max_args;
	dot_fn run;
} dot_cmd;

static int dot_help(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_format(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_cite(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_timer(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_timeout(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_sources(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_read(zt_repl *r, int argc, char **argv, const char *origin, int line);
static int dot_quit(zt_repl *r, int argc, char **argv, const char *origin, int line);

/* The one table of dot-commands: .help prints it, dispatch and completion
 * read it. */
static const dot_cmd dot_cmds[] = {
	{ ".cite",    "on|off",   "add a column citing the source items behind each row", 0, 1, dot_cite },
	{ ".exit",    "",         "leave the shell (also .quit and Ctrl-D)", 0, 0, dot_quit },
	{ ".format",  "FORMAT",   "print results as table, tsv, csv, json or dot (DESCRIBE, PATH, TIMELINE)", 0, 1, dot_format },
	{ ".help",    "",         "this list", 0, 0, dot_help },
	{ ".quit",    "",         "leave the shell", 0, 0, dot_quit },
	{ ".read",    "FILE",     "run the statements and dot-commands in FILE", 1, 1, dot_read },
	{ ".sources", "",         "list the imported sources", 0, 0, dot_sources },
	{ ".timeout", "SECONDS",  "stop statements that run longer (0: no limit)", 0, 1, dot_timeout },
	{ ".timer",   "on|off",   "print how long each statement took", 0, 1, dot_timer },
};
static const size_t n_dot_cmds = sizeof dot_cmds / sizeof dot_cmds[0];

static const char *const format_names[] = {
	[ZT_FMT_TABLE] = "table", [ZT_FMT_TSV] = "tsv", [ZT_FMT_CSV] = "csv",
	[ZT_FMT_JSON] = "json", [ZT_FMT_DOT] = "dot",
};

/* "on"/"off" and friends: 1, 0, or -1 when neither. */
static int parse_switch(const char *s)
{
	static const char *const on[] = { "on", "yes", "true", "1" };
	static const char *const off[] = { "off", "no", "false", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, on[i]) == 0)
			return 1;
		if (strcasecmp(s, off[i]) == 0)
			return 0;
	}
	return -1;
}

static int dot_help(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	(void)argc, (void)argv, (void)origin, (void)line;
	for (size_t i = 0; i < n_dot_cmds; i++) {
		char head[64];
		snprintf(head, sizeof head, "%s%s%s", dot_cmds[i].name, *dot_cmds[i].args ? " " : "",
		         dot_cmds[i].args);
		fprintf(r->out, "%-18s %s\n", head, dot_cmds[i].help);
	}
	fputs("\nAnything else is a statement of the query language (FIND, DESCRIBE, TIMELINE,\n"
	      "PATH, SHOW, EXPLAIN); it runs as soon as it is complete and may span lines.\n"
	      "Tab completes keywords, predicates, types and names.  Ctrl-C cancels a running\n"
	      "statement or clears the line; Ctrl-D quits.  Without an argument, .format,\n"
	      ".cite, .timer and .timeout show the current setting.\n", r->out);
	return 0;
}

static int dot_format(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	if (argc == 1) {
		fprintf(r->out, "%s\n", format_names[zt_session_format(r->s)]);
		return 0;
	}
	zt_format f;
	if (zt_format_parse(argv[1], &f) != ZT_OK) {
		say_error(r, origin, line, "unknown format '%s'; use table, tsv, csv, json or dot", argv[1]);
		return -1;
	}
	zt_session_set_format(r->s, f);
	return 0;
}

static int set_switch(zt_repl *r, int argc, char **argv, const char *origin, int line, int *value,
                      void (*set)(zt_session *, int))
{
	if (argc == 1) {
		fprintf(r->out, "%s\n", *value ? "on" : "off");
		return 0;
	}
	int v = parse_switch(argv[1]);
	if (v < 0) {
		say_error(r, origin, line, "%s wants on or off, not '%s'", argv[0], argv[1]);
		return -1;
	}
	*value = v;
	set(r->s, v);
	return 0;
}

static int dot_cite(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	return set_switch(r, argc, argv, origin, line, &r->cite, zt_session_set_cite);
}

static int dot_timer(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	return set_switch(r, argc, argv, origin, line, &r->timer, zt_session_set_timer);
}

static int dot_timeout(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	if (argc == 1) {
		fprintf(r->out, "%g\n", r->timeout);
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(argv[1], &end);
	if (errno || end == argv[1] || *end || !(v >= 0) || v > 1e9) {
		say_error(r, origin, line, ".timeout wants a number of seconds (0 for none), not '%s'",
		          argv[1]);
		return -1;
	}
	r->timeout = v;
	zt_session_set_timeout(r->s, v);
	return 0;
}

static int dot_sources(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	(void)argc, (void)argv;
	static const char q[] = "SHOW SOURCES";
	return run_statements(r, q, sizeof q - 1, origin, line);
}

static int dot_read(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	(void)argc;
	if (r->depth >= MAX_READ_DEPTH) {
		say_error(r, origin, line, ".read is nested more than %d deep (does a file read itself?)",
		          MAX_READ_DEPTH);
		return -1;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		say_error(r, origin, line, "cannot open '%s': %s", argv[1], strerror(errno));
		return -1;
	}
	r->depth++;
	int rc = zt_repl_script(r, f, argv[1]);
	r->depth--;
	fclose(f);
	return rc ? -1 : 0;
}

static int dot_quit(zt_repl *r, int argc, char **argv, const char *origin, int line)
{
	(void)argc, (void)argv, (void)origin, (void)line;
	r->quit = 1;
	return 0;
}


/* Split `line` in place into words; "..." or '...' quote a word with
 * spaces.  Returns the count, or -1 for an unclosed quote or too many. */
static int split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			return argc;
		if (argc == max)
			return -1;
		char q = (*p == '"' || *p == '\'') ? *p++ : 0;
		argv[argc++] = p;
		if (q) {
			char *end = strchr(p, q);
			if (!end)
				return -1;
			*end = '\0';
			p = end + 1;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				p++;
			if (*p)
				*p++ = '\0';
		}
	}
}

/* Find a dot-command by its name or a unique prefix of it. */
static const dot_cmd *find_dot(zt_repl *r, const char *name, const char *origin, int line)
{
	const dot_cmd *found = NULL;
	size_t n = strlen(name), matches = 0;
	for (size_t i = 0; i < n_dot_cmds; i++) {
		if (strcmp(dot_cmds[i].name, name) == 0)
			return &dot_cmds[i];
		if (n > 1 && strncmp(dot_cmds[i].name, name, n) == 0) {
			found = &dot_cmds[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1)
		say_error(r, origin, line, "'%s' is ambiguous; .help lists the commands", name);
	else
		say_error(r, origin, line, "unknown command '%s'; .help lists the commands", name);
	return NULL;
}

static int run_dot(zt_repl *r, const char *line_text, const char *origin, int line)
{
	char *copy = strdup(line_text);
	if (!copy) {
		say_error(r, origin, line, "out of memory");
		return -1;
	}
	char *argv[MAX_DOT_ARGS];
	int argc = split_words(copy, argv, MAX_DOT_ARGS);
	int rc = -1;
	if (argc < 0) {
		say_error(r, origin, line, "unclosed quote or too many arguments in '%s'", line_text);
	} else {
		const dot_cmd *c = find_dot(r, argv[0], origin, line);
		if (c && (argc - 1 < c->min_args || argc - 1 > c->max_args))
			say_error(r, origin, line, "usage: %s%s%s", c->name, *c->args ? " " : "", c->args);
		else if (c)
			rc = c->run(r, argc, argv, origin, line);
	}
	free(copy);
	fflush(r->out);
	return rc;
}

/* ------------------------------------------------------------- input */

/* A line that starts nothing: only spaces, or a `--` comment. */
static int is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '\0' || (s[0] == '-' && s[1] == '-');
}

static int is_empty(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* How many statements `len` bytes of text parse into, or -1 when they do
 * not parse cleanly. */
static long count_statements(const char *src, size_t len)
{
	zt_ascript *sc = NULL;
	int rc = zt_parse(src, len, &sc);
	long n = -1;
	if (rc == 0) {
		n = 0;
		for (const zt_astmt *st = sc->stmts; st; st = st->next)
			n++;
	}
	zt_ascript_free(sc);
	return n;
}

/* Whether the pending text ends with ';' (then nothing can continue it). */
static int ends_statement(const text *t)
{
	size_t n = t->len;
	while (n > 0 && strchr(" \t\r\n", t->p[n - 1]))
		n--;
	return n > 0 && t->p[n - 1] == ';';
}

/* Whether `line` continues the complete pending statement of a script:
 * the two together parse cleanly into as many statements as the pending
 * text alone.  ("AND ?x a Company" continues "FIND ?x WHERE ?x actor ?y";
 * "FIND ..." starts another statement.) */
static int continues(zt_repl *r, const char *line)
{
	long before = count_statements(r->pending.p, r->pending.len);
	size_t keep = r->pending.len;
	if (before < 0 || text_add(&r->pending, line, strlen(line)))
		return 0;
	long after = count_statements(r->pending.p, r->pending.len);
	r->pending.len = keep;
	r->pending.p[keep] = '\0';
	return after == before;
}

/* Whether more terminal input is already waiting: lines pasted together
 * are treated like a script's, so a pasted query laid out over lines runs
 * as one statement; typed lines still run as soon as they are complete. */
static int pasting(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

static int run_pending(zt_repl *r, const char *origin)
{
	if (!origin)
		history_remember(r, r->pending.p, r->pending.len);
	int rc = run_statements(r, r->pending.p, r->pending.len, origin, r->pending_line);
	r->pending.len = 0;
	r->held = 0;
	return rc;
}

/* Take one line of input (without its newline; it may hold newlines when
 * recalled from history).  On the terminal a statement runs as soon as it
 * is complete, unless more lines were pasted with it.  In a script, a complete statement that does not end with
 * ';' is held until the next line shows whether it goes on (so a query
 * can be laid out over lines with AND at their starts); a blank line, a
 * dot-command or the end of the input ends it too.  Returns 0, -1 when
 * something failed, -2 when a statement was interrupted. */
static int feed_line(zt_repl *r, const char *line, const char *origin, int lineno)
{
	int rc = 0;
	if (r->held) {
		const char *p = line + strspn(line, " \t");
		if (!is_empty(line) && *p != '.' && continues(r, line))
			goto append;
		rc = run_pending(r, origin);
		if (rc == -2)
			return rc;
	}
	if (r->pending.len == 0) {
		if (is_blank(line))
			return rc;
		const char *p = line + strspn(line, " \t");
		if (*p == '.') {
			if (!origin)
				history_remember(r, p, strlen(p));
			int drc = run_dot(r, p, origin, lineno);
			return drc ? drc : rc;
		}
		r->pending_line = lineno;
	}
append:
	if (text_add(&r->pending, line, strlen(line)) || text_add(&r->pending, "\n", 1)) {
		say_error(r, origin, lineno, "out of memory");
		r->pending.len = 0;
		r->held = 0;
		return -1;
	}
	if (!zt_session_input_complete(r->pending.p, r->pending.len))
		return rc;
	if ((origin || pasting()) && !ends_statement(&r->pending) &&
	    count_statements(r->pending.p, r->pending.len) > 0) {
		r->held = 1;
		return rc;
	}
	int rrc = run_pending(r, origin);
	return rrc ? rrc : rc;
}

int zt_repl_script(zt_repl *r, FILE *in, const char *origin)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, failed = 0, stopped = 0;
	/* A .read inside a pending statement cannot happen (dot-commands
	 * start statements), so the shell's buffer is free here. */
	r->pending.len = 0;
	r->held = 0;
	g_interrupts = 0;
	while (!r->quit && !r->stopped && (n = getline(&line, &cap, in)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		const char *p = line;
		if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;   /* a byte order mark */
		if (strlen(p) != (size_t)(n - (p - line))) {
			say_error(r, origin, lineno, "the line holds a NUL byte; is this a text file?");
			failed = 1;
			r->pending.len = 0;
			r->held = 0;
			continue;
		}
		int rc = feed_line(r, p, origin, lineno);
		if (r->stopped)
			break;    /* a .read inside was interrupted and said so */
		if (rc == -2 || g_interrupts) {
			stopped = 1;
			break;
		}
		if (rc)
			failed = 1;
	}
	free(line);
	if (!stopped && !r->stopped && !r->quit && r->pending.len > 0) {
		/* The statement held or unfinished at the end of the input
		 * runs now (an unfinished one for the message that says what
		 * is missing: at the end of its last line, not on an empty
		 * line after it). */
		while (r->pending.len > 0 && r->pending.p[r->pending.len - 1] == '\n')
			r->pending.len--;
		int rc = run_statements(r, r->pending.p, r->pending.len, origin, r->pending_line);
		if (rc == -2)
			stopped = 1;
		else if (rc)
			failed = 1;
	}
	r->pending.len = 0;
	r->held = 0;
	if (stopped) {
		r->stopped = 1;
		fflush(r->out);
		say_error(r, origin, lineno, "interrupted; the rest of the input is skipped");
	} else if (ferror(in)) {
		say_error(r, origin, lineno, "read error: %s", strerror(errno));
		failed = 1;
	}
	return failed || r->stopped;
	return failed || stopped;
}

/* ------------------------------------------------------- completion */

typedef struct candidates {
	char **v;
	size_t n, cap;
	int nomem;
} candidates;

static int add_candidate(void *ctx, const char *cand)
{
	candidates *c = ctx;
	if (c->n >= MAX_CANDIDATES)
		return 1;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		char **v = realloc(c->v, cap * sizeof *v);
		if (!v) {
			c->nomem = 1;
			return 1;
		}
		c->v = v;
		c->cap = cap;
	}
	if (!(c->v[c->n] = strdup(cand))) {
		c->nomem = 1;
		return 1;
	}
	c->n++;
	return 0;
}

static void free_candidates(candidates *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
}

/* The byte offset of character `chars` in UTF-8 `s` (libedit counts the
 * cursor in characters). */
static size_t byte_offset(const char *s, int chars)
{
	size_t i = 0;
	for (int k = 0; k < chars && s[i]; k++) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The quote characters that open a quoted name, and their closers. */
static const char *const quote_pairs[][2] = {
	{ "“", "”" }, { "「", "」" }, { "《", "》" }, { "\"", "\"" }, { "'", "'" },
};

/* The closing quote when the word at byte `start` follows an opening one. */
static const char *open_quote_closer(const char *line, size_t start)
{
	for (size_t i = 0; i < sizeof quote_pairs / sizeof quote_pairs[0]; i++) {
		size_t n = strlen(quote_pairs[i][0]);
		if (start >= n && memcmp(line + start - n, quote_pairs[i][0], n) == 0)
			return quote_pairs[i][1];
	}
	return NULL;
}

/* Whether a name must be quoted to be read back as one name. */
static int needs_quotes(const char *s)
{
	for (size_t i = 0; i < sizeof quote_pairs / sizeof quote_pairs[0]; i++)
		if (strncmp(s, quote_pairs[i][0], strlen(quote_pairs[i][0])) == 0)
			return 0;   /* quoted already (the session quotes what needs it) */
	for (const char *p = s; *p; ) {
		size_t k = 1;
		while ((p[k] & 0xC0) == 0x80)
			k++;
		for (const char *b = WORD_BREAKS; *b; ) {
			size_t kb = 1;
			while ((b[kb] & 0xC0) == 0x80)
				kb++;
			if (k == kb && memcmp(p, b, k) == 0)
				return 1;
			b += kb;
		}
		p += k;
	}
	return 0;
}

/* The length of the opening quote `s` starts with, and its closer. */
static size_t opening_quote(const char *s, const char **closer)
{
	for (size_t i = 0; i < sizeof quote_pairs / sizeof quote_pairs[0]; i++) {
		size_t n = strlen(quote_pairs[i][0]);
		if (strncmp(s, quote_pairs[i][0], n) == 0) {
			*closer = quote_pairs[i][1];
			return n;
		}
	}
	return 0;
}

/* Rewrite candidate i so that it reads back as one name where it goes:
 * after an opening quote the user typed, the name and that quote's
 * closer (without the candidate's own quotes, if it brought some);
 * elsewhere the candidate, quoted “…” when it must be.  -1: no memory. */
static int fix_quoting(candidates *c, size_t i, const char *closer)
{
	const char *s = c->v[i];
	size_t n = strlen(s);
	char *fixed = NULL;
	if (closer) {
		const char *own_closer = NULL;
		size_t skip = opening_quote(s, &own_closer);
		if (skip) {
			size_t k = strlen(own_closer);
			s += skip;
			n -= skip;
			if (n >= k && memcmp(s + n - k, own_closer, k) == 0)
				n -= k;
		}
		size_t k = strlen(closer);
		if (!(fixed = malloc(n + k + 1)))
			return -1;
		memcpy(fixed, s, n);
		memcpy(fixed + n, closer, k + 1);
	} else if (needs_quotes(s)) {
		if (!(fixed = malloc(n + 7)))
			return -1;
		snprintf(fixed, n + 7, "“%s”", s);
	} else {
		return 0;
	}
	free(c->v[i]);
	c->v[i] = fixed;
	return 0;
}

/* Candidates for a dot-command line.  Returns 1 when filename completion
 * should take over (the argument of .read). */
static int complete_dot(const char *line, size_t start, const char *word, candidates *c)
{
	const char *p = line + strspn(line, " \t");
	size_t wl = strlen(word);
	if ((size_t)(p - line) == start) {
		for (size_t i = 0; i < n_dot_cmds; i++)
			if (strncmp(dot_cmds[i].name, word, wl) == 0)
				add_candidate(c, dot_cmds[i].name);
		return 0;
	}
	size_t cmdlen = strcspn(p, " \t");
	static const char *const switches[] = { "on", "off", NULL };
	const char *const *choices = NULL;
	if (cmdlen > 2 && strncmp(p, ".format", cmdlen) == 0)
		choices = format_names;
	else if ((cmdlen > 2 && strncmp(p, ".cite", cmdlen) == 0) ||
	         (cmdlen > 4 && strncmp(p, ".timer", cmdlen) == 0))
		choices = switches;
	else if (cmdlen > 2 && strncmp(p, ".read", cmdlen) == 0)
		return 1;
	size_t nchoices = choices == format_names ? sizeof format_names / sizeof format_names[0] : 2;
	for (size_t i = 0; choices && i < nchoices; i++)
		if (strncasecmp(choices[i], word, wl) == 0)
			add_candidate(c, choices[i]);
	return 0;
}

/* The word-break characters for the line being completed: a dot-command
 * line breaks only at spaces, so file names keep their slashes. */
static char *word_breaks_hook(void)
{
	static char spaces[] = " \t";
	zt_repl *r = g_repl;
	const char *p = rl_line_buffer ? rl_line_buffer + strspn(rl_line_buffer, " \t") : "";
	if (r && r->pending.len == 0 && *p == '.')
		return spaces;
	return (char *)WORD_BREAKS;
}

static char **complete(const char *word, int start, int end)
{
	rl_attempted_completion_over = 1;   /* no file names unless asked */
	zt_repl *r = g_repl;
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	if (!r)
		return NULL;
	size_t bstart = byte_offset(line, start), bend = byte_offset(line, end);
	candidates c = { 0 };
	const char *p = line + strspn(line, " \t");
	if (r->pending.len == 0 && *p == '.') {
		if (complete_dot(line, bstart, word, &c)) {
			free_candidates(&c);
			rl_attempted_completion_over = 0;   /* readline's file names */
			return NULL;
		}
	} else {
		/* Give the session the whole statement so far, for context. */
		text ctx = { 0 };
		if (text_add(&ctx, r->pending.p ? r->pending.p : "", r->pending.len) == 0 &&
		    text_add(&ctx, line, bend) == 0)
			zt_session_complete(r->s, ctx.p, ctx.len, add_candidate, &c);
		free(ctx.p);
		const char *closer = open_quote_closer(line, bstart);
		for (size_t i = 0; i < c.n && !c.nomem; i++)
			if (fix_quoting(&c, i, closer))
				c.nomem = 1;
	}
	if (c.n == 0 || c.nomem) {
		free_candidates(&c);
		return NULL;
	}
	qsort(c.v, c.n, sizeof *c.v, cmp_str);
	size_t u = 1;
	for (size_t i = 1; i < c.n; i++) {
		if (strcmp(c.v[i], c.v[u - 1]) == 0)
			free(c.v[i]);
		else
			c.v[u++] = c.v[i];
	}
	c.n = u;
	/* readline's list: [0] replaces the word, then the candidates, NULL. */
	char **m = calloc(c.n + 2, sizeof *m);
	if (!m) {
		free_candidates(&c);
		return NULL;
	}
	if (c.n == 1) {
		m[0] = c.v[0];
	} else {
		size_t lcp = strlen(c.v[0]);
		for (size_t i = 1; i < c.n; i++) {
			size_t k = 0;
			while (k < lcp && c.v[i][k] == c.v[0][k])
				k++;
			lcp = k;
		}
		while (lcp > 0 && (c.v[0][lcp] & 0xC0) == 0x80)
			lcp--;   /* not inside a character */
		/* Never replace what was typed by less (candidates may differ
		 * from it in case or width: "openai" -> "OpenAI"). */
		m[0] = lcp >= strlen(word) ? strndup(c.v[0], lcp) : strdup(word);
		if (!m[0]) {
			free(m);
			free_candidates(&c);
			return NULL;
		}
		memcpy(m + 1, c.v, c.n * sizeof *m);
	}
	free(c.v);
	return m;
}

/* ------------------------------------------------------- the terminal */

int zt_repl_interactive(zt_repl *r, const char *history_path)
{
	g_repl = r;
	r->on_terminal = 1;
	r->history_path = history_path;
	rl_readline_name = "zhitu";
	rl_attempted_completion_function = complete;
	rl_completion_word_break_hook = word_breaks_hook;
	rl_basic_word_break_characters = WORD_BREAKS;
	rl_initialize();
	using_history();
	stifle_history(HISTORY_MAX);
	if (history_path)
		read_history(history_path);   /* absent the first time: fine */
	r->pending.len = 0;
	while (!r->quit) {
		g_interrupts = 0;
		char *line = readline(r->pending.len ? PROMPT_MORE : PROMPT);
		if (!line) {
			if (g_interrupts) {
				/* Ctrl-C at the prompt: drop the line and any
				 * statement in progress. */
				fputs("^C\n", stdout);
				fflush(stdout);
				r->pending.len = 0;
				continue;
			}
			fputc('\n', stdout);   /* Ctrl-D: leave the shell's prompt on its own line */
			break;
		}
		feed_line(r, line, NULL, 1);
		r->stopped = 0;   /* an interrupted .read ends there, not the shell */
		free(line);
	}
	fflush(r->out);
	clear_history();
	r->on_terminal = 0;
	g_repl = NULL;
	return 0;
}
