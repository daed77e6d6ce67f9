"""Runs the shell and Python snippets of README.md, every sub-README and CONTRIBUTING.md that are marked runnable.

Marking convention (an HTML comment on the line right before the opening fence; invisible on
GitHub):

  <!-- run -->              run the block: ```sh with bash -euo pipefail from the repository
                            root, ```python with .venv's python from a scratch folder
  <!-- run: emulator -->    the block that starts the emulator (exactly one, in README.md): its
                            first command is started in the background before any other block,
                            the `# ` lines right after it must be what it prints on stdout, and
                            the rest of the block runs as a normal block
  <!-- run: save NAME -->   write the block (any language) to NAME in the repository root, for a
                            later block of the same file (removed at the end)
  <!-- run: skip, REASON --> not run, for the reason given (a REASON is required)

Every ```sh / ```python block must carry one of these marks, so a new snippet cannot be
forgotten; a block that runs ./scripts/test.sh cannot be marked runnable (it is this run).
The emulator listens on a free port: `127.0.0.1:4566` and `--port 4566` in the snippets are
rewritten to it. PATH starts with .venv/bin, .tools/bin (python, pip, cbindgen) and
target/debug (the `cognito-sync` that `cargo install --path cli` would put on PATH).
Files a block leaves in the checkout are removed after it; a block that changes a tracked
file fails.

Usage: python scripts/check-doc-snippets.py PORT   (from the repository root)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\w*)\s*$")
MARK = re.compile(r"^<!--\s*run(?::\s*(.*?))?\s*-->\s*$")
RUNNABLE_LANGS = {"sh", "bash", "python"}


@dataclass
class Block:
    path: str
    line: int  # of the opening fence, 1-based
    lang: str
    text: str
    mark: str | None  # None: unmarked; "" : run; else the mark's argument

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def readmes() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "README.md", "*/README.md", "CONTRIBUTING.md"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted(out, key=lambda p: (p != "README.md", p))


def blocks(path: str) -> list[Block]:
    lines = (ROOT / path).read_text().split("\n")
    found = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        mark = None
        if i > 0 and (mm := MARK.match(lines[i - 1].strip())):
            mark = mm.group(1) or ""
        found.append(Block(path, i + 1, m.group(1), "\n".join(lines[i + 1 : j]) + "\n", mark))
        i = j + 1
    return found


def with_port(text: str, port: int) -> str:
    text = re.sub(r"127\.0\.0\.1:4566\b", f"127.0.0.1:{port}", text)
    return re.sub(r"--port 4566\b", f"--port {port}", text)


def env() -> dict[str, str]:
    e = dict(os.environ)
    # target/debug stands in for ~/.cargo/bin after `cargo install --path cli` (cognito-sync).
    e["PATH"] = f"{ROOT / '.venv' / 'bin'}:{ROOT / '.tools' / 'bin'}:{ROOT / 'target' / 'debug'}:{e.get('PATH', '')}"
    e["VIRTUAL_ENV"] = str(ROOT / ".venv")
    for var in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_SYNC", "COGNITO_IDENTITY_POOL_ID", "AWS_PROFILE"):
        e.pop(var, None)
    return e


def untracked() -> set[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.splitlines())


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Ends what a block started in the background (its own process group), then the block."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def run_block(block: Block, port: int, scratch: Path) -> None:
    text = with_port(block.text, port)
    before = untracked()
    if block.lang == "python":
        cmd = [str(ROOT / ".venv" / "bin" / "python"), "-"]
        cwd = scratch
    else:
        cmd = ["bash", "-euo", "pipefail", "-s"]
        cwd = ROOT
    started = time.monotonic()
    block_env = env()
    if block.lang == "python":
        block_env["PYTHONWARNINGS"] = "error"
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=block_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(text.encode(), timeout=600)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        sys.exit(f"{block.where}: timed out after 600 s")
    finally:
        # Background processes the block started (e.g. `... &`) end with it.
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    after = untracked()
    for entry in sorted(after - before):
        status, name = entry[:2], entry[3:]
        if status == "??":
            target = ROOT / name
            target.unlink() if target.is_file() or target.is_symlink() else shutil.rmtree(target)
        else:
            sys.exit(f"{block.where}: the snippet changed a tracked file: {entry}")
    output = out.decode(errors="replace")
    took = time.monotonic() - started
    if proc.returncode != 0:
        print(output, file=sys.stderr)
        sys.exit(f"{block.where}: the {block.lang} snippet failed (exit {proc.returncode})")
    last = [line for line in output.splitlines() if line.strip()][-1:] or ["(no output)"]
    print(f"   ran {block.where} ({block.lang}, {took:.1f} s): {last[0][:100]}")


def start_emulator(block: Block, port: int, scratch: Path) -> tuple[subprocess.Popen[bytes], Block]:
    lines = with_port(block.text, port).split("\n")
    i = 0
    command = []
    while True:
        command.append(lines[i])
        if not lines[i].rstrip().endswith("\\"):
            break
        i += 1
    i += 1
    expected = []
    while i < len(lines) and lines[i].startswith("# "):
        expected.append(lines[i][2:].rstrip())
        i += 1
    rest = Block(block.path, block.line, block.lang, "\n".join(lines[i:]), "")
    if not expected or not expected[0].startswith("listening on "):
        sys.exit(f"{block.where}: the emulator block must show its output as `# listening on ...` lines")
    out_path = scratch / "emulator.out"
    log = open(scratch / "emulator.log", "wb")
    proc = subprocess.Popen(
        ["bash", "-c", "exec " + "\n".join(command)], cwd=ROOT, env=env(), stdout=open(out_path, "wb"),
        stderr=log, start_new_session=True,
    )
    deadline = time.monotonic() + 300  # `cargo run` may have to build it
    got: list[str] = []
    while time.monotonic() < deadline:
        got = out_path.read_text().splitlines()
        if len(got) >= len(expected) or proc.poll() is not None:
            break
        time.sleep(0.1)
    got = [g.rstrip() for g in got[: len(expected)]]
    if got != expected:
        kill_group(proc)
        print((scratch / "emulator.log").read_text()[-3000:], file=sys.stderr)
        sys.exit(
            f"{block.where}: the emulator printed\n  " + "\n  ".join(got) + "\nbut the README shows\n  "
            + "\n  ".join(expected)
        )
    print(f"   started the emulator of {block.where}; its output matches the README ({len(expected)} lines)")
    return proc, rest


def main() -> None:
    port = int(sys.argv[1])
    problems = []
    all_blocks: list[Block] = []
    for path in readmes():
        for b in blocks(path):
            if b.lang not in RUNNABLE_LANGS and not (b.mark or "").startswith("save "):
                if b.mark is not None:
                    problems.append(f"{b.where}: a ```{b.lang} block can only be marked `run: save NAME`")
                continue
            if b.mark is None:
                problems.append(f"{b.where}: unmarked ```{b.lang} snippet (mark it `<!-- run -->` or `<!-- run: skip, why -->`)")
            elif b.mark.startswith("skip"):
                if not re.match(r"skip,\s*\S", b.mark):
                    problems.append(f"{b.where}: `run: skip` needs a reason: `<!-- run: skip, why -->`")
            elif b.mark not in ("", "emulator") and not b.mark.startswith("save "):
                problems.append(f"{b.where}: unknown mark `run: {b.mark}`")
            elif b.lang in ("sh", "bash") and re.search(r"(^|[\s/])scripts/test\.sh\b", b.text):
                problems.append(f"{b.where}: a snippet running scripts/test.sh cannot be run by it: mark it skip")
            all_blocks.append(b)
    emulators = [b for b in all_blocks if b.mark == "emulator"]
    if len(emulators) != 1:
        problems.append(f"exactly one `run: emulator` block is needed, found {len(emulators)}")
    if problems:
        sys.exit("README snippets:\n  " + "\n  ".join(problems))

    scratch = Path(tempfile.mkdtemp(prefix="docs-check-", dir=ROOT / "target"))
    saved: list[Path] = []
    emu, rest = start_emulator(emulators[0], port, scratch)
    ran = skipped = 0
    try:
        for b in all_blocks:
            if b.mark == "emulator":
                b = rest
            if b.mark is not None and b.mark.startswith("skip"):
                skipped += 1
                print(f"   skip {b.where}: {b.mark.split(',', 1)[1].strip()}")
                continue
            if b.mark is not None and b.mark.startswith("save "):
                target = ROOT / b.mark[5:].strip()
                if target.exists():
                    sys.exit(f"{b.where}: {target} exists; the check does not overwrite files")
                target.write_text(with_port(b.text, port))
                saved.append(target)
                continue
            if b.text.strip():
                run_block(b, port, scratch)
                ran += 1
            if emu.poll() is not None:
                sys.exit(f"after {b.where}: the emulator exited ({emu.returncode})")
    finally:
        kill_group(emu)
        for s in saved:
            s.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"docs: {ran} snippets ran, {skipped} skipped with a reason, 0 failed")


if __name__ == "__main__":
    main()
