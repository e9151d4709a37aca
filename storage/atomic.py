"""Files written whole or not at all: the one way Registre writes a file a user keeps.

The content goes to a temporary name beside the target (same folder, so the rename is
atomic on one file system), and is renamed over the target only when the writing ended
without error; otherwise the temporary file is removed and the target is left as it was.
A process killed while writing leaves the target untouched (tests/integration/test_kill.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced_on_success(target: Path, suffix: str = "tmp") -> Iterator[Path]:
    """A temporary path beside ``target`` for the block to write; renamed over ``target``
    when the block ends, removed if it raises."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{suffix}")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
