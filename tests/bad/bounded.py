#!/usr/bin/env python3
"""Run one command with bounded memory and time, and say how it went.

Usage: bounded.py VMEM_MB SECONDS STDIN STDOUT STDERR -- COMMAND...

The command runs with its address space limited to VMEM_MB megabytes
(RLIMIT_AS; 0 = no limit, as under AddressSanitizer, which reserves
terabytes of address space up front) and is killed after SECONDS.  Its
standard streams go to the named files (STDIN may be /dev/null).
Prints one line:  STATUS SECONDS PEAK_RSS_MB
where STATUS is the exit status, "signal-N" when a signal ended it, or
"timeout" when it ran out of time.
"""
import os
import resource
import signal
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 8 or sys.argv[6] != '--':
        sys.exit(__doc__)
    vmem, secs = int(sys.argv[1]), float(sys.argv[2])
    fin, fout, ferr = sys.argv[3:6]
    cmd = sys.argv[7:]

    def limit():
        if vmem > 0:
            b = vmem * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (b, b))
        os.setsid()      # a process group, so a timeout ends its children too

    t0 = time.monotonic()
    with open(fin, 'rb') as i, open(fout, 'wb') as o, open(ferr, 'wb') as e:
        p = subprocess.Popen(cmd, stdin=i, stdout=o, stderr=e, preexec_fn=limit)
        try:
            rc = p.wait(timeout=secs)
            status = 'signal-%d' % -rc if rc < 0 else str(rc)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            status = 'timeout'
    dt = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print('%s %.2f %d' % (status, dt, peak))


if __name__ == '__main__':
    main()
