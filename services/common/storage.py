"""Where uploaded files' bytes live: one small interface, a local-disk implementation.

Keys are content-addressed names (``<hash>-<width>.<ext>``): the same bytes always get the
same key, so a write is idempotent and a stored object never changes (which is what lets
the public URLs be cached for a year). Another backend (an S3 bucket, say) implements the
same four methods; nothing else in the code touches the disk.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[a-z0-9][a-z0-9.-]{0,126}$")


class InvalidKey(ValueError):
    """A key that is not a plain content-addressed name (no separators, no `..`)."""


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key) or ".." in key:
        raise InvalidKey(key)
    return key


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (a second put of the same key is a no-op)."""

    def get(self, key: str) -> bytes | None:
        """The bytes under ``key``, or None when there are none."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Forget ``key`` (no error when it is already gone)."""


class LocalDiskStorage:
    """Files under ``root``, fanned out by the key's first two characters (``root/ab/abcd...``).

    Writes go to a temporary file in the same directory and are renamed into place, so a
    reader never sees half a file, even with several processes writing the same key.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        check_key(key)
        return self.root / key[:2] / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


__all__ = ["InvalidKey", "LocalDiskStorage", "Storage", "check_key"]
