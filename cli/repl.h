/* repl.h — the interactive shell behind `zhitu repl` (cli/cmd_repl.c opens
 * the store and the session; this module reads and runs input).
 *
 * Input is statements of the query language and dot-commands (`.help`
 * lists them; one table in repl.c).  A statement may span lines: lines
 * are gathered until zt_session_input_complete says the text is complete,
 * then the whole text runs through zt_session_run (its own read
 * transaction; none is held while waiting for input).  On the terminal it
 * runs at once (break lines where the statement cannot end: after WHERE,
 * AND, an open quote), unless more lines were pasted with it: pasted lines
 * are taken like a script's.  In a script a complete statement not ended by ';'
 * waits for the next line, which runs it unless it continues it (so
 *   FIND ?who
 *   WHERE ?e actor ?who
 *     AND ?who a Regulator
 * is one statement); a blank line, a dot-command or the end of the input
 * also end it.  A program feeding statements through a pipe and waiting
 * for each answer should end them with ';'.  A dot-command is a line
 * starting with '.' when no statement is pending.  A line holding only
 * spaces or a `--` comment starts nothing.  An error is printed to stderr
 * and the shell carries on.
 *
 * Signals: while the shell runs, SIGINT is handled here.  During a
 * statement it calls zt_session_interrupt (the statement ends with
 * ZT_ERR_CANCELED and the shell goes on; a third Ctrl-C during the same
 * statement ends the process with status 130, for a statement that does
 * not stop).  At the prompt it discards the line and any pending
 * statement.  Reading a script (stdin that is not a terminal, or .read),
 * an interrupted statement also stops that script.
 */
#ifndef ZT_REPL_H
#define ZT_REPL_H

#include <stdio.h>

#include "../query/session.h"

typedef struct zt_repl zt_repl;

/* A shell over session `s` (borrowed; it must outlive the shell) writing
 * results to `out`.  Installs the SIGINT handler (restored by
 * zt_repl_free).  `cite` and `timer` are the settings the session was
 * given, so `.cite`/`.timer` without an argument can show them. */
zt_status zt_repl_new(zt_session *s, FILE *out, int cite, int timer, zt_repl **r);

/* Restore the SIGINT handler and free everything; NULL is a no-op. */
void zt_repl_free(zt_repl *r);

/* The terminal loop: line editing, completion and history (libedit),
 * prompts "zhitu> " and "   ...> ", until Ctrl-D, .quit or .exit.
 * History is read from and written to `history_path` (may be NULL for
 * none) with mode 0600 after every entry.  Returns the exit status (0). */
int zt_repl_interactive(zt_repl *r, const char *history_path);

/* Run statements and dot-commands read from `in` without prompts or
 * editing; `origin` names the input in messages, which give the line.
 * Carries on after an error; an interrupted statement stops this input
 * and every .read around it.  Returns 0 when everything succeeded, 1 when
 * anything failed or was interrupted. */
int zt_repl_script(zt_repl *r, FILE *in, const char *origin);

/* Whether .quit/.exit was given (a script stops at it). */
int zt_repl_quitting(const zt_repl *r);

/* The history file: $XDG_STATE_HOME/zhitu/history when XDG_STATE_HOME is
 * an absolute path, else $HOME/.local/state/zhitu/history.  Creates the
 * directories (mode 0700) as needed.  Returns a malloc'd path, or NULL
 * when there is no home directory or it cannot be created (history is
 * then not kept; *why, when not NULL, gets a static explanation). */
char *zt_repl_history_path(const char **why);

#endif
