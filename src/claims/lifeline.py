"""Child processes end with their parent, however it ends.

A parent killed outright (kill -9, the OOM killer) cannot stop its children, which would go on
holding their models (about 300 MB each) under PID 1. `die_with_parent` starts a thread that ends the
process once its parent is gone: the parent's pid no longer the process's parent pid.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY = 0.5  # seconds


def die_with_parent(parent: int, every: float = CHECK_EVERY) -> None:
    """End this process soon after process `parent` (this one's parent when it started) ends."""
    threading.Thread(target=watch_parent, args=(parent, every), name="claims-lifeline", daemon=True).start()


def watch_parent(parent: int, every: float) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)
