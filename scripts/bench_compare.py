#!/usr/bin/env python3
"""Whole-process figures for kindly, and a side-by-side with jrnl on the same entries.

Run through scripts/bench-compare.sh, which builds the release binary and makes a
throwaway venv with jrnl from PyPI. Uses only the standard library: a pty to time the
TUI's first frame, os.wait4 for peak memory, /proc for idle CPU.
"""
import fcntl
import json
import os
import pty
import random
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

KINDLY = sys.argv[1]
FLOOR = sys.argv[2]
JRNL = sys.argv[3] if len(sys.argv) > 3 else None
RUNS = 5
FRAME_RUNS = 15
WORK = tempfile.mkdtemp(prefix="kindly-bench-")
ENV = dict(os.environ, KINDLY_CONFIG=os.path.join(WORK, "none.toml"), NO_COLOR="1")


def run(argv, env=ENV, stdout=subprocess.DEVNULL):
    """Runs a command; returns (seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {status}")
    return elapsed, usage.ru_maxrss / 1024


def medians(argv, env=ENV):
    times, rss = zip(*(run(argv, env) for _ in range(RUNS)))
    return statistics.median(times), max(rss)


def spawn_tui(db, argv=None):
    """kindly's TUI (or `argv`) in a new 80x24 pty; returns (pid, fd)."""
    argv = argv or [KINDLY, "--db", db]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ.update(ENV)
        os.execv(argv[0], argv)
    return pid, fd


def first_frame(db, argv=None, needles=(b"quit", b"How are you")):
    """Start to first full frame of the TUI in a pty (all of `needles` drawn), then quit.
    Returns (seconds, MB)."""
    start = time.perf_counter()
    pid, fd = spawn_tui(db, argv)
    out, seen = b"", None
    while time.perf_counter() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:  # the pty closes as kindly exits
                if seen is not None:
                    _, _, usage = os.wait4(pid, 0)
                    return seen, usage.ru_maxrss / 1024
                break
            if seen is None and all(n in out for n in needles):
                seen = time.perf_counter() - start
                os.write(fd, b"q")
        if seen is not None:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                return seen, usage.ru_maxrss / 1024
    os.kill(pid, signal.SIGKILL)
    raise SystemExit("the TUI never drew its first frame")


