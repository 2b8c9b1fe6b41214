"""The distributed executor: the same stages over Ray Data, on this machine or on a Ray cluster.

``pip install 'sastra[distributed]'``, then ``sastra run ... --executor ray``. Without an address Ray
starts locally (``--workers`` CPUs); to use a cluster, start Ray there (``ray start --head`` on the head
node, ``ray start --address=HEAD:6379`` on the others) and either run sastra on a cluster node with
``--ray-address auto`` or point at it from outside with ``--ray-address ray://HEAD:10001`` (Ray Client),
or set ``RAY_ADDRESS``. Input files must be readable from the driver (the driver reads them and ships
shards to the workers); workers need sastra installed in the same version.

Each shard becomes one row of a Ray Dataset; ``map`` runs :func:`sastra.pipeline.process_shard` on it
in a Ray task, with one CPU per task, inside a placement group of ``--workers`` CPUs (every shard of
a window is submitted at once and Ray's scheduler starts the next as soon as a worker is free), and
rows come back in input order (``preserve_order``), so the
driver commits shards exactly as the local executor does: same records, byte for byte, and the same
resumability. Shards are sent in windows of a few per worker, so memory stays bounded. In local mode
(one node) a task writes its shard's files into the work folder itself and returns only their
manifest line; on a cluster the files travel back to the driver, which writes them.
"""

from __future__ import annotations

import os
import pickle
import warnings
from typing import Any, Callable, Iterable, Iterator

from sastra.errors import MissingExtraError

__all__ = ["RayExecutor"]


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("ray[data]", "distributed", "--executor ray") from exc
    return ray


def _quiet_console(ray: Any) -> None:
    """Ray Data logs each window's start and end to the console at INFO, through sastra's progress
    bar; keep its console to errors (its log file in the Ray session folder keeps everything), unless
    the user set ``RAY_DATA_LOG_LEVEL``."""
    import logging
    import sys

    if os.environ.get("RAY_DATA_LOG_LEVEL"):
        return
    for handler in logging.getLogger("ray.data").handlers:
        if getattr(handler, "stream", None) in (sys.stderr, sys.stdout):
            handler.setLevel(max(handler.level, logging.ERROR))


class _Apply:
    """The function Ray ships to its workers: rows carry pickled tasks and results (in-memory only)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        task = pickle.loads(row["task"])
        return {"index": row["index"], "result": pickle.dumps(self.function(task), protocol=5)}


def _map(ray: Any, dataset: Any, apply: _Apply, tasks: int, remote_args: dict[str, Any], workers: int) -> Any:
    """``dataset.map(apply)`` with ``tasks`` tasks in flight, one CPU each, placed by ``remote_args``.

    Ray 2.60 warns that the keyword form of Ray remote arguments (the one every Ray since 2.9 takes)
    is deprecated without naming a replacement for a scheduling strategy; the warning is kept off the
    user's terminal. A Ray that no longer takes it gets the map without them, with ``workers`` tasks in
    flight (nothing else would then bound how many run at once).
    """
    strategy = getattr(ray.data, "TaskPoolStrategy", None)

    def pool(size: int) -> dict[str, Any]:
        return {"compute": strategy(size=size)} if strategy is not None else {"concurrency": size}

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        try:
            return dataset.map(apply, num_cpus=1, **pool(tasks), **remote_args)
        except TypeError:
            return dataset.map(apply, num_cpus=1, **pool(min(workers, tasks)))


class RayExecutor:
    """Runs shards as Ray Data tasks; ``workers`` is the number of tasks running at once."""

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None, *, window: int = 8) -> None:
        ray = _ray()
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self._started = False
        if not ray.is_initialized():
            import logging

            options: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False,
                                       "include_dashboard": False, "logging_level": logging.WARNING}
            if self.address:
                options["address"] = self.address
            else:
                options["num_cpus"] = max(1, workers or os.cpu_count() or 1)
            ray.init(**options)
            self._started = True
        _quiet_console(ray)
        cluster_cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, min(workers or cluster_cpus, cluster_cpus))
        self.window = max(1, window) * self.workers
        #: one node (local mode, or a one-machine cluster) sees the driver's files: its tasks write
        #: their shards' files into the work folder and return only the manifest line
        self.shares_files = not self.address and sum(1 for node in ray.nodes() if node.get("Alive")) == 1

    def map(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        ray = _ray()
        from ray.util.placement_group import placement_group, remove_placement_group

        context = ray.data.DataContext.get_current()
        options = context.execution_options
        before = (options.preserve_order, context.enable_progress_bars, context.op_resource_reservation_enabled,
                  options.resource_limits)
        options.preserve_order = True
        context.enable_progress_bars = False
        # Ray Data reserves part of the CPUs per operator; with one map after the input, that holds
        # the second task back until the first has finished (measured: about 1 s late on two CPUs)
        context.op_resource_reservation_enabled = False
        # ``workers`` CPUs are held in a placement group and every shard of a window is submitted at
        # once into it: Ray's own scheduler then starts the next shard the moment a worker is free.
        # Handing Ray Data ``workers`` tasks at a time left each worker idle 0.1-0.3 s between shards
        # while the driver, busy on the same cores, noticed a task had ended (see docs/pipeline.md)
        slots = placement_group([{"CPU": 1}] * self.workers, strategy="PACK")
        try:
            ray.get(slots.ready())
            apply = _Apply(function)
            batch: list[dict[str, Any]] = []
            for task in tasks:
                batch.append({"index": task.index, "task": pickle.dumps(task, protocol=5)})
                if len(batch) >= self.window:
                    yield from self._run(ray, apply, batch, slots)
                    batch = []
            if batch:
                yield from self._run(ray, apply, batch, slots)
        finally:  # the caller's own Ray Data work keeps its settings
            (options.preserve_order, context.enable_progress_bars, context.op_resource_reservation_enabled,
             options.resource_limits) = before
            remove_placement_group(slots)

    def _run(self, ray: Any, apply: _Apply, rows: list[dict[str, Any]], slots: Any) -> Iterator[Any]:
        from ray.util.scheduling_strategies import PlacementGroupSchedulingStrategy

        # Ray Data may submit every row's task: the placement group, not Ray Data, bounds how many run
        resources = getattr(ray.data, "ExecutionResources", None)
        if resources is not None:
            ray.data.DataContext.get_current().execution_options.resource_limits = resources(cpu=len(rows))
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        mapped = _map(ray, dataset, apply, len(rows),
                      {"scheduling_strategy": PlacementGroupSchedulingStrategy(slots)}, self.workers)
        # run the whole window, then read it: streaming the rows out as they come made Ray Data leave
        # a worker idle between tasks (bench/pipeline_bench.py: 2 workers over 1, 1.31x -> 1.41x)
        for row in mapped.materialize().iter_rows():
            yield pickle.loads(row["result"])

    def close(self) -> None:
        if self._started:
            _ray().shutdown()
            self._started = False
