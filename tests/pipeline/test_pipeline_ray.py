"""The Ray Data executor (local mode): the same records as the local executor, byte for byte."""

from __future__ import annotations

import pytest

from sastra.pipeline import run

pytestmark = pytest.mark.ray


def test_ray_and_local_records_are_byte_for_byte_equal(samples, tmp_path):
    pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    local = run([str(samples)], tmp_path / "local", workers=2, shard_size=5, progress=False, index=False)
    ray_run = run([str(samples)], tmp_path / "ray", executor="ray", workers=2, shard_size=5, progress=False,
                  index=False)
    assert ray_run.executor == "ray" and local.executor == "local"
    for name in ("records.jsonl", "rejects.jsonl"):
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert (ray_run.read, ray_run.kept, ray_run.duplicates) == (local.read, local.kept, local.duplicates)


def test_missing_ray_names_the_extra(monkeypatch):
    import builtins

    from sastra.errors import MissingExtraError
    from sastra.pipeline import make_executor

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("no ray here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(MissingExtraError, match=r"sastra\[distributed\]"):
        make_executor("ray", 1)


def test_ray_data_settings_are_restored_after_a_run(samples, tmp_path):
    pytest.importorskip("ray")
    ray_data = pytest.importorskip("ray.data")
    context = ray_data.DataContext.get_current()
    context.op_resource_reservation_enabled = True
    context.execution_options.preserve_order = False
    run([str(samples)], tmp_path / "ray", executor="ray", workers=2, shard_size=5, progress=False, index=False)
    assert context.op_resource_reservation_enabled is True
    assert context.execution_options.preserve_order is False
