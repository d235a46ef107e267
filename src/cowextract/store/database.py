"""Opening the store's SQLite file and writing to it safely: a connection that waits for
other writers, refuses a damaged file, falls back to reading a file or folder it cannot
write, and write transactions whose failures (a read-only file, a full disk, a lock held
too long) come out as one `StoreError`. The tables and queries are `store.py`'s."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from cowextract.errors import StoreError

# How long a writer waits for another's transaction (a clustering pass holds the lock for
# its whole length) before giving up with "database is locked".
BUSY_TIMEOUT = 300.0
Migration = Callable[[sqlite3.Connection], None]


def connect(path: str, migrations: Sequence[Migration], *, readonly_ok: bool = False
            ) -> tuple[sqlite3.Connection, bool]:
    """A connection to the database at `path`, created and migrated as needed, and whether
    it is read-only (only with `readonly_ok`, for a file or folder that cannot be written).
    A damaged database, or one that cannot be opened, raises `StoreError`."""
    if not path.strip():
        raise StoreError("the database path is empty (SQLite would use a temporary "
                         "database, lost at exit)")
    try:
        return _connect(path, migrations, readonly_ok)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from None


def _connect(path: str, migrations: Sequence[Migration], readonly_ok: bool
             ) -> tuple[sqlite3.Connection, bool]:
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        _wal(conn)
        _prepare(conn, path)
        migrate(conn, path, migrations)
        return conn, False
    except sqlite3.OperationalError as exc:
        conn.close()
        if not readonly_ok or not Path(path).is_file() or not cannot_write(exc):
            raise
    # A read-only file or folder: read it as it is. SQLite reads a WAL database read-only
    # only where it can make the `-shm` file beside it; in a read-only folder without one
    # the file is read as immutable (nobody can write it there either).
    for flags in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?{flags}", uri=True,
                               isolation_level=None, timeout=BUSY_TIMEOUT)
        try:
            _prepare(conn, path)
            break
        except sqlite3.OperationalError:
            conn.close()
            if flags != "mode=ro":
                raise
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != len(migrations):
        conn.close()
        raise StoreError(f"{path}: read-only, and its schema ({version}) is not this "
                         f"cowextract's ({len(migrations)}): open it once where it can be "
                         "written")
    return conn, True


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL mode. SQLite does not wait for another connection's lock here (the
    first writers of a new file race to switch it), so this waits in its stead."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY" or \
                    time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _prepare(conn: sqlite3.Connection, path: str) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    # Pages are checked as they are read, and the whole file once here: a database damaged
    # on disk (a bad copy, bytes overwritten) is refused by every command, even one whose
    # own reads would miss the damaged pages.
    conn.execute("PRAGMA cell_size_check=ON")
    if known_healthy(path):
        return
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    if problems != ["ok"]:
        raise StoreError(f"{path}: the database is damaged ("
                         f"{' '.join(' '.join(problems).split())[:200]}); restore it from a "
                         "backup or ingest again into a new one")
    remember_healthy(path)


# The whole-file check reads every page (about 2 s for a store of 10,000 articles), so its
# result is kept beside the database, with the file's size, modification time and inode:
# a command run on a file nobody has touched since it was checked, or since cowextract last
# wrote it, need not read it all again. A file changed any other way is checked again.
CHECKED = "-checked"


def _stamp(path: str) -> list[int] | None:
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def known_healthy(path: str) -> bool:
    """Whether the database file is as it was when last checked or written by cowextract."""
    try:
        return json.loads(Path(path + CHECKED).read_text()) == _stamp(path)
    except (OSError, ValueError):
        return False


def remember_healthy(path: str) -> None:
    """Record the file as healthy as it stands (nothing when its folder cannot be written)."""
    stamp = _stamp(path)
    if stamp is None:
        return
    try:
        Path(path + CHECKED).write_text(json.dumps(stamp))
    except OSError:
        pass


def migrate(conn: sqlite3.Connection, path: str, migrations: Sequence[Migration]) -> None:
    """Run the migrations the database has not had, in one transaction. Safe for concurrent
    first writers: the version is read again once the write lock is held."""
    def version() -> int:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > len(migrations):
            raise StoreError(f"{path}: written by a newer cowextract (schema {found})")
        return found

    if version() == len(migrations):
        return
    with transaction(conn, path):
        start = version()  # another process may have migrated while this one waited
        for number, step in enumerate(migrations[start:], start=start + 1):
            step(conn)
            conn.execute(f"PRAGMA user_version = {number}")


@contextmanager
def transaction(conn: sqlite3.Connection, path: str) -> Iterator[None]:
    """One write transaction (a savepoint within one already open): committed when the
    block ends, rolled back when it raises. SQLite's errors (a read-only file, a full disk,
    a lock held too long) become one `StoreError` naming the database."""
    nested = conn.in_transaction
    try:
        conn.execute("SAVEPOINT nested" if nested else "BEGIN IMMEDIATE")
        yield
        conn.execute("RELEASE nested" if nested else "COMMIT")
    except BaseException as exc:
        _roll_back(conn, nested)
        if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.ProgrammingError):
            raise StoreError(f"{path}: cannot write the database ({exc})") from None
        raise


def _roll_back(conn: sqlite3.Connection, nested: bool) -> None:
    # SQLite may have rolled back already (a full disk does that), or be unable to.
    if not conn.in_transaction:
        return
    try:
        conn.execute("ROLLBACK TO nested" if nested else "ROLLBACK")
        if nested:
            conn.execute("RELEASE nested")
    except sqlite3.Error:
        pass


def cannot_write(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite failed because the file or its folder cannot be written."""
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))
