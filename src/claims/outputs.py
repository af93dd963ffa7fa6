"""Where a batch writes: checked before any file is opened, and never at the cost of an input.

`check_outputs` refuses an output that is an input (or inside a folder read as input) and outputs that
are one file, and checks that each output's folder exists, all before anything is opened. A new output
is written to `OUT.partial` beside it and renamed over OUT at the end (`ReplacingOutput`), so a run that
fails at once leaves the old OUT as it was; a run killed outright leaves OUT.partial, which `--resume`
takes up (`take_up_partial`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from .errors import ClaimsError

PARTIAL_SUFFIX = ".partial"


class OutputError(ClaimsError):
    """An output path that cannot be used; names it and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: by inode when both exist, else by their resolved spelling."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def inside(path: str | Path, folder: str | Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def check_outputs(inputs: Iterable[str], outputs: dict[str, str | None], read_suffixes: tuple[str, ...]) -> None:
    """Raise OutputError unless every output (option name → path; '-' or None for none) is safe to write.

    An output may not be an input, nor a file that a folder given as input would read (`read_suffixes`),
    nor the same file as another output; its folder must exist.
    """
    named = {option: path for option, path in outputs.items() if path not in (None, "-")}
    for option, path in named.items():
        for name in inputs:
            if name == "-":
                continue
            if same_file(path, name):
                raise OutputError(path, f"{option} is the input {name}; refusing to overwrite an input")
            if os.path.isdir(name) and inside(path, name) and Path(path).suffix.lower() in read_suffixes:
                raise OutputError(path, f"{option} lies in the input folder {name}, which would read it")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise OutputError(path, f"{option}: no such folder {folder}")
        if os.path.isdir(path):
            raise OutputError(path, f"{option} is a folder, not a file")
        if not os.access(path if os.path.exists(path) else folder, os.W_OK):
            raise OutputError(path, f"{option}: not writable")
    paths = list(named.items())
    for index, (option, path) in enumerate(paths):
        for other_option, other in paths[index + 1 :]:
            if same_file(path, other):
                raise OutputError(path, f"{option} and {other_option} are the same file")


def partial_path(path: str | Path) -> Path:
    return Path(f"{path}{PARTIAL_SUFFIX}")


def take_up_partial(path: str | Path) -> bool:
    """Before --resume: a run killed outright left its records in OUT.partial, which replace OUT."""
    partial = partial_path(path)
    if not partial.is_file():
        return False
    os.replace(partial, path)
    return True


class ReplacingOutput:
    """A text file written as OUT.partial and renamed over OUT on leaving the `with` block.

    Leaving on an exception before a line was written leaves OUT untouched (the partial is removed).
    A write that fails (a full disk) raises OutputError naming OUT.
    """

    def __init__(self, path: str | Path) -> None:
        self.path, self.partial = Path(path), partial_path(path)
        self.stream = None
        self.written = False

    def __enter__(self):
        with self.failures():
            self.stream = self.partial.open("w", encoding="utf-8")
        return self

    def write(self, text: str) -> None:
        self.written = True
        with self.failures():
            self.stream.write(text)

    def flush(self) -> None:
        with self.failures():
            self.stream.flush()

    def __exit__(self, kind, error, trace) -> None:
        try:
            with self.failures(quiet=kind is not None):
                self.stream.close()
        finally:
            if kind is None or self.written:
                os.replace(self.partial, self.path)
            else:
                self.partial.unlink(missing_ok=True)

    @contextmanager
    def failures(self, quiet: bool = False):
        try:
            yield
        except OSError as error:
            if not quiet:
                raise OutputError(str(self.path), f"cannot write: {error.strerror or error}") from None
