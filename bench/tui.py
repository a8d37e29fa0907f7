"""The review TUI in a real terminal (tmux), against an empty Textual app in the same run.

    python bench/tui.py DB [--runs 5] [--moves 30]

DB is built by bench/make_db.py (e.g. `python bench/make_db.py /tmp/b.db --claims 1000000
--sessions a,b`). Each launch opens `workbench --db DB review --session bench` in a 120x40
tmux pane and polls `tmux capture-pane` until the first claim is on screen. Then, in one
launch: `j` moves (until the top line's list position reads the next row), `s`/backspace tags
(until the verdict panel shows the new status), `G` to the last of the million, and a fuzzy
search (from enter until the list shows the matches). Memory is the process's resident set
after all that (VmRSS) and its peak (VmHWM).

Keys are pressed two ways. At a reader's pace (the figures held to the targets), each key
comes --pause seconds after the last frame, as when a reviewer reads a claim before moving
on: the work the app does once the cursor rests (remembering the place, seeking similar
claims) runs between keys, and any of it still running shows as latency. Held down, the
next key goes the moment the last one's frame shows: Textual paints on a 60 Hz clock, so
a key arriving mid-frame waits for the next tick, and both apps land on multiples of
16.7 ms; this is the pace of a held key's auto-repeat, quoted for throughput.

Both run as on a reviewer's machine, where Python caches compiled bytecode: this sandbox
sets PYTHONDONTWRITEBYTECODE, which would make every launch compile the workbench's own
modules again (about 50 ms), so the launches unset it after one warm-up import.

The baseline is an empty Textual app measured the same way in the same run: its paint, and
a key that repaints one label. With --visidata PATH (its `vd`), VisiData is measured the
same way too, opened on the claims table: its first rows, `j` (until the reversed cursor
row is the next id) and its memory, both once it has read the table for --settle seconds.
Polling tmux costs a few milliseconds a look, so latencies are quoted beside the
baseline's, which pays the same, and beside the floor: a raw-mode program that writes one
line per key with no framework at all, which is what sending a key and reading the pane
cost by themselves. Targets (issue 5): first paint
0.5 s, move and tag 20 ms, search 300 ms, memory 150 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PANE = "wbbench"
SIZE = ("120", "40")

BASELINE_APP = '''
from textual.app import App
from textual.widgets import Static

class Empty(App):
    BINDINGS = [("j", "bump", "bump")]
    n = 0
    def compose(self):
        yield Static("ready 0", id="c")
    def action_bump(self):
        self.n += 1
        self.query_one("#c", Static).update(f"ready {self.n}")

Empty().run()
'''

FLOOR_APP = '''
import os, sys, tty
tty.setraw(0)
os.write(1, b"\\x1b[2J\\x1b[Hready 0")
n = 0
while os.read(0, 16) != b"q":
    n += 1
    os.write(1, f"\\x1b[Hready {n}".encode())
'''


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen(attributes: bool = False) -> str:
    return tmux("capture-pane", "-t", PANE, "-p", *(["-e"] if attributes else []))


def launch(command: str) -> float:
    """Start `command` in a fresh pane (bytecode caching on); the time it was started."""
    tmux("kill-session", "-t", PANE)
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", PANE, "-x", SIZE[0], "-y", SIZE[1],
         f"exec env -u PYTHONDONTWRITEBYTECODE {command}")
    return started


def warm_bytecode() -> None:
    """Compile the workbench's modules once, as a reviewer's first launch would."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "import workbench.cli, workbench.tui.app"],
                   env=env, check=True)


def wait_for(test: Callable[[str], bool], started: float, timeout: float = 30.0, *,
             attributes: bool = False) -> float:
    """Seconds from `started` until the screen (with its attributes, if asked) passes
    `test`."""
    while True:
        text = screen(attributes)
        if test(text):
            return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"timed out; the screen shows:\n{text}")


def press(key: str, test: Callable[[str], bool], pause: float = 0.0, *,
          attributes: bool = False) -> float:
    """Seconds from sending `key` (after `pause`) until the screen passes `test`."""
    time.sleep(pause)
    started = time.perf_counter()
    tmux("send-keys", "-t", PANE, key)
    return wait_for(test, started, attributes=attributes)


def pid() -> int:
    return int(tmux("display", "-p", "-t", PANE, "#{pane_pid}").strip())


