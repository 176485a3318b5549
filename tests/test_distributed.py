"""``presskit build --dask``: a build on a Dask cluster writes the very bytes of a local
build; a cluster that cannot give them is refused with one line, no traceback."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from presskit.cli import main
from presskit.distributed import DaskExecutor, differences, environment
from presskit.errors import PresskitError

from .conftest import SOURCES
from .test_cli import run, snapshot

pytest.importorskip("distributed", reason="the dask extra is not installed")

NOW = "2026-01-01T00:00:00+08:00"


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """The repository's sources/: four releases (two linked translations, one in
    Chinese, one with an attachment) and agencies.toml with a base_url, so that the
    feeds and the index are built too."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    return tmp_path


def test_a_local_cluster_writes_the_bytes_of_a_local_build(newsroom: Path) -> None:
    alone = run("build", "-j", "1", "--now", NOW, "-o", "one", cwd=newsroom)
    assert alone.returncode == 0, alone.stderr
    dask = run("build", "--dask", "local", "-j", "2", "--now", NOW, "-o", "two", cwd=newsroom)
    assert dask.returncode == 0, dask.stderr
    written = snapshot(newsroom / "two")
    assert written == snapshot(newsroom / "one")
    # every format of every release, and the collections, were written
    assert {
        "feeds/newsroom.atom",
        "index.html",
        "sample-scam-alert-2025/sample-scam-alert-2025.pdf",
    } <= set(written)
    assert dask.stdout == alone.stdout.replace("one", "two")
    assert dask.stderr == alone.stderr  # the same warnings, sent back from the workers


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(
        PresskitError, match=r"--dask tcp://127\.0\.0\.1:9: cannot reach the scheduler"
    ):
        DaskExecutor.connect("tcp://127.0.0.1:9", timeout=1)


def test_without_the_extra_the_option_says_what_to_install(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.chdir(newsroom)
    args = ["build", "sources/sample-scam-alert-2025.md", "-f", "json", "--dask", "local"]
    result = CliRunner().invoke(main, [*args, "--now", NOW, "-q"])
    assert result.exit_code != 0
    assert "pip install 'presskit[dask]'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (newsroom / "dist").exists()


def test_workers_that_would_write_other_bytes_are_named() -> None:
    here = environment(["/"])
    assert here["threads"] == 1 and here["missing"] == []
    assert here["fonts"], "no font found for the default theme"
    assert differences(here, here) == []
    other = {
        **here,
        "versions": here["versions"].replace("reportlab=", "reportlab=0.0+"),
        "fonts": here["fonts"][1:],
        "threads": 4,
        "missing": ["/srv/news/sources"],
    }
    problems = differences(here, other)
    assert len(problems) == 4
    assert problems[0].startswith("has reportlab=0.0+") and "(the client: reportlab=" in problems[0]
    assert problems[1] == f"finds other fonts: none (the client: {here['fonts'][0]})"
    assert "runs 4 threads; start workers with --nthreads 1" in problems[2]
    assert problems[3] == "cannot read /srv/news/sources"


class _FakeClient:
    """What DaskExecutor uses of a Dask Client, over a thread pool: enough to check
    that map() sends a shared argument once and keeps a bounded window in flight."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(2)
        self.submitted = 0
        self.scattered: list[object] = []
        self.cancelled: list[_FakeTask] = []

    def submit(self, fn: Callable[..., object], /, *args: object, pure: bool) -> _FakeTask:
        assert pure is False
        self.submitted += 1
        return _FakeTask(self.pool.submit(fn, *args))

    def scatter(self, items: list[object], broadcast: bool, hash: bool) -> list[object]:
        self.scattered += items
        return items

    def nthreads(self) -> dict[str, int]:
        return {"worker": 1}

    def cancel(self, tasks: list[_FakeTask]) -> None:
        self.cancelled += tasks
        for task in tasks:
            task.cancel()

    def close(self) -> None:
        self.pool.shutdown()


class _FakeTask:
    def __init__(self, future: Future[object]) -> None:
        self.future = future

    def add_done_callback(self, callback: Callable[[_FakeTask], None]) -> None:
        self.future.add_done_callback(lambda _: callback(self))

    def result(self) -> object:
        return self.future.result()

    def cancel(self) -> None:
        self.future.cancel()

    def done(self) -> bool:
        return self.future.done()


def test_map_sends_a_shared_argument_once_and_keeps_a_window_in_flight() -> None:
    client = _FakeClient()
    context = {"site": "the build context"}
    with DaskExecutor(client, window=3) as pool:
        results = pool.map(_pair, range(10), [context] * 10)
        assert next(results) == (0, "the build context")
        assert client.submitted == 3  # the first three sent, no more
        assert list(results) == [(n, "the build context") for n in range(1, 10)]
    assert client.scattered == [context]
    assert client.submitted == 10
    assert client.cancelled == []


def test_a_failed_task_cancels_the_tasks_in_flight() -> None:
    client = _FakeClient()
    with DaskExecutor(client, window=4) as pool:
        with pytest.raises(PresskitError, match="release 1 failed"):
            list(pool.map(_fail_at_one, range(10)))
        # 0 to 3 sent, 4 after 0 came back; 2 to 4 were still in flight when 1 failed
        assert client.submitted == 5 and len(client.cancelled) == 3


def _fail_at_one(number: int) -> int:
    if number == 1:
        raise PresskitError("release 1 failed")
    return number


def _pair(number: int, context: dict[str, str]) -> tuple[int, str]:
    return number, context["site"]
