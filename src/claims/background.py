"""Natasha's analysis of one article in a child process, while this process imports spaCy and the extractors.

A cold `claims extract` spends about half its time loading Natasha's models and the other half importing
spaCy, Pydantic and the extractors; on two cores the halves can overlap. The child (`python -m
claims.background`) loads the models, reads the text on its standard input and writes the pickled
`nlp.Analysis` to its standard output. Any failure of the child leaves the analysis to this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

from .nlp import Analysis

ENCODING = ("utf-8", "surrogatepass")  # the text as it is, lone surrogates included


def worth_it() -> bool:
    """Only a cold process on more than one core gains: one that has the models loaded, or one core, does not."""
    from .engines import default_workers
    from .nlp import load_natasha_models

    return default_workers() > 1 and load_natasha_models.cache_info().currsize == 0


class BackgroundAnalysis:
    """Start the child with `BackgroundAnalysis(text)`, do other work, then `result()`: the analysis, or None
    if the child failed."""

    COMMAND = [sys.executable, "-m", "claims.background"]

    def __init__(self, text: str) -> None:
        from .engines import ONE_THREAD  # one BLAS thread: this process has work for the other core

        self.text = text
        self.child = subprocess.Popen(
            [*self.COMMAND, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **ONE_THREAD},
        )

    def result(self) -> Analysis | None:
        try:
            output, _ = self.child.communicate(self.text.encode(*ENCODING))
            analysis = pickle.loads(output) if self.child.returncode == 0 else None
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        return analysis if isinstance(analysis, Analysis) else None

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
            self.child.wait()


def analysis_of(text: str) -> Analysis | None:
    """Natasha's analysis of `text` from a child process, made while this one gets ready to extract;
    None where a child does not pay (see `worth_it`) or failed."""
    if not worth_it():
        return None
    background = BackgroundAnalysis(text)
    try:
        get_ready_to_extract()
        return background.result()
    finally:
        background.close()


def get_ready_to_extract() -> None:
    """What extraction needs besides Natasha's models: spaCy, the extractors, the record, pymorphy2.

    What they load lives as long as the process: the collector skips it while loading and afterwards
    (as in `nlp.load_models`), which spares about 0.1 s of loading and as much at exit.
    """
    gc.disable()
    try:
        with stops_held():
            from . import pipeline  # noqa: F401
            from .nlp import cached_text_doc_class, load_morph_vocab, load_vocab

            load_vocab()
            load_morph_vocab()
            cached_text_doc_class()
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def stops_held():
    """Ctrl-C or SIGTERM held until the block ends, then acted on as usual. A KeyboardInterrupt raised while
    a compiled module initialises leaves CPython's «unhandled interrupt» mark set, and the process then dies
    of SIGINT whatever exit code it chose: spaCy's imports are such modules."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {stop: signal.signal(stop, lambda signum, frame: held.append(signum)) for stop in stops}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
    if held and callable(previous[held[0]]):
        previous[held[0]](held[0], None)


def serve() -> None:
    from .invisible import visible
    from .lifeline import die_with_parent
    from .nlp import load_natasha_models, natasha_analysis

    if sys.argv[1:]:  # the parent's pid: a parent killed outright leaves no child behind
        die_with_parent(int(sys.argv[1]))
    models = load_natasha_models()
    text = visible(sys.stdin.buffer.read().decode(*ENCODING)).text
    pickle.dump(natasha_analysis(text, models), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    serve()
    os._exit(0)  # the parent waits for the child's end: freeing the models is time nobody needs
