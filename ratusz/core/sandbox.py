"""Run a function in a forked child process under a memory and a time limit.

Imports parse files an attacker may shape (a 20 KB GeoPackage that grows to
gigabytes, an XLSX of millions of shared strings): the parse runs in a child
with ``RLIMIT_AS`` (address space: what it has when forked plus what the job
may add) and ``RLIMIT_CPU`` set, and the parent kills
it at a wall-clock deadline, so one file cannot take the worker or the host down.
The child reports progress and its result through a pipe. Plain Python: no Django.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

OK = "ok"
ERROR = "error"  # the function raised (other than MemoryError)
MEMORY = "memory"  # over the address-space limit
TIMEOUT = "timeout"  # over the wall-clock or CPU-time limit
CRASHED = "crashed"  # the child died without a word (e.g. a signal)

_MEMORY_EXIT = 75  # the child's exit code when even reporting MemoryError failed
_TRACEBACK_CHARS = 20_000  # a traceback through deep recursion stays a bounded message


@dataclass
class Outcome:
    status: str
    value: Any = None
    exitcode: int | None = None
    # the child's full traceback when the function raised: for the log, not for the clerk
    traceback: str = ""


def address_space_bytes() -> int | None:
    """This process's address space (VmSize), which a forked child starts with and
    which counts against its ``RLIMIT_AS``; None where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _die_with_parent(parent: int) -> None:
    """A worker killed mid-job must not leave its child to commit later (Linux prctl)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the CPU limit still ends it
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _forget_the_parents_hooks() -> None:
    """Fork copies the parent's Python-level hooks; none of them is meant for the child.

    The worker's graceful-shutdown handlers (SIGTERM, SIGINT, SIGQUIT: the task
    worker sets them) are not the child's: a stop ends it at once (its transaction
    rolls back) and the parent records why. Any other Python handler a library or
    a test left behind would run the parent's code in the child, and the parent's
    wakeup fd (an event loop's) would get the child's signals. A tracer or a
    profiler (a debugger's, a test tool's) meant for the parent's frames breaks the
    job's own. Ignored signals (SIGPIPE, SIGXFSZ as Python starts) stay ignored.
    """
    for number in signal.valid_signals():
        try:
            handler = signal.getsignal(number)
        except (OSError, ValueError):
            continue
        if callable(handler):  # a Python function: neither SIG_DFL nor SIG_IGN
            try:
                signal.signal(number, signal.SIG_DFL)
            except (OSError, ValueError):  # SIGKILL, SIGSTOP and the like
                pass
    signal.set_wakeup_fd(-1)
    sys.settrace(None)
    sys.setprofile(None)
    threading.settrace(None)  # type: ignore[arg-type]
    threading.setprofile(None)  # type: ignore[arg-type]


def _child(func, conn, memory_bytes: int, seconds: float, before, parent: int) -> None:
    try:
        _die_with_parent(parent)
        _forget_the_parents_hooks()
        if before is not None:
            before()
        # The limit is what the job may add: a fork starts with the parent's whole
        # address space, and a worker grown past a fixed limit (a long-running
        # worker, a test process) would leave its jobs no room at all; short of
        # memory, C code fails in odd ways ("'frame' object is not callable").
        limit = (address_space_bytes() or 0) + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = max(1, int(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        value = func(lambda message: conn.send(("progress", message)))
        conn.send((OK, value))
    except MemoryError:
        try:
            conn.send((MEMORY, None))
        except BaseException:
            os._exit(_MEMORY_EXIT)
    except BaseException as error:  # reported to the parent, which decides what to say
        message = f"{type(error).__name__}: {error}"[:2000]
        conn.send((ERROR, (message, traceback.format_exc()[-_TRACEBACK_CHARS:])))


def run_limited(
    func: Callable[[Callable[[Any], None]], Any],
    *,
    memory_bytes: int,
    seconds: float,
    on_progress: Callable[[Any], None] | None = None,
    before: Callable[[], None] | None = None,
) -> Outcome:
    """Call ``func(send_progress)`` in a forked child; return how it ended.

    ``before`` runs first in the child (e.g. to drop database connections shared
    with the parent). The value ``func`` returns must be picklable.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(func, sender, memory_bytes, seconds, before, os.getpid()),
        daemon=True,
    )
    process.start()
    sender.close()  # the parent keeps only the reading end: EOF when the child exits
    deadline = time.monotonic() + seconds
    result: tuple[str, Any] | None = None
    try:
        while result is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return Outcome(TIMEOUT)
            if not receiver.poll(min(remaining, 0.5)):
                continue
            try:
                kind, value = receiver.recv()
            except EOFError:  # the child exited without a result
                break
            if kind == "progress":
                if on_progress is not None:
                    on_progress(value)
            else:
                result = (kind, value)
    finally:
        if result is None and process.is_alive():
            process.kill()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()
    if result is not None:
        if result[0] == ERROR:
            message, trace = result[1]
            return Outcome(ERROR, message, process.exitcode, trace)
        return Outcome(result[0], result[1], process.exitcode)
    code = process.exitcode
    if code == _MEMORY_EXIT:
        return Outcome(MEMORY, exitcode=code)
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return Outcome(TIMEOUT, exitcode=code)
    return Outcome(CRASHED, exitcode=code)
