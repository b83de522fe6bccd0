"""Benchmark of ``ntsplan lsp`` as an editor drives it (issue 18): a real server over stdio.

* burst: 100 changes to one value chain in one second (10 ms apart, no waiting), then the
  time from the last change to the diagnostics of that change, at 1x and 100x;
* long line: completion and hover on a line of 1 MB (one long word, the worst case for a
  scan of the word under the cursor), round trip;
* memory: the server's resident memory after 1,000 and after 100,000 small changes (typing a
  letter and taking it back, as incremental changes), each measured once the server is idle;
* rename: a ROM id used in 8 or more files: one workspace edit (in process, from the plan
  index), applied to a copy of the plan, which must then validate with no problem.

The client is a plain JSON-RPC client on the server's stdin/stdout, as Neovim's would be.
"""

from __future__ import annotations

import json
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from measure import fmt_s, print_table, verdict

from ntsplan.check import check_folder
from ntsplan.edits import apply_edits
from ntsplan.lsp.index import build_index
from ntsplan.lsp.rename import Target, rename_plan
from ntsplan.lsp.session import PlanSession

NTSPLAN = Path(sys.executable).parent / "ntsplan"
BURST = 100
BURST_SECONDS = 1.0
LONG_LINE = 1_000_000
TARGETS = {"burst": {1: 0.050, 100: 0.250}, "long": 0.050, "memory": 1.2}