def memory_mb(process: int) -> tuple[float, float]:
    """(resident, peak resident) in MB."""
    fields = {}
    for line in Path(f"/proc/{process}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms"


def script(source: str) -> str:
    """A temporary file holding `source` (the caller unlinks it)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    return f.name


def floor(moves: int, pause: float) -> list[float]:
    """Key-to-screen times of a raw-mode program that writes one line per key: what the
    measuring costs by itself."""
    path = script(FLOOR_APP)
    started = launch(f"{sys.executable} {path}")
    wait_for(lambda s: "ready 0" in s, started)
    keys = [press("j", lambda s, n=n: f"ready {n}" in s, pause) for n in range(1, moves + 1)]
    tmux("kill-session", "-t", PANE)
    os.unlink(path)
    return keys


def baseline(runs: int, moves: int, pause: float) -> dict[str, object]:
    """An empty Textual app: paint times, key-to-repaint times (at a reader's pace and
    held), resident MB."""
    path = script(BASELINE_APP)
    paints: list[float] = []
    keys: dict[str, list[float]] = {"read": [], "held": []}
    rss = 0.0
    for run in range(runs):
        started = launch(f"{sys.executable} {path}")
        paints.append(wait_for(lambda s: "ready 0" in s, started))
        if run == 0:
            for pace, wait, first in (("read", pause, 1), ("held", 0.0, moves + 1)):
                for n in range(first, first + moves):
                    keys[pace].append(press("j", lambda s, n=n: f"ready {n}" in s, wait))
            rss = memory_mb(pid())[0]
    tmux("kill-session", "-t", PANE)
    os.unlink(path)
    return {"paints": paints, "keys": keys, "rss": rss}


def position(s: str) -> str | None:
    """The list position 'N/TOTAL' from the top line ("claim N/TOTAL" at its right)."""
    top = s.splitlines()[0] if s else ""
    if "claim " not in top:
        return None
    return top.rsplit("claim ", 1)[1].strip()


def ours(db: Path, runs: int, moves: int, query: str, pause: float) -> dict[str, object]:
    beside = Path(sys.executable).with_name("workbench")  # this venv's, even if not on PATH
    command = f"{beside if beside.exists() else 'workbench'} --db {db} review --session bench"
    first = lambda s: "│·" in s or "│✓" in s  # noqa: E731 (a glyph at the start of a list row)
    paints = []
    for _ in range(runs):
        paints.append(wait_for(first, launch(command)))
        tmux("kill-session", "-t", PANE)
    started = launch(command)
    wait_for(lambda s: "…" not in (position(s) or "…"), started)  # placed and counted
    at, total = position(screen()).split("/")
    if int(at.replace(",", "")) + 2 * moves >= int(total.replace(",", "")):
        # the session resumed too near the end (a last run's G) for the moves: go to the top
        press("g", lambda s: (position(s) or "").startswith("1/"))
        at = "1"
    first = int(at.replace(",", "")) + 1  # the session may resume where it was left
    moves_s: dict[str, list[float]] = {"read": [], "held": []}
    for pace, wait, start in (("read", pause, first), ("held", 0.0, first + moves)):
        for n in range(start, start + moves):
            moves_s[pace].append(
                press("j", lambda s, n=n: position(s) == f"{n:,}/{total}", wait))
    tags = []
    for _ in range(moves // 2):
        tags.append(press("s", lambda s: "SUPPORTED" in s, pause))
        tags.append(press("BSpace", lambda s: "UNREVIEWED" in s, pause))
    last = press("G", lambda s: position(s) == f"{total}/{total}")
    time.sleep(0.5)  # let the work a rest on a claim starts (similar claims) finish first
    tmux("send-keys", "-t", PANE, "/")
    wait_for(lambda s: "Search claims" in s, time.perf_counter())
    tmux("send-keys", "-t", PANE, "-l", query)
    wait_for(lambda s: query in s, time.perf_counter())  # typed, before the clock starts
    time.sleep(0.3)
    search = press("Enter", lambda s: "search" in s.splitlines()[1])
    rss, peak = memory_mb(pid())
    tmux("send-keys", "-t", PANE, "q")
    return {"paints": paints, "moves": moves_s, "tags": tags, "last": last, "search": search,
            "rss": rss, "peak": peak, "total": total}


def visidata(vd: str, db: Path, runs: int, moves: int, pause: float,
             settle: float) -> dict[str, object]:
    """VisiData on the claims table: paint times, then, once it has read the table for
    `settle` seconds, moves at a reader's pace and resident MB."""
    command = f"{vd} {db} +:claims:1:1"
    first = re.compile(r"^\s*1 ║", re.MULTILINE)
    paints = []
    for _ in range(runs):
        paints.append(wait_for(lambda s: bool(first.search(s)), launch(command)))
        tmux("kill-session", "-t", PANE)

    def cursor_at(n: int) -> Callable[[str], bool]:
        row = re.compile(rf"^\x1b\[[0-9;]*7m[^ ]*\s*{n} ", re.MULTILINE)  # reversed: the cursor
        return lambda s: bool(row.search(s))

    launch(command)
    wait_for(lambda s: bool(first.search(s)), time.perf_counter())
    time.sleep(settle)  # moves once the table is read: while it reads, they take longer
    moves_s = [press("j", cursor_at(n), pause, attributes=True)
               for n in range(2, moves + 2)]
    rss, peak = memory_mb(pid())
    tmux("kill-session", "-t", PANE)
    return {"paints": paints, "moves": moves_s, "rss": rss, "peak": peak}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--moves", type=int, default=30)
    p.add_argument("--query", default="council rejectd the vote")
    p.add_argument("--pause", type=float, default=0.3,
                   help="seconds between a frame and the next key at a reader's pace")
    p.add_argument("--visidata", metavar="VD", help="VisiData's vd, to measure it too")
    p.add_argument("--settle", type=float, default=20.0,
                   help="seconds VisiData reads the table before its memory is taken")
    args = p.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("error: tmux is needed")
    warm_bytecode()
    f = statistics.median(floor(args.moves, args.pause))
    b = baseline(args.runs, args.moves, args.pause)
    r = ours(args.db, args.runs, args.moves, args.query, args.pause)
    b_paint = statistics.median(b["paints"])
    paint = statistics.median(r["paints"])
    print(f"database: {args.db} ({r['total']} claims), 120x40 tmux, medians")
    print(f"floor (raw key echo, no framework)         key repaint {f * 1000:7.1f} ms")
    print(f"empty Textual app  paint {b_paint * 1000:7.1f} ms   key repaint"
          f" {median_ms(b['keys']['read'])} ({median_ms(b['keys']['held']).strip()} held)"
          f"   rss {b['rss']:6.1f} MB")
    print(f"first paint        {paint * 1000:7.1f} ms   x{paint / b_paint:.2f} of the empty app"
          "   (target 500 ms)")
    for name, values, pace in (("move (j)", r["moves"]["read"], "read"),
                               ("tag (s, backspace)", r["tags"], "read"),
                               ("move (j), held", r["moves"]["held"], "held")):
        m, base = statistics.median(values), statistics.median(b["keys"][pace])
        p90 = statistics.quantiles(values, n=10)[-1]
        target = "   (target 20 ms)" if pace == "read" else ""
        print(f"{name:<18} {median_ms(values)}   +{(m - base) * 1000:.1f} ms over the empty "
              f"app's key, +{(m - f) * 1000:.1f} over the floor   p90 {p90 * 1000:.1f} ms"
              f"{target}")
    print(f"jump to last (G)   {r['last'] * 1000:7.1f} ms")
    print(f"search             {r['search'] * 1000:7.1f} ms   (target 300 ms)")
    print(f"memory             rss {r['rss']:6.1f} MB   peak {r['peak']:6.1f} MB   "
          f"x{r['rss'] / b['rss']:.2f} of the empty app   (target 150 MB)")
    if args.visidata:
        v = visidata(args.visidata, args.db, args.runs, args.moves, args.pause, args.settle)
        over = (statistics.median(v["moves"]) - f) * 1000
        print(f"visidata           first rows {median_ms(v['paints']).strip()}   move (j)"
              f" {median_ms(v['moves']).strip()} (+{over:.1f} over the floor)"
              f"   rss {v['rss']:.1f} MB"
              f" (peak {v['peak']:.1f}), moves and memory after {args.settle:.0f} s of reading")


if __name__ == "__main__":
    main()
