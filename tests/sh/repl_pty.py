#!/usr/bin/env python3
"""Drive `zhitu repl` through a pseudo-terminal, as a person would.

Usage: [REPL_PTY_WRAP='valgrind ...'] repl_pty.py ZHITU DB WORKDIR

Prints one line per case, "ok repl-pty-NAME" or "FAIL repl-pty-NAME: why"
followed by the end of what the terminal showed.  Each wait for output has
a deadline (generous, for a loaded machine) so a hang fails instead of
blocking; no case asserts how fast anything is.

The database must hold the fixture of tests/sh/repl-fixture.nt.
"""
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import stat
import struct
import sys
import termios
import time

DEADLINE = 20.0                      # seconds to wait for expected output
ANSI = re.compile(rb'\x1b\[[0-9;?]*[@-~]|\x1b[()][A-Z0-9]|\x07|\r')
PROMPT = 'zhitu> '
MORE = '   ...> '


class Failure(Exception):
    pass


class Term:
    """zhitu running on a pseudo-terminal."""

    def __init__(self, argv, env):
        self.raw = b''
        self.pos = 0                 # matches start after the previous one
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 160, 0, 0))
        self.status = None

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:              # EIO: the child closed the terminal
            data = b''
        if not data:
            return None
        self.raw += data
        return True

    def text(self):
        """What was shown, without escape sequences and carriage returns."""
        return ANSI.sub(b'', self.raw).decode('utf-8', 'replace')

    def send(self, s):
        os.write(self.fd, s.encode('utf-8'))

    def expect(self, pattern, deadline=DEADLINE):
        rx = re.compile(pattern)
        end = time.monotonic() + deadline
        while True:
            m = rx.search(self.text(), self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.monotonic()
            if left <= 0:
                raise Failure('no %r on the terminal' % pattern)
            if self._read(min(left, 0.2)) is None:
                m = rx.search(self.text(), self.pos)
                if m:
                    self.pos = m.end()
                    return m
                raise Failure('zhitu ended (%s) before %r' % (self.how_ended(), pattern))

    def prompt(self):
        self.expect(re.escape(PROMPT) + '$')
        self.wait_editing()

    def wait_editing(self, deadline=DEADLINE):
        """Wait until libedit has put the terminal in raw mode: it may
        draw the prompt first, and keys typed before then are read by the
        terminal's line discipline (a Ctrl-D would become an EOF marker
        that raw mode then reads as NUL)."""
        end = time.monotonic() + deadline
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > end:
                raise Failure('the terminal never left canonical mode')
            self._read(0.01)

    def how_ended(self):
        try:
            pid, status = os.waitpid(self.pid, 0)
        except OSError as e:
            return 'waitpid: %s' % e
        self.status = status
        if os.WIFSIGNALED(status):
            return 'killed by signal %d' % os.WTERMSIG(status)
        return 'exit status %d' % os.WEXITSTATUS(status)

    def quiet(self, seconds):
        """Collect output for a while (to let a statement start)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._read(0.05)

    def wait_exit(self, deadline=DEADLINE):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                while self._read(0.05):
                    pass
                return os.waitstatus_to_exitcode(status)
            self._read(0.05)
        raise Failure('zhitu did not exit')

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


def main():
    zhitu, db, work = sys.argv[1:4]
    zhitu = os.path.abspath(zhitu)
    home = os.path.join(work, 'home')
    state = os.path.join(work, 'state')
    os.makedirs(home, exist_ok=True)
    env = {
        'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
        'HOME': home,                # no ~/.editrc of the person running the tests
        'XDG_STATE_HOME': state,
        'TERM': 'xterm',
        'LC_ALL': 'C.UTF-8',
        'TZ': 'UTC',
        'ZHITU_DB': db,
    }
    hist = os.path.join(state, 'zhitu', 'history')
    failures = 0

    # REPL_PTY_WRAP runs zhitu under a tool, e.g. "valgrind -q
    # --leak-check=full --error-exitcode=99": a leak then fails the exit
    # status check of every case.
    wrap = os.environ.get('REPL_PTY_WRAP', '').split()
    if wrap:
        wrap[0] = shutil.which(wrap[0]) or wrap[0]

    def case(name, fn, argv=None):
        nonlocal failures
        t = Term(wrap + (argv or [zhitu, 'repl']), env)
        try:
            t.prompt()
            fn(t)
            print('ok repl-pty-' + name)
        except Exception as e:       # a Failure, or a missing file and the like
            failures += 1
            tail = t.text()[-1500:]
            print('FAIL repl-pty-%s: %s\n--- terminal (end) ---\n%s\n---' % (name, e, tail))
        finally:
            t.close()
        sys.stdout.flush()

    def quit_with_ctrl_d(t):
        t.send('\x04')
        code = t.wait_exit()
        if code != 0:
            raise Failure('Ctrl-D exited with status %d' % code)

    def history_lines():
        with open(hist, 'rb') as f:
            return f.read().decode('utf-8', 'replace')

    # 1. Tab completes a keyword; the completed statement runs and is what
    #    history keeps.
    def complete_keyword(t):
        t.send('DESCR\t')
        t.expect('DESCRIBE ')
        t.send('OpenAI\r')
        t.expect('OpenAI')
        t.prompt()
        quit_with_ctrl_d(t)
        if 'DESCRIBE OpenAI' not in decode_history(hist):
            raise Failure('history lacks "DESCRIBE OpenAI": %r' % decode_history(hist))
    case('complete-keyword', complete_keyword)

    # 2. Tab completes a Chinese entity name from a prefix.
    def complete_chinese(t):
        t.send('DESCRIBE 欧盟委\t')
        t.expect('员会 ')
        t.send('\r')
        t.expect('欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
        if 'DESCRIBE 欧盟委员会' not in decode_history(hist):
            raise Failure('the completed name is not in history: %r' % decode_history(hist))
    case('complete-chinese-name', complete_chinese)

    # 2b. A name that needs quotes is completed with them.
    def complete_quoted(t):
        # libedit redraws this with an insert-character sequence, so check
        # what ran (and what history kept), not the picture.
        t.send('DESCRIBE Europ\t')
        t.send('\r')
        t.expect('欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
        if 'DESCRIBE "European Commission"' not in decode_history(hist):
            raise Failure('history lacks the quoted name: %r' % decode_history(hist)[-200:])
    case('complete-quoted-name', complete_quoted)

    # 3. History persists across runs, owner-only; Up recalls the last
    #    statement of the previous run.
    def history_persists(t):
        mode = stat.S_IMODE(os.stat(hist).st_mode)
        if mode != 0o600:
            raise Failure('history file mode is %o, not 600' % mode)
        t.send('\x1b[A')
        t.expect('DESCRIBE "European Commission"')
        t.send('\r')
        t.expect('欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
    case('history-persists', history_persists)

    # 4. A statement spanning lines gets the continuation prompt and runs
    #    when complete.
    def multi_line(t):
        t.send('FIND ?who WHERE\r')
        t.expect(re.escape(MORE))
        t.wait_editing()
        t.send('?who a Regulator\r')
        t.expect('欧盟委员会')
        t.expect(r'\(1 row\)')
        t.prompt()
        quit_with_ctrl_d(t)
        h = decode_history(hist)
        if 'FIND ?who WHERE\n?who a Regulator' not in h:
            raise Failure('history lacks the two-line statement: %r' % h[-200:])
    case('multi-line', multi_line)

    # 4b. A query pasted as several lines, each of which could end it,
    #     runs as one statement.
    def pasted(t):
        t.send('FIND ?who\rWHERE ?e actor ?who\r  AND ?who a Regulator\r')
        t.expect('欧盟委员会')
        t.expect(r'\(1 row\)')
        t.prompt()
        quit_with_ctrl_d(t)
        if 'error' in t.text():
            raise Failure('the pasted query did not run as one statement')
    case('pasted-lines', pasted)

    # 5. An error does not end the session.
    def error_survives(t):
        t.send('FIND ?x WHERE ?x nosuchpredicate ?y\r')
        t.expect('(?i)error|unknown')
        t.prompt()
        t.send('.nosuchcommand\r')
        t.expect('unknown command')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect(r'欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
    case('error-survives', error_survives)

    # 6. .format switches the output format.
    def format_switch(t):
        t.send('.format\r')
        t.expect('table')
        t.prompt()
        t.send('.format csv\r')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect('who\n欧盟委员会\n')
        t.prompt()
        t.send('.format json\r')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect(r'\[\n  \{"[^"]*": "欧盟委员会"\}\n\]')
        t.prompt()
        t.send('.format tsv\r')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect('who\n欧盟委员会\n')
        t.prompt()
        quit_with_ctrl_d(t)
    case('format-switch', format_switch)

    # 7. Ctrl-C at the prompt clears the line and any pending statement.
    def ctrl_c_prompt(t):
        t.send('FIND ?who WHERE\r')
        t.expect(re.escape(MORE))
        t.wait_editing()
        t.send('?who a Bogus\x03')
        t.expect(r'\^C')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect(r'欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
    case('ctrl-c-at-prompt', ctrl_c_prompt)

    # 8. Ctrl-C cancels a running statement and the session goes on.
    def ctrl_c_running(t):
        t.send(LONG_QUERY + '\r')
        t.quiet(0.5)
        t.send('\x03')
        t.expect('(?i)interrupt|cancel')
        t.prompt()
        t.send('FIND ?who WHERE ?who a Regulator\r')
        t.expect(r'欧盟委员会')
        t.prompt()
        quit_with_ctrl_d(t)
    case('ctrl-c-cancels-statement', ctrl_c_running)

    # 9. Dot-commands complete too, and .quit ends the shell.
    def dot_commands(t):
        t.send('.form\t')
        t.expect(r'\.format ')
        t.send('js\t')
        t.expect('json ')
        t.send('\r')
        t.prompt()
        t.send('.format\r')
        t.expect('json')
        t.prompt()
        t.send('.quit\r')
        code = t.wait_exit()
        if code != 0:
            raise Failure('.quit exited with status %d' % code)
    case('dot-commands', dot_commands)

    # 10. `zhitu` alone on a terminal is the shell.
    def bare_zhitu(t):
        t.send('.format\r')
        t.expect('table')
        t.prompt()
        quit_with_ctrl_d(t)
    case('bare-zhitu-is-repl', bare_zhitu, argv=[zhitu])

    return 1 if failures else 0


def decode_history(path):
    """libedit's history file: a cookie line, then entries with special
    characters as octal escapes (strvis)."""
    try:
        with open(path, 'rb') as f:
            lines = f.read().split(b'\n')
    except OSError:
        return ''
    out = []
    for line in lines[1:]:
        b = bytearray()
        i = 0
        while i < len(line):
            c = line[i]
            if c == 0x5c and i + 3 < len(line) + 1 and re.match(rb'[0-7]{3}', line[i + 1:i + 4]):
                b.append(int(line[i + 1:i + 4], 8))
                i += 4
            elif c == 0x5c and line[i + 1:i + 3] == b'M-' and i + 3 < len(line):
                b.append(line[i + 3] | 0x80)
                i += 4
            elif c == 0x5c and line[i + 1:i + 4] == b'M^?':
                b.append(0xff)
                i += 4
            elif c == 0x5c and line[i + 1:i + 3] == b'M^':
                b.append((line[i + 3] & 0x1f) | 0x80)
                i += 4
            elif c == 0x5c and i + 1 < len(line):
                b.append(line[i + 1])
                i += 2
            else:
                b.append(c)
                i += 1
        out.append(b.decode('utf-8', 'replace'))
    return '\n'.join(out)


LONG_QUERY = os.environ.get('REPL_LONG_QUERY',
                            'FIND COUNT(?a) AS ?n WHERE ?a ?p ?b AND ?c ?q ?d AND ?e ?r ?f AND ?g ?s ?h')

if __name__ == '__main__':
    sys.exit(main())
