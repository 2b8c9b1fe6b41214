"""The corpus pipeline: read → clean → normalize → segment → extract → near-duplicates → records → index.

A pipeline is an ordered list of stages (plain ``Document -> Document`` functions, imported lazily);
an executor maps them over shards of documents: :class:`LocalExecutor` (processes on this machine,
the default, every core) or :class:`sastra.distributed.RayExecutor` (Ray Data, local or a cluster).
Both run the same :func:`process_shard`, so their records are byte-for-byte equal.

Resumable: documents are read in a fixed order and cut into numbered shards; a finished shard is
written under ``OUT/work/`` and then committed by a line in ``OUT/work/manifest.jsonl``. A run that
is killed and started again with the same inputs and options skips the committed shards, redoes the
rest, then runs the final steps (near-duplicates, ``records.jsonl``/``records.parquet``, rejects,
summary, index), which are written to temporary names and renamed, so they are never half-written.

Every input document ends up in exactly one place: a record in ``records.*`` (possibly flagged, or
linked as a near-duplicate) or a line in ``rejects.jsonl`` with its reason.
"""

from __future__ import annotations

import importlib
import io
import itertools
import json
import os
import shutil
import sys
import time
import zlib
from collections import Counter
import contextlib
import dataclasses
import functools
import gc
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence, runtime_checkable

from sastra.errors import ConfigError, InputError
from sastra.io import Problem, bytes_look_like_jsonl, iter_paths
from sastra.records import Document

__all__ = ["Stage", "FunctionStage", "STAGES", "STAGE_NAMES", "resolve_stages", "RunConfig", "RunSummary",
           "ShardTask", "ShardResult", "process_shard", "LocalExecutor", "run", "segment_document",
           "SCHEMA_VERSION"]

#: bumped when the records or the work files change shape; a resume across versions is refused
SCHEMA_VERSION = 1


# --- stages ----------------------------------------------------------------------------------------

@runtime_checkable
class Stage(Protocol):
    """A pipeline stage: a name and a function from Document to a new Document."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class FunctionStage:
    """A stage named by the dotted path of its function (``"sastra.clean:clean_document"``).

    The function is imported when the stage is first used, in whichever process runs it;
    ``available()`` says whether it can be (its module may not be installed or written yet).
    """

    name: str
    target: str

    def load(self) -> Callable[[Document], Document]:
        module_name, _, attr = self.target.partition(":")
        module = importlib.import_module(module_name)
        return getattr(module, attr)

    def available(self) -> str | None:
        """None when the stage can run, else why not."""
        try:
            self.load()
        except (ImportError, AttributeError) as exc:
            return f"{self.target} is not available ({exc})"
        return None

    def __call__(self, doc: Document) -> Document:
        return self.load()(doc)


def segment_document(doc: Document) -> Document:
    """The segmentation stage: sentences and word tokens of ``doc.text``."""
    from sastra.segment import segment_words, split_sentences

    return doc.replace(sentences=tuple(split_sentences(doc.text)), tokens=tuple(segment_words(doc.text)))


def segment_documents(docs: Sequence[Document]) -> list[Document]:
    """:func:`segment_document` of each document, the same documents: the words of all of them from one
    ``segment_many`` call (the segmenter shares its fixed cost per call among the texts)."""
    from sastra.segment import segment_many, split_sentences

    tokens = segment_many([doc.text for doc in docs])
    return [doc.replace(sentences=tuple(split_sentences(doc.text)), tokens=tuple(words))
            for doc, words in zip(docs, tokens)]


#: stage functions that have a form over several documents, and how many documents it takes at once
#: (measured on the 1,000-article corpus: 20 articles per call segment in about 0.73 of the time of one
#: by one; more per call gains nothing, the arrays outgrow the CPU caches)
_MANY: dict[Callable[[Document], Document], Callable[[Sequence[Document]], list[Document]]] = {
    segment_document: segment_documents}
MANY_DOCUMENTS = 20


#: the stages of ``sastra run``, in order
STAGES: tuple[FunctionStage, ...] = (
    FunctionStage("clean", "sastra.clean:clean_document"),
    FunctionStage("normalize", "sastra.normalize:normalize_document"),
    FunctionStage("segment", "sastra.pipeline:segment_document"),
    FunctionStage("extract", "sastra.extract:extract_document"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
_SEGMENT_NEEDS = "sastra.segment:segment_words"


def resolve_stages(names: Sequence[str] | None = None, skip: Sequence[str] = ()) -> tuple[list[FunctionStage],
                                                                                         dict[str, str]]:
    """The stages to run and, for each stage left out, why (asked to skip, or not available)."""
    wanted = list(names) if names else list(STAGE_NAMES)
    unknown = [n for n in list(wanted) + list(skip) if n not in STAGE_NAMES]
    if unknown:
        raise ConfigError(f"unknown stage {unknown[0]!r}; stages are: {', '.join(STAGE_NAMES)}")
    chosen: list[FunctionStage] = []
    skipped: dict[str, str] = {}
    for stage in STAGES:
        if stage.name not in wanted or stage.name in skip:
            skipped[stage.name] = "skipped on request"
            continue
        probe = FunctionStage(stage.name, _SEGMENT_NEEDS) if stage.name == "segment" else stage
        why = probe.available()
        if why:
            skipped[stage.name] = why
        else:
            chosen.append(stage)
    return chosen, skipped


# --- configuration and shards ----------------------------------------------------------------------

#: the longest document (in characters) a run takes by default: a news article is under 100,000;
#: a document costs about 300 bytes of memory per character while its shard runs (tokens, mentions),
#: so a file of a whole corpus read as one document would exhaust the machine. Longer ones are
#: rejected as ``too_large`` with their size (``--max-chars`` raises the limit).
MAX_CHARS = 2_000_000

@dataclass(frozen=True)
class RunConfig:
    """Everything that decides a run's output (a resumed run must have the same)."""

    out: str
    inputs: tuple[str, ...]
    text_field: str = "text"
    id_field: str = "id"
    shard_size: int = 100
    stages: tuple[str, ...] = STAGE_NAMES
    skip: tuple[str, ...] = ()
    dedup: bool = True
    index: bool = True
    parquet: bool = True
    site_boilerplate: bool = True
    max_chars: int = MAX_CHARS
    #: the extract stage also finds the names learned from sastra's labelled articles (False: the hand
    #: rules alone, ``--rules-only``)
    learned_names: bool = True

    def fingerprint(self) -> dict[str, Any]:
        from sastra import __version__

        keys = ("text_field", "id_field", "shard_size", "stages", "skip", "dedup", "site_boilerplate")
        if self.max_chars != MAX_CHARS:  # (runs made before the limit existed resume as they were)
            keys += ("max_chars",)
        if not self.learned_names:  # (and so do runs made before the option existed)
            keys += ("learned_names",)
        return {"schema": SCHEMA_VERSION, "sastra": __version__, **{k: getattr(self, k) for k in keys}}


