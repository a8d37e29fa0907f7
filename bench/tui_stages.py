"""Where a move's time goes inside the app, against an empty Textual app in the same run.

    python bench/tui_stages.py DB [--moves 40] [--pause 0.25]

bench/tui.py times a key from tmux to the screen; this one times it inside the process,
in stages, to say what of a move is the workbench's and what is Textual's own. Both apps
run in a 120x40 tmux pane with a probe that timestamps each `j`:

  parsed   the input thread has read the key and posts it to the app,
  handled  the app's message loop takes the key (a thread hand-off and a queue),
  painted  the frame is rendered and handed to the output thread (the key's action,
           the refresh, the compositor),
  written  the output thread has written and flushed it.

The empty app is bench/tui.py's: a key that repaints one label. The probe patches
Textual's internals (the Linux driver, App._display, the writer thread), so it follows
the Textual version installed; it changes no timing it does not measure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tui import BASELINE_APP, PANE, SIZE, script, tmux, warm_bytecode

PROBE = '''
import atexit, os, time
from textual import app as app_mod, events
from textual.drivers import _writer_thread, linux_driver

log, state = [], {}
process_message = linux_driver.LinuxDriver.process_message
def parsed(self, message):
    if isinstance(message, events.Key) and message.key == "j":
        state.clear()
        state["parsed"] = time.perf_counter()
    return process_message(self, message)
linux_driver.LinuxDriver.process_message = parsed

on_event = app_mod.App.on_event
async def handled(self, event):
    if isinstance(event, events.Key) and "parsed" in state:
        state.setdefault("handled", time.perf_counter())
    return await on_event(self, event)
app_mod.App.on_event = handled

display = app_mod.App._display
def painted(self, screen, renderable):
    result = display(self, screen, renderable)
    if "handled" in state:
        state.setdefault("painted", time.perf_counter())
    return result
app_mod.App._display = painted

def run(self):
    write, flush = self._file.write, self._file.flush
    get, qsize = self._queue.get, self._queue.qsize
    while (text := get()) is not None:
        write(text)
        if qsize() == 0:
            flush()
            if "painted" in state and "written" not in state:
                state["written"] = time.perf_counter()
                log.append([state[k] for k in ("parsed", "handled", "painted", "written")])
    flush()
_writer_thread.WriterThread.run = run

def dump():
    with open(os.environ["STAGES_LOG"], "w") as f:
        f.writelines(" ".join(map(str, row)) + "\\n" for row in log)
atexit.register(dump)
'''

STAGES = ("handled", "painted", "written")


def measure(program: str, args: str, quit_key: str, moves: int, pause: float,
            folder: Path) -> list[list[float]]:
    """The stage times (ms: parsed->handled, ->painted, ->written) of `moves` presses of j
    in `program` run with `args` under the probe; `quit_key` ends it (its exit writes the
    log)."""
    log = folder / "stages.log"
    log.unlink(missing_ok=True)
    tmux("kill-session", "-t", PANE)
    tmux("new-session", "-d", "-s", PANE, "-x", SIZE[0], "-y", SIZE[1],
         f"exec env -u PYTHONDONTWRITEBYTECODE STAGES_LOG={log} PYTHONPATH={folder}"
         f" {sys.executable} -c 'import probe; {program}' {args}")
    time.sleep(5)  # launched, painted, and the first claim's work done
    tmux("send-keys", "-t", PANE, "g")  # the list's top: the session may rest at its end
    time.sleep(1)
    for _ in range(moves):
        tmux("send-keys", "-t", PANE, "j")
        time.sleep(pause)
    tmux("send-keys", "-t", PANE, quit_key)
    for _ in range(50):
        if log.exists():
            break
        time.sleep(0.1)
    tmux("kill-session", "-t", PANE)
    rows = [list(map(float, line.split())) for line in log.read_text().splitlines()]
    return [[(row[k + 1] - row[k]) * 1000 for k in range(3)] for row in rows]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--moves", type=int, default=40)
    p.add_argument("--pause", type=float, default=0.25,
                   help="seconds between two keys (the work a rest starts runs between)")
    args = p.parse_args()
    warm_bytecode()
    with tempfile.TemporaryDirectory(prefix="workbench-stages-") as tmp:
        folder = Path(tmp)
        (folder / "probe.py").write_text(PROBE)
        empty = script(BASELINE_APP)
        try:
            base = measure(f"exec(open(\"{empty}\").read())", "", "C-q", args.moves,
                           args.pause, folder)
        finally:
            os.unlink(empty)
        ours = measure("import sys; from workbench.cli import main; sys.exit(main())",
                       f"--db {args.db} review --session bench", "q", args.moves,
                       args.pause, folder)
    print(f"{args.db}, 120x40 tmux, j at a {args.pause} s pace, medians of"
          f" {len(ours)} and {len(base)} keys (ms)")
    print(f"{'':<18}" + "".join(f"{s:>10}" for s in (*STAGES, "total")))
    for name, rows in (("empty Textual app", base), ("workbench", ours)):
        cols = [statistics.median(c) for c in zip(*rows, strict=True)]
        total = statistics.median(sum(r) for r in rows)
        print(f"{name:<18}" + "".join(f"{v:10.2f}" for v in (*cols, total)))
    ours_total = statistics.median(sum(r) for r in ours)
    base_total = statistics.median(sum(r) for r in base)
    print(f"workbench's move x{ours_total / base_total:.2f} of the empty app's key,"
          f" +{ours_total - base_total:.2f} ms")


if __name__ == "__main__":
    main()
