"""The child-process runner, without Django (ratusz.core.sandbox)."""

import os
import time

from ratusz.core import sandbox

GB = 1024**3


def test_sandbox_passes_progress_and_the_value():
    seen = []

    def work(send):
        for i in range(3):
            send(i)
        return {"sum": 3}

    outcome = sandbox.run_limited(work, memory_bytes=4 * GB, seconds=10, on_progress=seen.append)
    assert outcome.status == sandbox.OK and outcome.value == {"sum": 3}
    assert seen == [0, 1, 2]


def test_sandbox_reports_an_error_without_raising():
    def work(send):
        raise ValueError("zepsute")

    outcome = sandbox.run_limited(work, memory_bytes=4 * GB, seconds=10)
    assert outcome.status == sandbox.ERROR and outcome.value == "ValueError: zepsute"
    # the whole traceback comes along, for the log: where it failed, not only what
    assert outcome.traceback.startswith("Traceback (most recent call last):")
    assert 'raise ValueError("zepsute")' in outcome.traceback
    assert "in work" in outcome.traceback


def test_sandbox_memory_limit_and_timeout():
    def hog(send):
        chunks = []
        while True:
            chunks.append(bytearray(64 * 1024 * 1024))

    # 100 MB on top of what the process already maps, however much that is
    outcome = sandbox.run_limited(hog, memory_bytes=100 * 1024 * 1024, seconds=30)
    assert outcome.status == sandbox.MEMORY

    def sleeper(send):
        time.sleep(60)

    started = time.monotonic()
    outcome = sandbox.run_limited(sleeper, memory_bytes=4 * GB, seconds=1)
    assert outcome.status == sandbox.TIMEOUT and time.monotonic() - started < 10


def test_sandbox_a_child_killed_by_a_signal_is_reported():
    def die(send):
        os.kill(os.getpid(), 9)

    assert sandbox.run_limited(die, memory_bytes=4 * GB, seconds=10).status == sandbox.TIMEOUT

    def terminated(send):
        os.kill(os.getpid(), 15)

    assert (
        sandbox.run_limited(terminated, memory_bytes=4 * GB, seconds=10).status == sandbox.CRASHED
    )


def test_a_killed_parent_takes_its_child_along(tmp_path):
    import signal
    import subprocess
    import sys

    pid_file = tmp_path / "child.pid"
    script = f"""
import os, time
from ratusz.core import sandbox

def work(send):
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(120)

sandbox.run_limited(work, memory_bytes=4 * 1024**3, seconds=120)
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    child = int(pid_file.read_text())
    parent.send_signal(signal.SIGKILL)  # the worker killed mid-job
    parent.wait(10)
    deadline = time.monotonic() + 10
    while True:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{child}/stat") as stat:
            if stat.read().split()[2] == "Z":  # a zombie is gone already
                break
        assert time.monotonic() < deadline, "the child outlived the worker"
        time.sleep(0.05)


def test_a_tracer_of_the_parent_does_not_break_the_child():
    """Fork copies the parent's tracer (a debugger's, a test tool's); one that returns
    something else than a function for the frames it sees made every job fail with
    "TypeError: 'frame' object is not callable"."""
    import sys

    def traced_by_mistake():
        total = 1
        return total + 1

    def tracer(frame, event, arg):
        return frame if frame.f_code is traced_by_mistake.__code__ else None

    def work(send):
        return traced_by_mistake()

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        outcome = sandbox.run_limited(work, memory_bytes=4 * GB, seconds=10)
    finally:
        sys.settrace(previous)
    assert outcome.status == sandbox.OK, outcome.value
    assert outcome.value == 2


def test_a_profiler_of_the_parent_does_not_reach_the_child():
    import sys

    def profiled_by_mistake():
        return 2

    def profiler(frame, event, arg):
        if frame.f_code is profiled_by_mistake.__code__:
            raise TypeError("'frame' object is not callable")

    def work(send):
        return profiled_by_mistake()

    previous = sys.getprofile()
    sys.setprofile(profiler)
    try:
        outcome = sandbox.run_limited(work, memory_bytes=4 * GB, seconds=10)
    finally:
        sys.setprofile(previous)
    assert outcome.status == sandbox.OK, outcome.traceback
    assert outcome.value == 2


def test_signal_handlers_of_the_parent_do_not_run_in_the_child():
    """The task worker leaves its shutdown handler on SIGQUIT (and a library or a test
    may leave others): in the child the signal does what it does by default."""
    import signal

    def parents_handler(signum, frame):
        raise RuntimeError("the parent's handler ran in the child")

    def work(send):
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(5)  # the signal ends the child before this does
        return "survived"

    previous = signal.signal(signal.SIGUSR1, parents_handler)
    ignored = signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    try:
        outcome = sandbox.run_limited(work, memory_bytes=4 * GB, seconds=10)

        def still_ignored(send):
            os.kill(os.getpid(), signal.SIGUSR2)
            return "ignored"

        kept = sandbox.run_limited(still_ignored, memory_bytes=4 * GB, seconds=10)
        parents_now = signal.getsignal(signal.SIGUSR1)
    finally:
        signal.signal(signal.SIGUSR1, previous)
        signal.signal(signal.SIGUSR2, ignored)
    assert outcome.status == sandbox.CRASHED, (outcome.value, outcome.traceback)
    assert outcome.exitcode == -signal.SIGUSR1
    assert kept.status == sandbox.OK and kept.value == "ignored"
    assert parents_now is parents_handler  # the parent keeps its own


def test_a_grown_parent_leaves_its_child_the_whole_allowance():
    # A parent that maps more than the allowance (a worker after a long run):
    # the child still gets its allowance on top, and a job within it succeeds.
    grown = bytearray(300 * 1024 * 1024)

    def work(send):
        return len(bytearray(50 * 1024 * 1024))

    outcome = sandbox.run_limited(work, memory_bytes=200 * 1024 * 1024, seconds=30)
    assert outcome.status == sandbox.OK and outcome.value == 50 * 1024 * 1024, outcome
    del grown


def test_the_address_space_a_child_starts_with_is_known():
    before = sandbox.address_space_bytes()
    block = bytearray(64 * 1024 * 1024)  # untouched pages count too
    after = sandbox.address_space_bytes()
    assert before is not None and after is not None
    assert after - before >= 60 * 1024 * 1024
    del block
