"""How a command ends when it is stopped or cannot write: Ctrl-C, SIGTERM, a full disk.

Ctrl-C ends any command with exit code 130, SIGTERM (`kill PID`) with 143, as a shell reports a process
killed by those signals; SIGTERM is raised as `Terminated`, a KeyboardInterrupt, so whatever cleans up
after Ctrl-C (a background child, whole lines and a summary in `claims batch`) does so after it too.
An output that cannot be written (a full disk) is one line naming it, never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

import click

EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be."""


def raise_terminated(signum, frame) -> None:
    raise Terminated()


def terminate_like_ctrl_c():
    """Raise Terminated on SIGTERM; returns the handler it replaced (None off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, raise_terminated)


def exit_code_of(stop: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


class EndingGroup(click.Group):
    """A command group whose commands end in one line and a shell's exit code when stopped or out of space."""

    def invoke(self, ctx):
        previous = terminate_like_ctrl_c()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            click.echo("claims: interrupted", err=True)
            ctx.exit(exit_code_of(stop))
        except BrokenPipeError:
            silence_stdout()  # the reader went away (`claims ... | head`): end quietly, as Unix tools do
            ctx.exit(0)
        except OSError as error:
            fail_to_write(error.filename or "standard output", error)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            flush_standard_output()


def flush_standard_output() -> None:
    """Flush stdout here, where a failure can be one line, rather than at exit, where it is a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return
    except OSError as error:
        fail_to_write("standard output", error)


def fail_to_write(name: str, error: OSError) -> None:
    """One line, and stdout pointed at /dev/null so that nothing tries to flush the failed buffer again."""
    click.echo(f"claims: {name}: {error.strerror or error}", err=True)
    silence_stdout()
    raise SystemExit(1)


def silence_stdout() -> None:
    """What is left to write to standard output goes nowhere: its reader went away (`claims ... | head`) or
    its disk is full, and nothing should try to flush the failed buffer again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