class Client:
    """A minimal LSP client over a subprocess's pipes."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [str(NTSPLAN), "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.responses: dict[int, queue.Queue[Any]] = {}
        self.diagnostics: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        )
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put((time.perf_counter(), message["params"]))
            elif "id" in message:  # a request of the server's (registerCapability)
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        with self.lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        ident = self.next_id
        waiting = self.responses.setdefault(ident, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        answer = waiting.get(timeout=120)
        del self.responses[ident]
        return answer.get("result")

    def wait_for(self, uri: str, needle: str | None, timeout: float = 120) -> float:
        """When diagnostics for ``uri`` arrived whose messages contain ``needle`` (None: an
        empty list)."""
        deadline = time.perf_counter() + timeout
        while True:
            at, params = self.diagnostics.get(timeout=max(deadline - time.perf_counter(), 0.01))
            if params["uri"] != uri:
                continue
            messages = " ".join(d["message"] for d in params["diagnostics"])
            if (needle is None and not messages) or (needle is not None and needle in messages):
                return at

    def memory_kb(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1])

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


def _chain(root: Path) -> Path:
    return sorted((root / "valuechains").glob("*.yaml"))[0]


def _marker(text: str) -> str:
    return "\n  nl: " if "\ntitle:\n  nl: " in text else "\ntitle: "


def _open(client: Client, file: Path, text: str) -> str:
    uri = file.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri


def _whole(client: Client, uri: str, version: int, text: str) -> None:
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}],
        },
    )


def burst(root: Path) -> tuple[float, float]:
    """(last change -> its diagnostics, one single keystroke -> its diagnostics), seconds."""
    client = Client(root)
    try:
        chain = _chain(root)
        text = chain.read_text(encoding="utf-8")
        lead = "\n  lead: "
        assert lead in text, chain
        uri = _open(client, chain, text)
        client.wait_for(uri, None)
        # One keystroke alone first (the 1x/100x figure of before, over stdio).
        started = time.perf_counter()
        _whole(client, uri, 2, text.replace(lead, f"{lead}alone", 1))
        single = client.wait_for(uri, "'alone") - started
        version = 3
        for stroke in range(BURST):
            name = "last" if stroke == BURST - 1 else f"r{stroke}"
            _whole(client, uri, version, text.replace(lead, f"{lead}{name}", 1))
            version += 1
            if stroke < BURST - 1:
                time.sleep(BURST_SECONDS / BURST)
        ended = time.perf_counter()
        return client.wait_for(uri, "'last") - ended, single
    finally:
        client.close()


def long_line(root: Path, work: Path) -> tuple[float, float, float]:
    """(completion, hover at the middle, hover at the end) on a 1 MB line, seconds."""
    client = Client(root)
    try:
        chain = _chain(root)
        text = chain.read_text(encoding="utf-8")
        word = "x" * LONG_LINE
        marker = _marker(text)
        body = text.replace(marker, f"{marker}{word} ", 1)  # the title: one 1 MB word
        row = body[: body.index(word)].count("\n")
        column = len(marker) - 1
        uri = _open(client, chain, body)
        client.wait_for(uri, "")  # checked once
        timings: list[list[float]] = [[], [], []]
        asks = [
            ("textDocument/completion", column + LONG_LINE + 1),
            ("textDocument/hover", column + LONG_LINE // 2),
            ("textDocument/hover", column + LONG_LINE),
        ]
        for _ in range(5):
            for index, (method, character) in enumerate(asks):
                started = time.perf_counter()
                client.request(
                    method,
                    {
                        "textDocument": {"uri": uri},
                        "position": {"line": row, "character": character},
                    },
                )
                timings[index].append(time.perf_counter() - started)
        return tuple(statistics.median(t) for t in timings)  # type: ignore[return-value]
    finally:
        client.close()


def memory(root: Path, changes: int) -> tuple[int, int]:
    """Resident memory (kB) after 1,000 and after ``changes`` small changes."""
    client = Client(root)
    try:
        chain = _chain(root)
        text = chain.read_text(encoding="utf-8")
        marker = _marker(text)
        before = text[: text.index(marker) + len(marker)]
        row, column = before.count("\n"), len(before) - before.rfind("\n") - 1
        uri = _open(client, chain, text)
        client.wait_for(uri, None)
        at = {"line": row, "character": column}
        after = {"line": row, "character": column + 1}
        figures = []
        version = 1
        for goal in (1_000, changes):
            while version < goal:
                version += 1
                typing = version % 2 == 0
                change = (
                    {"range": {"start": at, "end": at}, "text": "x"}
                    if typing
                    else {"range": {"start": at, "end": after}, "text": ""}
                )
                client.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
                )
            # Idle: a round trip after the last change, then the last check's diagnostics.
            client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at})
            time.sleep(1.0)
            figures.append(client.memory_kb())
        return figures[0], figures[1]
    finally:
        client.close()


def rename(root: Path, work: Path) -> tuple[str, int, int, int, float]:
    """(ROM, files edited, edits, problems after applying, seconds) for the ROM used in the
    most files."""
    session = PlanSession(root)
    result = session.check()
    assert result is not None
    index = build_index(result.sources)
    counts = {
        symbol: len({use.file for use in uses})
        for symbol, uses in index.uses.items()
        if symbol[0] == "rom"
    }
    symbol = max(counts, key=lambda s: (counts[s], s))
    definition = next(u for u in index.uses[symbol] if u.definition)
    target = Target(symbol, definition.line - 1, definition.column - 1, 0)
    started = time.perf_counter()
    plan = rename_plan(index, target, f"{symbol[1]}-renamed", root, session.text_of)
    elapsed = time.perf_counter() - started
    copy = work / "rename-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy)
    texts = {e.file: session.text_of(e.file) for e in plan.edits}
    for file, new in apply_edits(texts, plan.edits).items():
        (copy / file.relative_to(root)).write_text(new, encoding="utf-8")
    after = check_folder(copy)
    files = len({e.file for e in plan.edits})
    return symbol[1], files, len(plan.edits), len(after.problems), elapsed


def run(folders: dict[int, Path], work: Path, *, quick: bool) -> tuple[list[str], bool]:
    """Measure; print the tables; the target lines and whether all passed."""
    verdicts: list[str] = []
    ok = True
    rows = []
    for factor, folder in folders.items():
        last, single = burst(folder.resolve())
        target = TARGETS["burst"][factor]
        passed = last <= target
        ok = ok and passed
        rows.append([f"{factor}x", fmt_s(single), fmt_s(last)])
        verdicts.append(
            f"  [{verdict(passed)}] after {BURST} changes in {BURST_SECONDS:.0f} s at {factor}x, "
            f"the last change's diagnostics within {target * 1000:.0f} ms: {last * 1000:.1f} ms"
        )
    print("== ntsplan lsp over stdio: a burst of changes ==")
    print_table(["plan", "one keystroke -> diagnostics", "burst end -> last diagnostics"], rows)

    data = folders[1].resolve()
    completion, hover_middle, hover_end = long_line(data, work)
    print("== ntsplan lsp over stdio: a line of 1 MB ==")
    print_table(
        ["request", "round trip (median of 5)"],
        [
            ["completion at the end", fmt_s(completion)],
            ["hover in the middle", fmt_s(hover_middle)],
            ["hover at the end", fmt_s(hover_end)],
        ],
    )
    worst = max(completion, hover_middle, hover_end)
    passed = worst <= TARGETS["long"]
    ok = ok and passed
    verdicts.append(
        f"  [{verdict(passed)}] completion and hover on a 1 MB line within "
        f"{TARGETS['long'] * 1000:.0f} ms: slowest {worst * 1000:.1f} ms"
    )

    changes = 10_000 if quick else 100_000
    first, last_kb = memory(data, changes)
    ratio = last_kb / first
    print(f"== ntsplan lsp over stdio: memory over {changes:,} changes ==")
    print_table(
        ["after", "resident memory"],
        [["1,000 changes", f"{first / 1024:.1f} MB"], [f"{changes:,}", f"{last_kb / 1024:.1f} MB"]],
    )
    passed = ratio <= TARGETS["memory"]
    ok = ok and passed
    verdicts.append(
        f"  [{verdict(passed)}] memory after {changes:,} changes at most "
        f"{TARGETS['memory']}x that after 1,000: {ratio:.3f}x"
    )

    rom, files, edits, problems, seconds = rename(data, work)
    print("== ntsplan lsp: rename of the ROM id used in the most files ==")
    print_table(
        ["ROM", "files", "edits", "problems after", "compute"],
        [[rom, str(files), str(edits), str(problems), fmt_s(seconds)]],
    )
    passed = files >= 8 and problems == 0
    ok = ok and passed
    verdicts.append(
        f"  [{verdict(passed)}] rename of a ROM id used in {files} files: one workspace edit "
        f"({edits} edits), applied, the plan validates with {problems} problems"
    )
    return verdicts, ok