@dataclass
class ShardTask:
    """A numbered slice of the input: documents to process and reader rejects to pass through."""

    index: int
    stages: tuple[str, ...]
    docs: list[tuple[int, Document]] = field(default_factory=list)  # (ordinal, document)
    rejects: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    dedup: bool = True
    parquet: bool = True
    #: site -> keys of its repeated furniture lines (the corpus pass), for the sites of this shard
    repeated: dict[str, frozenset[str]] = field(default_factory=dict)
    #: also prepare each record for the search index (in the worker, so the driver only writes it)
    prepare_index: bool = False
    #: a longer text (after cleaning) is rejected as ``too_large`` before the other stages
    max_chars: int = MAX_CHARS
    #: the run's work folder when the worker can reach it (same machine): the worker then writes the
    #: shard's files itself and hands back only their manifest line
    write_to: str | None = None
    #: RunConfig.learned_names
    learned_names: bool = True

    def __len__(self) -> int:
        return len(self.docs) + len(self.rejects)


@dataclass
class ShardResult:
    """What a worker returns for a shard: record lines, reject lines (both in input order), and the
    near-duplicate signatures of the records."""

    index: int
    records: list[str]
    rejects: list[str]
    ordinals: list[int]  # of the records
    signatures: dict[str, Any]  # numpy arrays, see _pack_signatures
    flags: dict[str, int]
    size: int
    seconds: dict[str, float] = field(default_factory=dict)  # CPU time per stage (not in the records)
    flagged: int = 0  # records with at least one flag
    arrow: bytes | None = None  # the records as Arrow IPC, for records.parquet
    ids: list[str] = field(default_factory=list)  # of the records (kept with the signatures)
    #: per record, its index preparation as a JSON line (sastra.index.store.prepared_to_json), or None
    prepared: list[str] | None = None
    #: set when the worker wrote the shard's files itself (``ShardTask.write_to``): their manifest
    #: line; the lists above are then empty
    entry: dict[str, Any] | None = None