def idle_cpu(db, seconds=10):
    """CPU used while the TUI sits on each pane, as a share of one core."""
    pid, fd = spawn_tui(db)
    hz = os.sysconf("SC_CLK_TCK")
    result = []
    time.sleep(1)
    for pane in ["Check-in", "Critic", "Journal", "Trends"]:
        def ticks():
            fields = open(f"/proc/{pid}/stat").read().rsplit(") ", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        # Drain what was drawn, then measure a quiet window.
        while select.select([fd], [], [], 0.2)[0]:
            os.read(fd, 65536)
        before = ticks()
        time.sleep(seconds)
        used = (ticks() - before) / hz / seconds * 100
        result.append((pane, used))
        os.write(fd, b"\t")
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    return result


def jrnl_fixture(n=3650):
    """n daily entries of about 80 words, as a jrnl journal and as its JSON export."""
    rng = random.Random(7)
    words = ("quiet morning walk river tea tired hopeful rain sister called work long "
             "meeting kind gentle rest garden heron bus late slept badly laughed soup "
             "letter friend window light autumn cold coat park bench book read").split()
    text, entries = [], []
    day = time.mktime((2016, 1, 1, 9, 0, 0, 0, 0, -1))
    for i in range(n):
        stamp = time.localtime(day + i * 86400)
        date, clock = time.strftime("%Y-%m-%d", stamp), "09:00"
        title = f"Day {i} went {rng.choice(['well', 'slowly', 'gently', 'oddly'])}."
        body = " ".join(rng.choice(words) for _ in range(78)) + "."
        text.append(f"[{date} {clock}] {title}\n{body}\n")
        entries.append({"title": title, "body": body, "date": date, "time": clock, "tags": [], "starred": False})
    journal = os.path.join(WORK, "journal.txt")
    with open(journal, "w") as f:
        f.write("\n".join(text))
    export = os.path.join(WORK, "jrnl.json")
    with open(export, "w") as f:
        json.dump({"tags": {}, "entries": entries}, f)
    config = os.path.join(WORK, "jrnl.yaml")
    with open(config, "w") as f:
        f.write(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
            f"indent_character: '|'\njournals:\n  default:\n    journal: {journal}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n"
        )
    last10 = time.strftime("%Y-%m-%d", time.localtime(day + (n - 10) * 86400))
    return config, export, last10


def sync_rows(ten):
    """A second computer with its own ten years joins a folder the first filled (its first
    exchange sends ten years and receives ten), then an exchange with nothing new."""
    rows = []
    pass_file = os.path.join(WORK, "sync-pass")
    with open(pass_file, "w") as f:
        f.write("a bench passphrase\n")
    first_runs = []
    for n in range(RUNS):
        first = os.path.join(WORK, f"sync-{n}.db")
        subprocess.run(["cp", ten, first], check=True)
        folder = os.path.join(WORK, f"sync-folder-{n}")
        run([KINDLY, "--db", first, "sync", "init", folder, "--sync-passphrase-file", pass_file])
        joiner = os.path.join(WORK, f"sync-join-{n}.db")
        subprocess.run([KINDLY, "--db", joiner, "demo", "--weeks", "520", "--fill-only"], env=ENV,
                       check=True, stderr=subprocess.DEVNULL)
        first_runs.append(run([KINDLY, "--db", joiner, "sync", "join", folder, "--sync-passphrase-file", pass_file]))
        run([KINDLY, "--db", first, "sync"])
    rows.append(("kindly sync join: first exchange, ten years each way", statistics.median(t for t, _ in first_runs),
                 max(m for _, m in first_runs), 2.0, None))
    t, mb = medians([KINDLY, "--db", os.path.join(WORK, "sync-join-0.db"), "sync"])
    rows.append(("kindly sync with nothing new", t, mb, 0.050, None))
    return rows


def main():
    ten = os.path.join(WORK, "ten-years.db")
    subprocess.run([KINDLY, "--db", ten, "demo", "--weeks", "520", "--fill-only"], env=ENV, check=True,
                   stderr=subprocess.DEVNULL)
    if os.environ.get("KINDLY_BENCH_ONLY") == "sync":
        for label, t, mb, budget, _ in sync_rows(ten):
            b = f"{budget * 1000:.0f} ms" if budget else ""
            print(f"{label:52} {t * 1000:8.1f} ms {b:>8} {mb:7.1f} MB")
        return
    rows = []
    # kindly and the floor take turns, so both see the same machine at the same moment.
    frames, floors = [], []
    for _ in range(FRAME_RUNS):
        frames.append(first_frame(ten))
        # The floor's last cell drawn is the list's bottom-right corner.
        floors.append(first_frame(ten, [FLOOR, ten], (b"quit", "╯".encode())))
    kindly_frame = statistics.median(f[0] for f in frames)
    floor_frame = statistics.median(f[0] for f in floors)
    rows.append(("TUI start to first frame, ten years", kindly_frame,
                 max(f[1] for f in frames), 0.020, 25))
    rows.append(("floor (examples/floor.rs), same journal", floor_frame,
                 max(f[1] for f in floors), None, None))
    for label, argv, budget in [
        ("kindly trends --weeks 520", ["trends", "--weeks", "520"], None),
        ("kindly search walk", ["search", "walk"], 0.015),
        ("kindly export --format json", ["export", "--format", "json"], None),
        ("kindly status", ["status"], 0.010),
        ("kindly kind (a line for a shell start-up, remembered as shown)", ["kind"], 0.010),
        ("kindly search --like (earlier thoughts like this one)", ["search", "--like", "I'm a terrible person"], None),
    ]:
        t, mb = medians([KINDLY, "--db", ten] + argv)
        rows.append((label, t, mb, budget, None))
    rows.extend(sync_rows(ten))
    print(f"\nkindly on a ten-year journal (medians of {RUNS} runs; peak RSS is the largest)\n")
    print(f"{'what':44} {'time':>9} {'budget':>8} {'peak RSS':>9}")
    for label, t, mb, budget, mb_budget in rows:
        b = f"{budget * 1000:.0f} ms" if budget else ""
        print(f"{label:44} {t * 1000:7.1f} ms {b:>8} {mb:7.1f} MB")

    print(f"\nFirst frame against the floor: kindly {kindly_frame * 1000:.1f} ms, "
          f"floor {floor_frame * 1000:.1f} ms, ratio {kindly_frame / floor_frame:.2f} "
          f"(medians of {FRAME_RUNS} turns each)")

    print("\nIdle CPU with the TUI open 10 s on each pane:")
    for pane, pct in idle_cpu(ten):
        print(f"  {pane:10} {pct:.2f}% of a core")

    if JRNL:
        config, export, last10 = jrnl_fixture()
        jdb = os.path.join(WORK, "jrnl-entries.db")
        subprocess.run([KINDLY, "--db", jdb, "import", export, "--from", "jrnl"], env=ENV, check=True,
                       stdout=subprocess.DEVNULL)
        jenv = dict(ENV, HOME=WORK)
        pairs = [
            ("the last 10 entries", [JRNL, "--config-file", config, "-n", "10"],
             [KINDLY, "--db", jdb, "export", "--format", "md", "--from", last10]),
            ("entries containing 'heron'", [JRNL, "--config-file", config, "-contains", "heron"],
             [KINDLY, "--db", jdb, "search", "heron"]),
        ]
        print("\nSide by side on the same 3,650 entries of about 80 words (medians of 5 runs):\n")
        print(f"{'task':28} {'jrnl':>10} {'kindly':>10} {'ratio':>7} {'jrnl RSS':>9} {'kindly RSS':>11}")
        for label, j, k in pairs:
            jt, jm = medians(j, jenv)
            kt, km = medians(k)
            print(f"{label:28} {jt * 1000:7.0f} ms {kt * 1000:7.1f} ms {jt / kt:6.0f}x {jm:6.1f} MB {km:8.1f} MB")
        print("\n(kindly's 'last 10 entries' is `kindly export --format md --from DATE`.)")


if __name__ == "__main__":
    main()
