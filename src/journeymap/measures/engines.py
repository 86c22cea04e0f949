"""The engines a measure runs on, behind one narrow interface: register a source's files as a
view, list its columns, run a query. Chosen in one place (`open_engine`) and imported only
when `journeymap measure` runs, so no other command loads an engine.

- DuckDB (the default, embedded: nothing to install or start). It is started locked down: no
  file outside the source files' folders, no extension loaded or installed, no network, a
  memory limit and a thread count set by journeymap (settings `[engine]`), and spilling to a
  temporary folder of its own when the memory limit is reached.
- Spark (`pip install "journeymap[spark]"`): the same queries in Spark's dialect, on a local
  session or the master the settings or SPARK_MASTER name.
"""

from __future__ import annotations

import tempfile
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from journeymap.errors import UsageError
from journeymap.measures.query import DIALECTS, Dialect, Quoter


class EngineError(Exception):
    """The engine refused a query or could not read the data; the message is for the user."""


class Engine(Protocol):
    dialect: Dialect

    def register(self, view: str, files: list[Path], file_format: str) -> None: ...

    def columns(self, view: str) -> list[str]: ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def close(self) -> None: ...


class DuckDBEngine:
    dialect = DIALECTS["duckdb"]

    def __init__(self, folders: list[Path], memory_limit: str, threads: int) -> None:
        import duckdb

        self._spill = tempfile.TemporaryDirectory(prefix="journeymap-duckdb-")
        self.con = duckdb.connect(config={
            "autoload_known_extensions": False, "autoinstall_known_extensions": False,
            "memory_limit": memory_limit, "threads": threads,
            "temp_directory": self._spill.name})
        allowed = sorted({str(f) + "/" for f in folders} | {self._spill.name + "/"})
        quote = Quoter(self.dialect).literal
        self.con.execute(f"SET allowed_directories = [{', '.join(map(quote, allowed))}]")
        self.con.execute("SET enable_external_access = false")
        self.con.execute("SET lock_configuration = true")

    def register(self, view: str, files: list[Path], file_format: str) -> None:
        quote = Quoter(self.dialect).literal
        listed = "[" + ", ".join(quote(str(f)) for f in files) + "]"
        reader = {"csv": f"read_csv({listed}, all_varchar = true, header = true)",
                  "parquet": f"read_parquet({listed})",
                  "json": f"read_json({listed}, format = 'newline_delimited')"}[file_format]
        self._run(f"CREATE VIEW {Quoter(self.dialect).ident(view)} AS SELECT * FROM {reader}")

    def columns(self, view: str) -> list[str]:
        return [row[0] for row in self._run(
            f"DESCRIBE SELECT * FROM {Quoter(self.dialect).ident(view)}")]

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self._run(sql)

    def _run(self, sql: str) -> list[tuple[Any, ...]]:
        import duckdb

        try:
            return self.con.execute(sql).fetchall()
        except duckdb.Error as exc:
            raise EngineError(str(exc).splitlines()[0]) from None

    def close(self) -> None:
        self.con.close()
        self._spill.cleanup()


#: log4j2's configuration for the Spark driver: nothing logged
_QUIET = """\
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %m%n
rootLogger.level = off
rootLogger.appenderRef.console.ref = console
"""


class SparkEngine:
    """The same queries on Spark: a local session by default (`local[threads]`), or the
    master SPARK_MASTER names. Times are read in UTC, as DuckDB reads them; CSV cells as text,
    as DuckDB's `all_varchar` reads them, so a query sees the same values on both."""

    dialect = DIALECTS["spark"]

    def __init__(self, memory_limit: str, threads: int) -> None:
        import os

        from pyspark.sql import SparkSession

        master = os.environ.get("SPARK_MASTER") or f"local[{threads}]"
        # Spark's own logging off (what fails reaches the user as the query's error); a
        # local session listens on loopback only, with no web UI
        self._conf = tempfile.TemporaryDirectory(prefix="journeymap-spark-")
        quiet = Path(self._conf.name) / "log4j2.properties"
        quiet.write_text(_QUIET, encoding="utf-8")
        # read by the JVM pyspark starts for the driver (spark-submit): before the session
        os.environ["SPARK_SUBMIT_OPTS"] = " ".join(filter(None, [
            os.environ.get("SPARK_SUBMIT_OPTS"), f"-Dlog4j2.configurationFile={quiet}"]))
        builder = SparkSession.builder.master(master).appName("journeymap measure")
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1") \
                .config("spark.driver.host", "127.0.0.1")
        self.spark = (builder.config("spark.sql.session.timeZone", "UTC")
                      .config("spark.ui.enabled", "false")
                      .config("spark.driver.memory", memory_limit.replace("GB", "g"))
                      .config("spark.sql.shuffle.partitions", str(max(2, threads)))
                      .getOrCreate())

    def register(self, view: str, files: list[Path], file_format: str) -> None:
        reader = self.spark.read
        paths = [str(f) for f in files]
        frame = {"csv": lambda: reader.option("header", True).csv(paths),
                 "parquet": lambda: reader.parquet(*paths),
                 "json": lambda: reader.json(paths)}[file_format]
        try:
            frame().createOrReplaceTempView(view)
        except Exception as exc:  # py4j and Spark's own errors: a message for the user
            raise EngineError(str(exc).splitlines()[0]) from None

    def columns(self, view: str) -> list[str]:
        return list(self.spark.table(view).columns)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self.spark.sql(sql).collect()]
        except Exception as exc:
            raise EngineError(str(exc).splitlines()[0]) from None

    def close(self) -> None:
        self.spark.stop()
        self._conf.cleanup()


ENGINES = ("duckdb", "spark")


def open_engine(name: str, folders: list[Path], memory_limit: str,
                threads: int) -> AbstractContextManager[Engine]:
    """The engine by name, closed when the block ends."""
    from contextlib import closing

    if name == "duckdb":
        try:
            import duckdb  # noqa: F401
        except ImportError:
            raise UsageError("the duckdb engine is not installed: pip install duckdb") from None
        return closing(DuckDBEngine(folders, memory_limit, threads))
    if name == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError:
            raise UsageError('the spark engine is not installed: pip install '
                             '"journeymap[spark]" (and Java 17 or newer)') from None
        return closing(SparkEngine(memory_limit, threads))
    raise UsageError(f"engine {name!r}: the engines are {', '.join(ENGINES)}")