def _pack_signatures(sigs: list[Any], lengths: list[int]) -> dict[str, Any]:
    import numpy as np

    from sastra.dedup.signature import NUM_PERM

    n = len(sigs)
    minhash = np.zeros((n, NUM_PERM), dtype=np.uint64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    for i, sig in enumerate(sigs):
        minhash[i] = sig.minhash
        offsets[i + 1] = offsets[i] + len(sig.sample)
    samples = np.concatenate([s.sample for s in sigs]) if n else np.zeros(0, dtype=np.uint64)
    return {"minhash": minhash, "samples": samples.astype(np.uint64), "offsets": offsets,
            "bits": np.array([s.bits for s in sigs], dtype=np.int64),
            "shingles": np.array([s.shingles for s in sigs], dtype=np.int64),
            "lengths": np.array(lengths, dtype=np.int64)}


def _unpack_signatures(packed: dict[str, Any]) -> list[Any]:
    from sastra.dedup.signature import Signature

    offsets = packed["offsets"]
    return [Signature(packed["minhash"][i], packed["samples"][offsets[i]:offsets[i + 1]],
                      int(packed["bits"][i]), int(packed["shingles"][i])) for i in range(len(offsets) - 1)]


#: (name, function) of each stage to run, in order
_StageFunctions = list[tuple[str, Callable[[Document], Document]]]
_LOADED: dict[tuple[tuple[str, ...], bool], _StageFunctions] = {}


def _stage_functions(names: tuple[str, ...], learned_names: bool = True) -> _StageFunctions:
    """The stage functions of ``names``, loaded once per process; ``learned_names=False`` gives the
    extract stage without the learned names."""
    if (names, learned_names) not in _LOADED:
        by_name = {s.name: s for s in STAGES}
        loaded = [(name, by_name[name].load()) for name in names]
        if not learned_names:
            loaded = [(name, functools.partial(function, learned=False) if name == "extract" else function)
                      for name, function in loaded]
        _LOADED[names, learned_names] = loaded
    return _LOADED[names, learned_names]


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that allocates millions of small objects
    that all stay alive until it ends (a shard's tokens, mentions and record parts).

    Those allocations trigger collections that walk the live objects again to find nothing (a
    shard's objects hold no reference cycles; reference counting frees them): measured with
    ``gc.callbacks`` on the 1,000-article corpus, 0.16 s of an 8 s run even with ``run``'s raised
    threshold (see ``_fewer_collections``), which does not reach Ray's worker processes; this does,
    wherever a shard runs. The collector's previous state is restored after.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _load_then_freeze(function: Callable[[ShardTask], Any], task: ShardTask) -> Any:
    """``function(task)`` with the cyclic collector paused throughout, then every live object frozen
    (``gc.freeze``; the caller unfreezes when its shards are done).

    The first shard of a process loads what the stages load lazily (the segmenter's model, the
    lexicons, the place tree, compiled patterns: about 250,000 tracked objects, all long-lived).
    Collecting when the collector is enabled again walks them all to find them alive (about 70 ms
    once), and the collections of later shards and of the run's end walk them again; frozen, they are
    left alone. Nothing is lost: whatever is garbage among them is collected after ``gc.unfreeze``.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return function(task)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def process_shard(task: ShardTask) -> ShardResult:
    """Run the stages over one shard. Pure: the same task gives the same result in any process.

    A stage that raises rejects the document (reason ``error:<stage>``), and the shard goes on.
    """
    with _without_cycle_collection():
        result = _process_shard(task)
    if task.write_to is None:
        return result
    entry = WorkDir.at(Path(task.write_to), task.parquet).write_shard(result)
    return ShardResult(result.index, [], [], [], {}, result.flags, result.size, result.seconds, result.flagged,
                       entry=entry)


def _within_limit(docs: list[tuple[int, Document]], max_chars: int,
                  failures: dict[int, dict[str, Any]]) -> list[tuple[int, Document]]:
    """The documents whose text (after cleaning: a large page may hold a short article) is at most
    ``max_chars`` long; the others are rejected as ``too_large`` with their size."""
    from sastra.schema import reject_record

    kept: list[tuple[int, Document]] = []
    for ordinal, doc in docs:
        if len(doc.text) <= max_chars:
            kept.append((ordinal, doc))
            continue
        failures[ordinal] = reject_record(
            doc.id, str(doc.meta.get("source", "")), "too_large",
            f"{len(doc.text):,} characters of text; the limit is {max_chars:,} (--max-chars raises it; a "
            "file holding many articles is better split, or given as JSON Lines)")
    return kept


def _each(name: str, function: Callable[..., Document], docs: list[tuple[int, Document]], task: ShardTask,
          failures: dict[int, dict[str, Any]]) -> list[tuple[int, Document]]:
    """One stage over ``docs`` document by document: the documents that passed; the others in ``failures``."""
    from sastra.schema import reject_record

    passed: list[tuple[int, Document]] = []
    for ordinal, doc in docs:
        try:
            if name == "clean" and task.repeated:
                doc = function(doc, repeated=task.repeated.get(_site_of(doc), frozenset()))
            else:
                doc = function(doc)
        except Exception as exc:  # a bad document must not stop the corpus
            failures[ordinal] = reject_record(doc.id, str(doc.meta.get("source", "")), f"error:{name}",
                                              f"{type(exc).__name__}: {exc}"[:500])
            continue
        passed.append((ordinal, doc))
    return passed


def _process_shard(task: ShardTask) -> ShardResult:
    from sastra.schema import encode_record, reject_record

    functions = _stage_functions(task.stages, task.learned_names)
    seconds: Counter[str] = Counter()
    clock = time.process_time
    kept: list[tuple[int, Document]] = []
    rejected: list[tuple[int, dict[str, Any]]] = list(task.rejects)
    flags: Counter[str] = Counter()
    # stage by stage over the whole shard, not document by document: each stage's tables (the
    # segmenter's weights, the extractors' tries) stay in the CPU caches while it runs
    current: list[tuple[int, Document]] = list(task.docs)
    failures: dict[int, dict[str, Any]] = {}
    for number, (name, function) in enumerate(functions):
        if name != "clean" and (number == 0 or functions[number - 1][0] == "clean"):
            current = _within_limit(current, task.max_chars, failures)
        started = clock()
        many = _MANY.get(function)
        if many is None:
            current = _each(name, function, current, task, failures)
        else:
            passed: list[tuple[int, Document]] = []
            for lo in range(0, len(current), MANY_DOCUMENTS):
                group = current[lo:lo + MANY_DOCUMENTS]
                try:
                    passed += zip([ordinal for ordinal, _ in group], many([doc for _, doc in group]))
                except Exception:  # one by one: the document that fails is rejected as it would be alone
                    passed += _each(name, function, group, task, failures)
            current = passed
        seconds[name] += clock() - started
    done = dict(current)
    for ordinal, doc in task.docs:
        failed = failures.get(ordinal)
        doc = done.get(ordinal, doc)
        if failed is None and not doc.text.strip():
            # (empty: the input shows nothing, zero-width spaces or a page of scripts included, as the
            # cleaner's flag says; no_article_text: it showed text, and cleaning kept none of it)
            reason = "empty" if "empty" in doc.flags or not (doc.raw or "").strip() else "no_article_text"
            detail = "nothing left after cleaning" if reason == "no_article_text" else ""
            problems = doc.meta.get("input_problems")
            if problems:
                detail = "; ".join([detail, *problems]).strip("; ")
            failed = reject_record(doc.id, str(doc.meta.get("source", "")), reason, detail)
        if failed is not None:
            rejected.append((ordinal, failed))
            continue
        kept.append((ordinal, doc))
        flags.update(doc.flags)
    kept.sort(key=lambda item: item[0])
    rejected.sort(key=lambda item: item[0])
    docs = [doc for _, doc in kept]
    started = clock()
    encoded = [encode_record(doc) for doc in docs]
    records = [item.line for item in encoded]
    rejects = [json.dumps(payload, ensure_ascii=False, separators=(",", ":")) for _, payload in rejected]
    seconds["record"] += clock() - started
    arrow = None
    if task.parquet and docs:
        from sastra.schema import arrow_table_from_documents, table_ipc

        started = clock()
        arrow = table_ipc(arrow_table_from_documents(docs, encoded))
        seconds["parquet"] += clock() - started
    elif task.parquet:
        from sastra.schema import arrow_ipc

        arrow = arrow_ipc([])
    packed: dict[str, Any] = {}
    if task.dedup:
        from sastra.dedup import signature

        started = clock()
        packed = _pack_signatures([signature(doc.text) for doc in docs], [len(doc.text) for doc in docs])
        seconds["dedup_signature"] += clock() - started
    prepared = None
    if task.prepare_index:
        started = clock()
        prepared = _prepare_for_index(docs, encoded)
        seconds["index_prepare"] += clock() - started
    flagged = sum(1 for doc in docs if doc.flags)
    return ShardResult(task.index, records, rejects, [ordinal for ordinal, _ in kept], packed, dict(flags),
                       len(task), {k: round(v, 4) for k, v in seconds.items()}, flagged, arrow,
                       [doc.id for doc in docs], prepared)


def _prepare_for_index(docs: list[Document], encoded: list[Any]) -> list[str] | None:
    """The index preparation of each record, as JSON lines; None when the index cannot be built here
    (then the driver prepares the records itself).

    Prepared from the record as it is written (values, attributes and metadata in their JSON form,
    taken from the encoded record), which is exactly what the driver would index after reading the
    record back, so the index is the same whichever process prepares it."""
    try:
        from sastra.index.store import prepared_line
    except ImportError:
        return None
    return [prepared_line(doc, item.meta_value,
                          [(m.kind, m.start, m.end, m.text, value, attrs)
                           for m, value, attrs in zip(doc.mentions, item.value_objects, item.attr_objects)],
                          item.text_json)
            for doc, item in zip(docs, encoded)]


def warm(task: ShardTask) -> None:
    """Run the stages once on the first document of ``task`` and throw the result away: loads what
    the stages load lazily (models, lexicons, compiled patterns) into this process."""
    if not task.docs:
        return
    try:
        # (the task's own options, whatever they are, on its first document; nothing written)
        process_shard(dataclasses.replace(task, index=-1, docs=task.docs[:1], rejects=[], write_to=None))
    except Exception:  # pragma: no cover - the real run reports whatever goes wrong
        pass


# --- executors ---------------------------------------------------------------------------------------

class LocalExecutor:
    """Processes on this machine (``workers`` of them; 1 runs in this process), results in order.

    At most ``2 * workers`` shards are in flight, so memory stays bounded however large the input.
    """

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        #: worker processes write their shards' files into the work folder (one process: no gain)
        self.shares_files = self.workers > 1

    def map(self, function: Callable[[ShardTask], ShardResult], tasks: Iterable[ShardTask]) -> Iterator[ShardResult]:
        if self.workers == 1:
            if function is not process_shard:
                yield from map(function, tasks)
                return
            tasks = iter(tasks)
            first = next(tasks, None)
            if first is None:
                return
            try:
                yield _load_then_freeze(function, first)
                yield from map(function, tasks)
            finally:
                gc.unfreeze()
            return
        import itertools
        import multiprocessing
        from collections import deque

        fork = sys.platform.startswith("linux")
        context = multiprocessing.get_context("fork" if fork else "spawn")
        tasks = iter(tasks)
        first = next(tasks, None)
        if first is None:
            return
        if fork and function is process_shard:
            # load the stages' models, lexicons and regexes once, here, and let the workers inherit
            # them, instead of each worker building its own copy (seconds of CPU per process)
            # (frozen, the inherited objects stay untouched by the workers' garbage collector)
            _load_then_freeze(warm, first)
        try:
            pool = context.Pool(self.workers)
        finally:
            if fork:
                gc.unfreeze()
        with pool:
            pending: deque[Any] = deque()
            for task in itertools.chain([first], tasks):
                pending.append(pool.apply_async(function, (task,)))
                while len(pending) >= 2 * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

    def close(self) -> None:
        pass


def make_executor(name: str, workers: int | None = None, address: str | None = None) -> Any:
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        from sastra.distributed import RayExecutor

        return RayExecutor(workers=workers, address=address)
    raise ConfigError(f"unknown executor {name!r}; choose local or ray")


# --- the work folder ---------------------------------------------------------------------------------

class WorkDir:
    """``OUT/work``: committed shards and the manifest that says which ones are complete."""

    def __init__(self, out: Path, parquet: bool = True) -> None:
        self.out = out
        self.parquet = parquet
        self.path = out / "work"
        self.manifest = self.path / "manifest.jsonl"
        self.state = self.path / "run.json"

    def start(self, config: RunConfig, fingerprint: list[list[object]], *, restart: bool) -> None:
        wanted = {"config": config.fingerprint(), "inputs": fingerprint}
        if restart and self.path.exists():
            shutil.rmtree(self.path)
        if self.state.exists():
            try:
                current = json.loads(self.state.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                current = None
            if current != json.loads(json.dumps(wanted)):
                raise ConfigError(f"{self.out} holds a run of other inputs or options; use another --out, "
                                  "or --restart to discard it")
            return
        self.path.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.state, json.dumps(wanted, ensure_ascii=False, indent=1))

    def committed(self) -> dict[int, dict[str, Any]]:
        done: dict[int, dict[str, Any]] = {}
        if not self.manifest.exists():
            return done
        data = self.manifest.read_bytes()
        if data and not data.endswith(b"\n"):  # a line cut short by a kill: drop it before appending
            with open(self.manifest, "r+b") as stream:
                stream.truncate(data.rfind(b"\n") + 1)
        with open(self.manifest, encoding="utf-8") as stream:
            for line in stream:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a kill: that shard is redone
                if self._intact(entry):
                    done[entry["shard"]] = entry
        return done

    def _files(self, index: int) -> tuple[str, str, str]:
        stem = f"shard-{index:06d}"
        return f"{stem}.records.jsonl", f"{stem}.rejects.jsonl", f"{stem}.sig.npz"

    def _arrow(self, index: int) -> str:
        return f"shard-{index:06d}.records.arrow"

    def _prepared(self, index: int) -> str:
        return f"shard-{index:06d}.prepared.jsonl"

    @classmethod
    def at(cls, path: Path, parquet: bool = True) -> "WorkDir":
        """The work folder itself (``OUT/work``), as a worker that writes shard files knows it."""
        return cls(path.parent, parquet)

    def commit(self, result: ShardResult) -> dict[str, Any]:
        """A shard's files (unless its worker wrote them), then its manifest line.

        The manifest line is appended here only, by the driver, in the order results arrive: a shard
        whose files were written but whose line never was is simply done again.
        """
        entry = result.entry if result.entry is not None else self.write_shard(result)
        with open(self.manifest, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return entry

    def write_shard(self, result: ShardResult) -> dict[str, Any]:
        """Write a shard's files, without any fsync, and return its manifest line.

        The shard files are written to temporary names and renamed; their sizes and CRC-32s go into
        the manifest line, and ``committed()`` checks them, so a file that a crash left short or empty
        (its data never reached the disk) makes the shard be redone, and so does a manifest line that
        never reached it. A killed process loses nothing the operating system was given.
        """
        import numpy as np

        records, rejects, sigs = (self.path / name for name in self._files(result.index))
        checks: dict[str, list[int]] = {}
        if result.arrow is not None:
            checks[self._arrow(result.index)] = _write_file(self.path / self._arrow(result.index), result.arrow)
        checks[records.name] = _write_file(records, "".join([line + "\n" for line in result.records]).encode("utf-8"))
        checks[rejects.name] = _write_file(rejects, "".join([line + "\n" for line in result.rejects]).encode("utf-8"))
        arrays = dict(result.signatures)
        arrays["ordinals"] = np.array(result.ordinals, dtype=np.int64)
        if len(result.ids) == len(result.ordinals):
            arrays.update(_pack_ids(result.ids))
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        checks[sigs.name] = _write_file(sigs, buffer.getvalue())
        prepared = self.path / self._prepared(result.index)
        prepared_format = None
        if result.prepared is not None and len(result.prepared) == len(result.records):
            from sastra.index.store import FORMAT_VERSION

            checks[prepared.name] = _write_file(
                prepared, "".join([line + "\n" for line in result.prepared]).encode("utf-8"))
            prepared_format = FORMAT_VERSION
        elif prepared.exists():  # left by an earlier attempt at this shard: not this result's
            prepared.unlink()
        entry = {"shard": result.index, "size": result.size, "records": len(result.records),
                 "rejects": len(result.rejects), "flags": result.flags, "flagged": result.flagged,
                 "seconds": result.seconds, "files": checks}
        if prepared_format is not None:
            entry["prepared_format"] = prepared_format  # the index format its prepared lines are for
        return entry

    def _intact(self, entry: dict[str, Any]) -> bool:
        """All of a committed shard's files are there, with the sizes and CRC-32s of its manifest line."""
        needed = self._files(entry["shard"]) + ((self._arrow(entry["shard"]),) if self.parquet else ())
        checks = entry.get("files") or {}
        for name in needed:
            path = self.path / name
            if name not in checks:
                if not path.exists():
                    return False
                continue
            try:
                data = path.read_bytes()
            except OSError:
                return False
            if [len(data), zlib.crc32(data)] != list(checks[name]):
                return False
        return True

    def shard_records(self, index: int) -> Iterator[str]:
        with open(self.path / self._files(index)[0], encoding="utf-8") as stream:
            for line in stream:
                yield line.rstrip("\n")

    def shard_rejects(self, index: int) -> Iterator[str]:
        with open(self.path / self._files(index)[1], encoding="utf-8") as stream:
            for line in stream:
                yield line.rstrip("\n")

    def shard_table(self, index: int) -> Any:
        from sastra.schema import read_arrow_ipc

        return read_arrow_ipc((self.path / self._arrow(index)).read_bytes())

    def shard_prepared(self, entry: dict[str, Any]) -> list[str] | None:
        """The prepared index lines of a committed shard, or None when it has none that can be trusted
        (a shard from a run without the index or from an older sastra, or a file that does not match
        its manifest line): then its records are prepared again by the driver."""
        from sastra.index.store import FORMAT_VERSION

        name = self._prepared(entry["shard"])
        check = (entry.get("files") or {}).get(name)
        if check is None or entry.get("prepared_format") != FORMAT_VERSION:
            return None
        try:
            data = (self.path / name).read_bytes()
        except OSError:
            return None
        if [len(data), zlib.crc32(data)] != list(check):
            return None
        lines = data.decode("utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != entry.get("records", -1):
            return None
        return lines

    def shard_signatures(self, index: int) -> dict[str, Any]:
        import numpy as np

        with np.load(self.path / self._files(index)[2], allow_pickle=False) as data:
            return {key: data[key] for key in data.files}


def _write_file(path: Path, data: bytes) -> list[int]:
    """Write ``data`` under a temporary name and rename it (no fsync: see ``WorkDir.commit``);
    returns [size, CRC-32] for the manifest."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as stream:
        stream.write(data)
    os.replace(tmp, path)
    return [len(data), zlib.crc32(data)]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


# --- reading into shards -------------------------------------------------------------------------------

@dataclass
class ReadCounts:
    read: int = 0
    problems: list[str] = field(default_factory=list)  # non-fatal input problems (of kept documents or rejects)
    skipped: Counter[str] = field(default_factory=Counter)  # WARC records that are not documents


_PROBLEM_REASONS = (("binary", "binary"), ("empty file", "empty"), ("bad JSON", "bad_json"),
                    ("no string field", "no_text_field"), ("cannot read", "unreadable"),
                    ("no such file", "missing"), ("corrupt WARC", "corrupt_warc"))


def _problem_reason(reason: str) -> str:
    for prefix, name in _PROBLEM_REASONS:
        if prefix in reason:
            return name
    return "unreadable"


def _shards(config: RunConfig, inputs: Sequence[str], counts: ReadCounts, stages: tuple[str, ...],
            furniture: dict[str, frozenset[str]] | None = None, stdin_copy: str | None = None) -> Iterator[ShardTask]:
    """Cut the input stream into numbered shards, giving each document a unique id and its problems.

    ``stdin_copy`` is the file stdin was copied to (see _spool_stdin): what is read from it names
    ``<stdin>`` as its source."""
    from sastra.readers import Skipped, iter_inputs
    from sastra.schema import reject_record

    def new_task(index: int) -> ShardTask:
        return ShardTask(index, stages, dedup=config.dedup, parquet=config.parquet, prepare_index=config.index,
                         max_chars=config.max_chars, learned_names=config.learned_names)

    seen_ids: set[str] = set()
    #: non-fatal problems read before the document they belong to, by source: the next document of
    #: that source takes them, except those of a line a reject stands for, which go with that reject
    pending_problems: dict[str, list[Problem]] = {}
    task = new_task(0)
    ordinal = 0
    for item in iter_inputs(inputs, text_field=config.text_field, id_field=config.id_field):
        if isinstance(item, Skipped):
            counts.skipped[item.reason] += 1
            continue
        if stdin_copy is not None:
            item = _as_stdin(item, stdin_copy)
        if isinstance(item, Problem):
            if not item.fatal:
                pending_problems.setdefault(item.source, []).append(item)
                continue
            own = _problems_of_line(pending_problems, item.source, item.line)
            counts.problems.extend(own)
            doc_id = f"{Path(item.source).name}:{item.line}" if item.line else Path(item.source).stem
            doc_id = _unique(doc_id, seen_ids, ordinal)
            task.rejects.append((ordinal, reject_record(doc_id, item.source, _problem_reason(item.reason),
                                                        "; ".join([item.reason, *own]), line=item.line,
                                                        offset=item.offset)))
        else:
            doc: Document = item
            doc_id = _unique(doc.id, seen_ids, ordinal)
            source = str(doc.meta.get("source", ""))
            problems = [str(problem) for problem in pending_problems.pop(source, ())]
            if doc_id != doc.id or problems:
                meta = dict(doc.meta)
                flags = doc.flags
                if problems:
                    meta["input_problems"] = problems
                    flags = flags + ("input_problem",)
                    counts.problems.extend(problems)
                doc = doc.replace(id=doc_id, meta=meta, flags=flags)
            task.docs.append((ordinal, doc))
            if furniture:
                site = _site_of(doc)
                if site in furniture:
                    task.repeated[site] = furniture[site]
        ordinal += 1
        counts.read += 1
        if len(task) >= config.shard_size:
            yield task
            task = new_task(task.index + 1)
    for problems in pending_problems.values():  # e.g. a problem of a JSON Lines file as a whole
        counts.problems.extend(map(str, problems))
    if len(task):
        yield task


def _problems_of_line(pending: dict[str, list[Problem]], source: str, line: int | None) -> list[str]:
    """Take out of ``pending`` the problems of ``source`` at ``line`` (a rejected line's own, such as
    its undecodable bytes), as text; none when the reject has no line."""
    waiting = pending.get(source)
    if line is None or not waiting:
        return []
    own = [problem for problem in waiting if problem.line == line]
    if own:
        pending[source] = [problem for problem in waiting if problem.line != line]
    return [str(problem) for problem in own]


def _site_of(doc: Document) -> str:
    from sastra.clean.batch import site_of

    return site_of(doc)


#: documents per site read by the corpus pass that finds a site's repeated furniture lines
SITE_SAMPLE = 500


def _site_furniture(work: WorkDir, config: RunConfig, inputs: Sequence[str]) -> dict[str, frozenset[str]]:
    """The corpus pass of cleaning: lines repeated across many pages of one site (a footer, a menu).

    Computed once from the first SITE_SAMPLE documents of each site and kept in the work folder, so
    that a resumed run cleans with exactly the same lists.
    """
    path = work.path / "site_furniture.json"
    if path.exists():
        saved = json.loads(path.read_text(encoding="utf-8"))
        return {site: frozenset(keys) for site, keys in saved.items()}
    try:
        from sastra.clean import find_repeated_lines
        from sastra.clean.batch import site_of
    except ImportError:
        return {}
    from sastra.readers import iter_inputs

    texts: dict[str, list[str]] = {}
    for item in iter_inputs(inputs, text_field=config.text_field, id_field=config.id_field):
        if not isinstance(item, Document):
            continue
        page = item.raw if item.raw is not None else item.text
        if len(page) <= config.max_chars:  # (a file longer than the document limit is no page of a site)
            bucket = texts.setdefault(site_of(item), [])
            if len(bucket) < SITE_SAMPLE:
                bucket.append(page)
    found = {site: keys for site, keys in find_repeated_lines(texts).items() if keys}
    _write_atomic(path, json.dumps({site: sorted(keys) for site, keys in sorted(found.items())},
                                   ensure_ascii=False))
    return found


def _unique(doc_id: str, seen: set[str], ordinal: int) -> str:
    if doc_id in seen:
        doc_id = f"{doc_id}~{ordinal}"
    seen.add(doc_id)
    return doc_id


def _as_stdin(item: Any, stdin_copy: str) -> Any:
    """A document or problem read from stdin's copy, with ``<stdin>`` as its source."""
    from sastra.io import STDIN

    if hasattr(item, "fatal"):
        return dataclasses.replace(item, source=STDIN) if item.source == stdin_copy else item
    if item.meta.get("source") == stdin_copy:
        return item.replace(meta={**item.meta, "source": STDIN})
    return item


def _spool_stdin(work: Path, inputs: Sequence[str]) -> tuple[list[str], str | None]:
    """Copy stdin into the work folder once, so that a resumed run reads the same bytes: the inputs
    with ``-`` replaced by that copy, and the copy (None without ``-``).

    A resumed run is given stdin again: other bytes than the copy's are refused, as other input files
    are (they would be ignored in silence); a terminal is not read, the copy stands for it."""
    if "-" not in inputs:
        return list(inputs), None
    done = work / "stdin.done"
    if not done.exists():
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        name = "stdin.jsonl" if bytes_look_like_jsonl(data) else "stdin.txt"
        (work / name).write_bytes(data)
        done.write_text(name, encoding="utf-8")
        copy = work / name
    else:
        copy = work / done.read_text(encoding="utf-8").strip()
        if not sys.stdin.isatty() and not _stdin_equals(copy):
            raise ConfigError(f"{work.parent} holds a run of another stdin (kept in {copy}); give it the same "
                              "input, use another --out, or --restart to discard it")
    spooled = str(copy)
    return [spooled if item == "-" else item for item in inputs], spooled


def _stdin_equals(copy: Path) -> bool:
    """Whether stdin holds the bytes of ``copy``, read a megabyte at a time."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # (a text stream put in its place)
        return sys.stdin.read().encode("utf-8") == copy.read_bytes()
    with open(copy, "rb") as saved:
        while True:
            chunk = stream.read(1 << 20)
            if chunk != saved.read(len(chunk)):
                return False
            if not chunk:
                return not saved.read(1)


# --- the run ------------------------------------------------------------------------------------------

@dataclass
class RunSummary:
    """What a run did: every input document is counted once in ``kept`` or ``rejected``."""

    out: str
    read: int = 0
    kept: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0  # documents linked to a canonical one (not searchable themselves)
    duplicate_clusters: int = 0
    input_problems: int = 0
    #: the corpus pass: furniture lines found repeated across a site's pages, and on how many sites
    site_furniture_lines: int = 0
    site_furniture_sites: int = 0
    skipped_records: dict[str, int] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    stages_skipped: dict[str, str] = field(default_factory=dict)
    #: False for ``--rules-only``: names found by the hand rules alone, without the learned list
    learned_names: bool = True
    executor: str = "local"
    workers: int = 1
    shards: int = 0
    shards_resumed: int = 0
    seconds: float = 0.0
    docs_per_s: float = 0.0
    #: CPU seconds per stage summed over workers (shards done in an earlier, interrupted run included),
    #: and for the driver's final steps (dedup_clusters, write, index)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    index: dict[str, Any] | None = None
    index_skipped: str | None = None
    index_error: str | None = None
    files: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """A few human lines for the end of ``sastra run``."""
        rejected = sum(self.rejected.values())
        lines = [f"read {self.read} documents: kept {self.kept}, rejected {rejected}, flagged {self.flagged}, "
                 f"near-duplicates {self.duplicates} (in {self.duplicate_clusters} clusters)"
                 f"  [{self.seconds:.1f} s, {self.docs_per_s:.0f} docs/s, {self.executor} x{self.workers}]"]
        if self.rejected:
            lines.append("  rejected: " + ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items())))
        if self.flags:
            top = sorted(self.flags.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
            lines.append("  flags: " + ", ".join(f"{k} {v}" for k, v in top))
        if self.site_furniture_lines:
            lines.append(f"  site furniture: {self.site_furniture_lines} repeated lines on "
                         f"{self.site_furniture_sites} sites removed by cleaning")
        if self.input_problems:
            lines.append(f"  input problems reported: {self.input_problems} (kept documents carry them in "
                         "meta.input_problems and the flag input_problem, rejects in their detail)")
        if self.skipped_records:
            lines.append("  WARC records that are not pages: " + ", ".join(
                f"{k} {v}" for k, v in sorted(self.skipped_records.items())))
        for name, why in self.stages_skipped.items():
            lines.append(f"  stage {name} not run: {why}")
        if not self.learned_names and "extract" in self.stages:
            lines.append("  names: the hand rules only (--rules-only), without the learned list")
        if self.shards_resumed:
            lines.append(f"  resumed: {self.shards_resumed} of {self.shards} shards were already done")
        if self.index is not None:
            stats = self.index if isinstance(self.index, dict) else {}
            lines.append(f"  index: {self.files.get('index')} ({stats.get('documents', '?')} documents, "
                         f"{stats.get('duplicates', 0)} near-duplicates linked, {stats.get('tokens', 0):,} tokens)")
        elif self.index_error:
            lines.append(f"  index FAILED (records are complete; run again to retry): {self.index_error}")
        elif self.index_skipped:
            lines.append(f"  index not built: {self.index_skipped}")
        lines.append(f"  records: {self.files.get('records')}; rejects: {self.files.get('rejects')}")
        return "\n".join(lines)


def _fewer_collections(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``function`` with the cyclic garbage collector's first threshold raised (restored after).

    A document's tokens, sentences and mentions are thousands of small tracked objects, none in a
    reference cycle; at the default threshold (700 allocations) the collector runs a thousand times
    per thousand documents and costs about 6% of a run. Worker processes inherit the setting.
    """
    import functools
    import gc

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        old = gc.get_threshold()
        gc.set_threshold(max(old[0], 20_000), *old[1:])
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(*old)

    return wrapper


@_fewer_collections
def run(inputs: Sequence[str] | str, out: str | os.PathLike[str], *, executor: str = "local",
        workers: int | None = None, text_field: str = "text", id_field: str = "id", shard_size: int = 100,
        stages: Sequence[str] | None = None, skip: Sequence[str] = (), dedup: bool = True, index: bool = True,
        parquet: bool = True, restart: bool = False, progress: bool = True, ray_address: str | None = None,
        dedup_config: Any = None, site_boilerplate: bool = True, max_chars: int = MAX_CHARS,
        learned_names: bool = True) -> RunSummary:
    """Run the whole pipeline over ``inputs`` into the folder ``out`` and return the summary.

    ``sastra run`` calls this; see docs/pipeline.md. Starting it again on the same ``out`` resumes.
    ``learned_names=False`` (``--rules-only``): persons, organizations and places by the hand rules
    alone.
    """
    started = time.perf_counter()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [str(inputs)]
    inputs = [str(item) for item in inputs]
    if not inputs:
        raise InputError("no input given: name files, folders, JSON Lines or WARC files, or - for stdin")
    if shard_size < 1:
        raise ConfigError("--shard-size must be at least 1")
    if max_chars < 1:
        raise ConfigError("--max-chars must be at least 1")
    out_path = Path(out)
    for item in inputs:
        if item != "-" and Path(item).resolve() == out_path.resolve():
            raise InputError(f"the output folder {out} is also an input; choose another --out")
    missing = [item for item in inputs if item != "-" and not os.path.lexists(item)]
    if len(missing) == len(inputs):  # (one missing among others is a reject, and the run goes on)
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    chosen, skipped = resolve_stages(stages, skip)
    names = tuple(stage.name for stage in chosen)
    config = RunConfig(str(out_path), tuple(inputs), text_field, id_field, shard_size,
                       tuple(stages or STAGE_NAMES), tuple(skip), dedup, index, parquet, site_boilerplate,
                       max_chars, learned_names)
    from sastra.readers import input_fingerprint

    inputs = _without_output(inputs, out_path)
    out_path.mkdir(parents=True, exist_ok=True)
    work = WorkDir(out_path, parquet)
    work.start(config, input_fingerprint(inputs), restart=restart)
    inputs, stdin_copy = _spool_stdin(work.path, inputs)
    done = work.committed()
    furniture = _site_furniture(work, config, inputs) if site_boilerplate and "clean" in names else {}
    runner = make_executor(executor, workers, ray_address)
    shares_files = getattr(runner, "shares_files", False)  # workers write their shards' files
    summary = RunSummary(out=str(out_path), stages=list(names), stages_skipped=skipped,
                         learned_names=learned_names, executor=runner.name,
                         workers=runner.workers, site_furniture_lines=sum(len(v) for v in furniture.values()),
                         site_furniture_sites=len(furniture))
    counts = ReadCounts()
    bar = _progress(progress)
    manifest: dict[int, dict[str, Any]] = {}


    def todo() -> Iterator[ShardTask]:
        for task in _shards(config, inputs, counts, names, furniture, stdin_copy):
            summary.shards += 1
            if task.index in done:
                manifest[task.index] = done[task.index]
                summary.shards_resumed += 1
                bar.update(len(task))
                continue
            if shares_files:
                task.write_to = str(work.path.resolve())  # a Ray worker may run in another folder
            yield task

    try:
        for result in runner.map(process_shard, todo()):
            manifest[result.index] = work.commit(result)
            bar.update(result.size)
    finally:
        bar.close()
        runner.close()
    summary.read = counts.read
    stage_seconds: Counter[str] = Counter()
    for entry in manifest.values():
        stage_seconds.update(entry.get("seconds", {}))
    summary.stage_seconds = {k: round(v, 3) for k, v in stage_seconds.items()}
    summary.input_problems = len(counts.problems)
    summary.skipped_records = dict(counts.skipped)
    _finish(work, config, summary, manifest, dedup_config, progress)
    summary.seconds = time.perf_counter() - started
    summary.docs_per_s = summary.read / summary.seconds if summary.seconds else 0.0
    _write_atomic(out_path / "summary.json", json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    return summary


def _without_output(inputs: list[str], out_path: Path) -> list[str]:
    """``inputs`` with any folder that holds the output folder replaced by its files outside it, so
    that a run never reads its own records and working files (nor sees its input change on resume)."""
    out_resolved = out_path.resolve()
    kept: list[str] = []
    for item in inputs:
        folder = Path(item)
        if item != "-" and folder.is_dir() and out_resolved.is_relative_to(folder.resolve()):
            kept.extend(str(path) for path in iter_paths([item])
                        if not path.resolve().is_relative_to(out_resolved))
        else:
            kept.append(item)
    return kept


def _progress(enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(unit="doc", desc="sastra run", file=sys.stderr, disable=not enabled, dynamic_ncols=True,
                smoothing=0.1)


def _finish(work: WorkDir, config: RunConfig, summary: RunSummary, manifest: dict[int, dict[str, Any]],
            dedup_config: Any, progress: bool) -> None:
    """Near-duplicates over all shards, then the final files and the index. Idempotent.

    Records pass through as the workers wrote them; only near-duplicates are parsed and re-written
    (their ``meta`` gains the cluster links), in JSON Lines and in the Arrow shards for Parquet.
    """
    out = work.out
    shards = sorted(manifest)
    started = time.perf_counter()
    duplicates = _find_duplicates(work, shards, dedup_config) if config.dedup else {}
    summary.stage_seconds["dedup_clusters"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    records_path = out / "records.jsonl"
    parquet_path = out / "records.parquet"
    rejects_path = out / "rejects.jsonl"
    sink = None
    if config.parquet:
        from sastra.schema import ParquetSink

        tmp_parquet = parquet_path.with_name(parquet_path.name + ".tmp")
        sink = _BackgroundSink(ParquetSink(tmp_parquet))
    flags: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    kept = flagged = 0
    for index in shards:
        flags.update(manifest[index].get("flags", {}))
        flagged += manifest[index].get("flagged", 0)
    tmp_records = records_path.with_name(records_path.name + ".tmp")
    shard_starts: dict[int, int] = {}  # shard -> where its records start in records.jsonl (bytes)
    tmp_rejects = rejects_path.with_name(rejects_path.name + ".tmp")
    try:
        with open(tmp_records, "wb") as records_out, \
                open(tmp_rejects, "w", encoding="utf-8", newline="\n") as rejects_out:
            for index in shards:
                ordinals = [int(o) for o in work.shard_signatures(index)["ordinals"]]
                data = (work.path / work._files(index)[0]).read_bytes()
                patched: dict[int, dict[str, Any]] = {}  # row -> record with its links
                if any(ordinal in duplicates for ordinal in ordinals):  # re-encode only the linked lines
                    lines = data.split(b"\n")  # (as bytes: only the linked lines are decoded)
                    for row, ordinal in enumerate(ordinals):
                        link = duplicates.get(ordinal)
                        if link is not None:
                            line, record = _link_record(lines[row].decode("utf-8"), link)
                            lines[row] = line.encode("utf-8")
                            if link["flag"]:
                                flags[link["flag"]] += 1
                                flagged += len(record["flags"]) == 1  # it had no flag before
                            patched[row] = record
                    data = b"\n".join(lines)
                shard_starts[index] = records_out.tell()
                records_out.write(data)
                kept += len(ordinals)
                if sink is not None:
                    sink.write_table(_patch_table(work.shard_table(index), patched))
                for line in work.shard_rejects(index):
                    rejects_out.write(line + "\n")
                    rejected[json.loads(line)["reason"]] += 1
    finally:
        if sink is not None:
            sink.close()
    if sink is not None:
        os.replace(tmp_parquet, parquet_path)
    elif parquet_path.exists():
        parquet_path.unlink()
    os.replace(tmp_records, records_path)
    os.replace(tmp_rejects, rejects_path)
    summary.kept = kept
    summary.flagged = flagged
    summary.flags = dict(sorted((k, v) for k, v in flags.items() if v))
    summary.rejected = dict(sorted(rejected.items()))
    summary.duplicates = sum(1 for link in duplicates.values() if link["flag"])
    summary.duplicate_clusters = len({link["meta"]["dup_cluster"] for link in duplicates.values()})
    summary.files = {"records": str(records_path), "rejects": str(rejects_path), "summary": str(out / "summary.json")}
    if config.parquet:
        summary.files["parquet"] = str(parquet_path)
    if summary.read != summary.kept + sum(summary.rejected.values()):  # pragma: no cover - a bug if it happens
        raise RuntimeError(f"documents not accounted for: read {summary.read}, kept {summary.kept}, "
                           f"rejected {sum(summary.rejected.values())}")
    summary.stage_seconds["write"] = round(time.perf_counter() - started, 3)
    if config.index:
        started = time.perf_counter()
        _build_index(records_path, out / "index", summary, progress, work, manifest, duplicates, shard_starts)
        summary.stage_seconds["index"] = round(time.perf_counter() - started, 3)
    else:
        summary.index_skipped = "--no-index"


class _BackgroundSink:
    """A Parquet sink fed from a thread of its own: pyarrow encodes and compresses without the GIL,
    so the final Parquet file is written while the driver copies the JSON Lines (same bytes)."""

    def __init__(self, sink: Any) -> None:
        import queue
        import threading

        self._sink = sink
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="sastra-parquet", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while True:
            table = self._queue.get()
            if table is None:
                break
            if self._error is None:
                try:
                    self._sink.write_table(table)
                except BaseException as exc:  # raised again in the driver by write_table or close
                    self._error = exc

    def write_table(self, table: Any) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(table)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._sink.close()
        if self._error is not None:
            raise self._error


def _patch_table(table: Any, patched: dict[int, dict[str, Any]]) -> Any:
    """The shard's Arrow table with the linked near-duplicates' meta and flags replaced."""
    if not patched:
        return table
    from sastra.schema import _json_text

    rows = sorted(patched)
    meta = _replace_rows(table.column("meta"), rows, [_json_text(patched[row]["meta"]) for row in rows])
    flags = _replace_rows(table.column("flags"), rows, [patched[row]["flags"] for row in rows])
    table = table.set_column(table.schema.get_field_index("meta"), "meta", meta)
    return table.set_column(table.schema.get_field_index("flags"), table.schema.field("flags"), flags)


def _replace_rows(column: Any, rows: list[int], values: list[Any]) -> Any:
    """``column`` with the values at ``rows`` (ascending) replaced: slices of the column around the
    new values, joined (no conversion of the other rows to Python and back)."""
    import pyarrow as pa

    whole = column.combine_chunks()
    new = pa.array(values, whole.type)
    pieces = []
    at = 0
    for number, row in enumerate(rows):
        pieces += [whole.slice(at, row - at), new.slice(number, 1)]
        at = row + 1
    pieces.append(whole.slice(at))
    return pa.concat_arrays(pieces)


def _find_duplicates(work: WorkDir, shards: list[int], dedup_config: Any) -> dict[int, dict[str, Any]]:
    """Input ordinal -> what to add to its record: ``meta`` (dup_cluster, dup_of) and a flag."""
    from sastra.dedup import DedupConfig, find_clusters

    signatures: list[Any] = []
    ordinals: list[int] = []
    lengths: list[int] = []
    ids: list[str] = []
    for index in shards:
        packed = work.shard_signatures(index)
        signatures.extend(_unpack_signatures(packed))
        ordinals.extend(int(o) for o in packed["ordinals"])
        lengths.extend(int(n) for n in packed["lengths"])
        if "id_bytes" in packed:
            ids.extend(_unpack_ids(packed))
        else:  # a shard committed before ids were kept with the signatures
            ids.extend(_record_id(line) for line in work.shard_records(index))
    links: dict[int, dict[str, Any]] = {}
    for cluster in find_clusters(signatures, lengths, dedup_config or DedupConfig()):
        canonical = ids[cluster.canonical]
        size = len(cluster.members)
        for member in cluster.members:
            if member == cluster.canonical:
                meta = {"dup_cluster": canonical, "dup_role": "canonical", "dup_count": size}
                links[ordinals[member]] = {"meta": meta, "flag": None}
            else:
                meta = {"dup_cluster": canonical, "dup_of": canonical, "dup_role": "duplicate",
                        "dup_containment": round(cluster.scores.get(member, 0.0), 4)}
                links[ordinals[member]] = {"meta": meta, "flag": "near_duplicate"}
    return links


def _pack_ids(ids: list[str]) -> dict[str, Any]:
    """Record ids as UTF-8 bytes and offsets (numpy, no pickle), so that the near-duplicate step
    need not read the records back."""
    import numpy as np

    encoded = [doc_id.encode("utf-8", "surrogatepass") for doc_id in ids]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return {"id_bytes": np.frombuffer(b"".join(encoded), dtype=np.uint8), "id_offsets": offsets}


def _unpack_ids(packed: dict[str, Any]) -> list[str]:
    data = packed["id_bytes"].tobytes()
    offsets = packed["id_offsets"].tolist()
    return [data[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogatepass") for i in range(len(offsets) - 1)]


_DECODER = json.JSONDecoder()
_META_KEY = ',"meta":'
_FLAGS_KEY = ',"flags":'


def _link_record(line: str, link: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A record line with a near-duplicate link added to its ``meta`` (and its flag to ``flags``),
    and the new ``meta`` and ``flags``. Only those two values are parsed and re-encoded: the line's
    other bytes (tokens, text, ...) are kept as they are, which is what re-encoding the whole
    parsed record would give, since the worker wrote it with the same encoder."""
    from sastra._json import dumps_compact as _dumps

    meta_at = line.find(_META_KEY)  # a bare quote cannot occur inside a JSON string: the first is the key
    flags_at = line.rfind(_FLAGS_KEY + "[")  # flags is the last field
    if meta_at < 0 or flags_at < 0 or not line.endswith("]}"):  # not a line sastra wrote: parse it all
        record = json.loads(line)
        record["meta"].update(link["meta"])
        if link["flag"]:
            record["flags"].append(link["flag"])
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")), record
    start = meta_at + len(_META_KEY)
    meta, end = _DECODER.raw_decode(line, start)
    flags = json.loads(line[flags_at + len(_FLAGS_KEY):-1])
    meta.update(link["meta"])
    if link["flag"]:
        flags.append(link["flag"])
    text = f"{line[:start]}{_dumps(meta)}{line[end:flags_at]}{_FLAGS_KEY}{_dumps(flags)}}}"
    return text, {"meta": meta, "flags": flags}


def _record_id(line: str) -> str:
    # records start with {"id":"..." (schema order): read the id without parsing the whole line
    if line.startswith('{"id":'):
        end = line.find('","text":')
        if end > 0:
            try:
                return json.loads(line[6:end + 1])
            except ValueError:
                pass
    return json.loads(line)["id"]


def _prepared_documents(records_path: Path, work: WorkDir, manifest: dict[int, dict[str, Any]],
                        duplicates: dict[int, dict[str, Any]], shard_starts: dict[int, int]) -> Iterator[Any]:
    """The prepared index documents of ``records.jsonl``, in its order: those the workers prepared,
    read back; the others (records that gained near-duplicate links in ``meta``, shards without a
    prepared file) prepared here from their final record line, as before. ``shard_starts``: where
    each shard's records start in ``records.jsonl``, so that only the shards prepared here are read."""
    from sastra.index.store import prepare_document, prepared_from_json
    from sastra.schema import document_from_record

    with open(records_path, "rb") as records:  # (bytes: a line is decoded only when it is prepared here)
        for index in sorted(manifest):
            prepared = work.shard_prepared(manifest[index])
            ordinals = work.shard_signatures(index)["ordinals"].tolist()
            if prepared is not None and len(prepared) != len(ordinals):
                prepared = None
            if prepared is None:
                records.seek(shard_starts[index])
                for line in itertools.islice(records, len(ordinals)):
                    yield prepare_document(document_from_record(json.loads(line.decode("utf-8"))))
                continue
            for row, ordinal in enumerate(ordinals):
                if ordinal in duplicates:
                    yield _link_prepared(prepared_from_json(prepared[row]), duplicates[ordinal])
                else:
                    yield prepared_from_json(prepared[row])


def _link_prepared(prepared: Any, link: dict[str, Any]) -> Any:
    """A prepared document with the near-duplicate link that ``_link_record`` added to its record:
    what ``prepare_document`` gives for the linked record (its stored ``meta`` gains the same keys in
    the same order, and ``dup_of`` is set), without analysing the text again."""
    import dataclasses

    head = json.loads(prepared.head)
    head["meta"].update(link["meta"])  # plain str/int/float values: their JSON form is themselves
    dup_of = head["meta"].get("dup_of")
    return dataclasses.replace(
        prepared, head=json.dumps(head, ensure_ascii=False).encode("utf-8"),
        dup_of=str(dup_of) if dup_of not in (None, "", prepared.id) else None)


def _build_index(records_path: Path, index_dir: Path, summary: RunSummary, progress: bool,
                 work: WorkDir | None = None, manifest: dict[int, dict[str, Any]] | None = None,
                 duplicates: dict[int, dict[str, Any]] | None = None,
                 shard_starts: dict[int, int] | None = None) -> None:
    try:
        from sastra.index.store import build_index, build_index_prepared
    except ImportError as exc:
        summary.index_skipped = f"sastra.index.build_index is not available ({exc})"
        return
    from sastra.schema import document_from_record, read_records

    tmp = index_dir.with_name(index_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        if work is not None and manifest is not None and shard_starts is not None:
            stats = build_index_prepared(_prepared_documents(records_path, work, manifest, duplicates or {},
                                                             shard_starts), tmp)
        else:
            stats = build_index((document_from_record(record) for record in read_records(records_path)), tmp)
    except Exception as exc:  # the records are written; say what failed and let a rerun try again
        summary.index_error = f"{type(exc).__name__}: {exc}"[:500]
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        return
    if index_dir.exists():
        shutil.rmtree(index_dir)
    os.replace(tmp, index_dir)
    summary.index = _plain(stats)
    if isinstance(summary.index, dict) and "path" in summary.index:
        summary.index["path"] = str(index_dir)
    summary.files["index"] = str(index_dir)


def _plain(stats: Any) -> Any:
    if hasattr(stats, "__dataclass_fields__"):
        return json.loads(json.dumps(asdict(stats), default=str))
    if isinstance(stats, dict):
        return json.loads(json.dumps(stats, default=str))
    return str(stats)
