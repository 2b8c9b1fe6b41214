"""``sastra run`` on the bundled sample corpus: every document accounted for, one schema in two
formats, the near-duplicate pair linked, the broken file reported, the CLI in-process."""

from __future__ import annotations

import json

import pytest

from pipeline_helpers import read_jsonl
from sastra.cli import main
from sastra.errors import ConfigError
from sastra.pipeline import FunctionStage, process_shard, resolve_stages, run, ShardTask
from sastra.records import Document
from sastra.schema import read_records


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, samples):
    out = tmp_path_factory.mktemp("run") / "out"
    summary = run([str(samples)], out, workers=2, shard_size=8, progress=False, index=False)
    return out, summary


def test_every_document_is_accounted_for(sample_run, samples):
    out, summary = sample_run
    files = sorted(p for p in samples.iterdir() if p.is_file())
    records, rejects = read_jsonl(out / "records.jsonl"), read_jsonl(out / "rejects.jsonl")
    assert summary.read == len(files) == len(records) + len(rejects)
    assert summary.kept == len(records)
    assert len({r["id"] for r in records} | {r["id"] for r in rejects}) == len(files)
    assert [r["meta"]["source"] for r in records] == sorted(r["meta"]["source"] for r in records)  # input order
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert saved["read"] == summary.read and saved["kept"] == summary.kept


def test_parquet_holds_the_same_records(sample_run):
    out, _ = sample_run
    assert list(read_records(out / "records.parquet")) == list(read_records(out / "records.jsonl"))


def test_near_duplicate_pair_is_linked_to_the_longer_article(sample_run):
    out, summary = sample_run
    records = {r["id"]: r for r in read_jsonl(out / "records.jsonl")}
    repost = records["32-economy-budget-2025-repost"]
    assert repost["meta"]["dup_of"] == "02-economy-budget-2025"
    assert "near_duplicate" in repost["flags"]
    canonical = records["02-economy-budget-2025"]
    assert canonical["meta"]["dup_role"] == "canonical" and "dup_of" not in canonical["meta"]
    assert summary.duplicates == 1 and summary.duplicate_clusters == 1
    others = [r for r in records.values() if "dup_cluster" in r["meta"]]
    assert len(others) == 2  # no other article of the samples is a near-duplicate


def test_broken_bytes_are_reported_and_the_article_kept(sample_run):
    out, summary = sample_run
    records = {r["id"]: r for r in read_jsonl(out / "records.jsonl")}
    broken = records["33-bridge-kandal-broken-bytes"]
    assert "input_problem" in broken["flags"]
    assert any("byte 0xff" in p for p in broken["meta"]["input_problems"])
    assert summary.input_problems >= 1


def test_records_hold_offsets_into_their_text(sample_run):
    out, summary = sample_run
    for record in read_jsonl(out / "records.jsonl"):
        text = record["text"]
        for key in ("tokens", "sentences", "mentions"):
            for span in record[key]:
                assert text[span["start"]:span["end"]] == span["text"]
        if "segment" in summary.stages:
            assert record["tokens"] and record["sentences"]
    for name, why in summary.stages_skipped.items():
        assert "not available" in why, name  # only stages that are not written yet are left out


def test_html_pages_went_through_the_html_cleaner(sample_run):
    out, summary = sample_run
    if "clean" not in summary.stages:
        pytest.skip("sastra.clean is not available")
    page = next(r for r in read_jsonl(out / "records.jsonl") if r["id"] == "03-economy-rice-export")
    assert "<p>" not in page["text"] and "ចែករំលែក" not in page["text"]
    assert page["raw"].startswith("<!DOCTYPE html>")


def test_a_failing_stage_rejects_the_document_and_the_shard_goes_on(monkeypatch):
    import sastra.pipeline as pipeline

    def explode(doc: Document) -> Document:
        if "boom" in doc.text:
            raise ValueError("cannot handle this")
        return doc

    monkeypatch.setitem(pipeline._LOADED, (("x",), True), [("x", explode)])
    task = ShardTask(0, ("x",), docs=[(0, Document("a", "ក boom")), (1, Document("b", "ខ")),
                                        (2, Document("c", "  "))])
    result = process_shard(task)
    rejects = [json.loads(line) for line in result.rejects]
    assert [r["reason"] for r in rejects] == ["error:x", "empty"]
    assert "cannot handle this" in rejects[0]["detail"]
    assert [json.loads(line)["id"] for line in result.records] == ["b"]


def test_one_worker_freezes_the_loaded_objects_only_while_it_runs(monkeypatch):
    # the first shard runs with the collector paused and what it loaded is frozen; the shards give
    # what process_shard gives alone, and the collector is as it was once the executor is done
    import gc

    import sastra.pipeline as pipeline

    monkeypatch.setitem(pipeline._LOADED, (("x",), True), [("x", lambda doc: doc)])
    tasks = [ShardTask(n, ("x",), docs=[(n, Document(f"d{n}", "ក ខ"))]) for n in range(3)]
    expected = [process_shard(task).records for task in tasks]
    seen = []
    for result in pipeline.LocalExecutor(1).map(process_shard, tasks):
        seen.append((result.records, gc.isenabled(), gc.get_freeze_count() > 0))
    assert [records for records, _, _ in seen] == expected
    assert all(enabled and frozen for _, enabled, frozen in seen)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    results = pipeline.LocalExecutor(1).map(process_shard, tasks)  # a run that stops after one shard
    next(results)
    results.close()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_main_with_arguments_leaves_the_collector_alone(tmp_path, samples):
    import gc

    assert main(["run", str(samples / "05-flood-battambang.txt"), "--out", str(tmp_path / "out"),
                 "--workers", "1", "--no-index", "--quiet"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_stage_resolution_names_what_is_missing():
    chosen, skipped = resolve_stages(skip=("extract",))
    assert "extract" not in [s.name for s in chosen] and skipped["extract"] == "skipped on request"
    assert FunctionStage("x", "sastra.nothing_here:f").available().startswith("sastra.nothing_here:f")
    with pytest.raises(Exception, match="unknown stage"):
        resolve_stages(["tokenize"])


def test_cli_run_in_process(tmp_path, samples, capsys):
    out = tmp_path / "out"
    code = main(["run", str(samples / "05-flood-battambang.txt"), str(samples / "06-roads-siemreap.html"),
                 "--out", str(out), "--workers", "1", "--no-index", "--quiet", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["read"] == 2 and summary["kept"] == 2
    assert (out / "records.parquet").exists()


@pytest.mark.parametrize("option, value, said", [
    ("--shard-size", "0", "argument --shard-size: 0 is too small; give a whole number of at least 1"),
    ("--shard-size", "-5", "argument --shard-size: -5 is too small"),
    ("--max-chars", "0", "argument --max-chars: 0 is too small"),
    ("--workers", "0", "argument --workers: 0 is too small"),
    ("--workers", "two", "argument --workers: 'two' is not a whole number"),
    ("--skip", "foo", "argument --skip: invalid choice: 'foo' (choose from 'clean', 'normalize', 'segment', "
                      "'extract')"),
])
def test_bad_option_values_are_usage_errors_before_any_work(tmp_path, capsys, option, value, said):
    """They exited 1 (the library's ConfigError), where the docs give 2 for usage errors; --workers 0
    or less ran on every core or on one, silently."""
    page = tmp_path / "in.txt"
    page.write_text("ខ្មែរ\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(page), "--out", str(tmp_path / "o"), "-q", option, value])
    assert exit_.value.code == 2 and said in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_the_library_still_says_a_bad_value_with_a_config_error(tmp_path):
    page = tmp_path / "in.txt"
    page.write_text("ខ្មែរ\n", encoding="utf-8")
    for options in ({"shard_size": 0}, {"max_chars": 0}, {"skip": ("foo",)}):
        with pytest.raises(ConfigError):
            run([str(page)], tmp_path / "o", progress=False, **options)


def test_the_cli_knows_every_stage_of_the_library():
    from sastra.pipeline import STAGE_NAMES
    from sastra.pipeline_cli import STAGE_NAMES as CLI_STAGE_NAMES

    assert CLI_STAGE_NAMES == STAGE_NAMES


def test_cli_refuses_to_write_into_an_input(tmp_path, samples, capsys):
    code = main(["run", str(tmp_path), "--out", str(tmp_path), "--quiet"])
    assert code == 1 and "also an input" in capsys.readouterr().err


def test_jsonl_text_field_and_stdin(tmp_path, monkeypatch, capsys):
    import io

    lines = "".join(json.dumps({"id": f"n{i}", "body": f"ព័ត៌មានទី{i} ក្រសួងសុខាភិបាល។"}, ensure_ascii=False) + "\n"
                    for i in range(3))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8"))
    code = main(["run", "-", "--out", str(tmp_path / "o"), "--text-field", "body", "--workers", "1",
                 "--no-index", "--quiet"])
    assert code == 0
    records = read_jsonl(tmp_path / "o" / "records.jsonl")
    assert [r["id"] for r in records] == ["n0", "n1", "n2"]
    assert {r["meta"]["source"] for r in records} == {"<stdin>"}  # (not the copy in the work folder)


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_json_lines_on_stdin_after_a_byte_order_mark_are_json_lines(tmp_path, monkeypatch, encoding, bom):
    """stdin was taken for JSON Lines when its first byte was {: after a byte order mark (as Windows
    tools write) the records came out as one text document, JSON syntax and all. A file with a BOM was
    read as JSON Lines already; stdin is now decoded the same way before its format is chosen."""
    import io

    lines = "".join(json.dumps({"id": f"n{i}", "text": f"ព័ត៌មានទី{i} ក្រសួងសុខាភិបាល។"}, ensure_ascii=False) + "\n"
                    for i in range(3))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(bom + lines.encode(encoding)), encoding="utf-8"))
    code = main(["run", "-", "--out", str(tmp_path / "o"), "--workers", "1", "--no-index", "--quiet"])
    assert code == 0
    records = read_jsonl(tmp_path / "o" / "records.jsonl")
    assert [(r["id"], r["text"]) for r in records] == [(f"n{i}", f"ព័ត៌មានទី{i} ក្រសួងសុខាភិបាល។") for i in range(3)]


def test_a_resumed_run_given_another_stdin_is_refused(tmp_path, monkeypatch, capsys):
    """The copy of stdin kept in OUT/work stands for it in a resumed run; other bytes on stdin were
    ignored in silence (the run "resumed" and gave the first input's records), where other input
    files are refused."""
    import io

    def lines(n: int) -> bytes:
        return "".join(json.dumps({"id": f"n{i}", "text": f"ព័ត៌មានទី{i} ក្រសួងសុខាភិបាល។"}, ensure_ascii=False)
                       + "\n" for i in range(n)).encode("utf-8")

    def run_with(data: bytes) -> int:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        return main(["run", "-", "--out", str(tmp_path / "o"), "--workers", "1", "--no-index", "--quiet"])

    assert run_with(lines(3)) == 0
    assert run_with(lines(3)) == 0  # the same bytes: resumed
    capsys.readouterr()
    assert run_with(lines(5)) == 1
    assert "another stdin" in capsys.readouterr().err
    assert len(read_jsonl(tmp_path / "o" / "records.jsonl")) == 3
    assert run_with(lines(3)[:-1]) == 1  # one byte short is other bytes too
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines(5)), encoding="utf-8"))
    assert main(["run", "-", "--out", str(tmp_path / "o"), "--workers", "1", "--no-index", "--quiet",
                 "--restart"]) == 0
    assert len(read_jsonl(tmp_path / "o" / "records.jsonl")) == 5


def test_another_input_in_the_same_out_is_refused(tmp_path, samples):
    out = tmp_path / "o"
    run([str(samples / "05-flood-battambang.txt")], out, workers=1, progress=False, index=False)
    with pytest.raises(Exception, match="other inputs"):
        run([str(samples / "07-tourism-angkor.txt")], out, workers=1, progress=False, index=False)
    summary = run([str(samples / "07-tourism-angkor.txt")], out, workers=1, progress=False, index=False,
                  restart=True)
    assert summary.read == 1


def test_the_corpus_pass_finds_site_furniture_once(sample_run):
    out, summary = sample_run
    if "clean" not in summary.stages:
        pytest.skip("sastra.clean is not available")
    saved = json.loads((out / "work" / "site_furniture.json").read_text(encoding="utf-8"))
    assert summary.site_furniture_sites == len(saved) >= 1  # the sample folder is one site
    assert summary.site_furniture_lines == sum(len(v) for v in saved.values()) > 0


def test_real_news_subset_is_accounted_for(news_jsonl, tmp_path):
    """150 real articles of ../shared/data/corpus/kh-news-2019-07.jsonl through the whole pipeline."""
    from pipeline_helpers import news_subset

    corpus = news_subset(news_jsonl, tmp_path / "in", 150)
    summary = run([str(corpus)], tmp_path / "out", workers=2, progress=False, index=False)
    records = read_jsonl(tmp_path / "out" / "records.jsonl")
    rejects = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert summary.read == 150 == len(records) + len(rejects)
    assert [r["id"] for r in records] == [r["id"] for r in read_jsonl(corpus) if r["id"] in {x["id"] for x in records}]
    linked = [r for r in records if "dup_of" in r["meta"]]
    ids = {r["id"] for r in records}
    assert all(r["meta"]["dup_of"] in ids and r["meta"]["dup_of"] != r["id"] for r in linked)
    assert summary.duplicates == len(linked)
    assert list(read_records(tmp_path / "out" / "records.parquet")) == records


def test_a_missing_input_is_an_error_before_any_work(tmp_path, capsys):
    code = main(["run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"), "--quiet"])
    assert code == 1 and "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_one_missing_input_among_others_is_a_reject_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("ក្រសួងសុខាភិបាល បាន​ព្រមាន​ប្រជាពលរដ្ឋ​ឲ្យ​ប្រុងប្រយ័ត្ន​ជំងឺ​គ្រុនឈាម។\n", encoding="utf-8")
    summary = run([str(good), str(tmp_path / "nope.txt")], tmp_path / "o", progress=False, index=False)
    assert summary.read == 2 and summary.kept == 1
    (reject,) = read_jsonl(tmp_path / "o" / "rejects.jsonl")
    assert reject["reason"] == "missing" and reject["source"].endswith("nope.txt")


def test_an_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("ក្រសួងសុខាភិបាល បាន​ព្រមាន​ប្រជាពលរដ្ឋ។\n", encoding="utf-8")
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")  # a broken link is reported, not skipped
    first = run([str(corpus)], corpus / "out", progress=False, index=False)
    assert (first.read, first.kept) == (2, 1)
    # run again (a resume): its own records and working files are still not inputs
    again = run([str(corpus)], corpus / "out", progress=False, index=False)
    assert (again.read, again.kept, again.shards_resumed) == (2, 1, 1)
    (reject,) = read_jsonl(corpus / "out" / "rejects.jsonl")
    assert reject["reason"] == "missing" and reject["source"].endswith("gone.txt")


def test_a_file_named_like_a_warc_that_is_not_one_is_rejected_quietly(tmp_path, capfd):
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    summary = run([str(fake)], tmp_path / "o", progress=False, index=False)
    (reject,) = read_jsonl(tmp_path / "o" / "rejects.jsonl")
    assert summary.kept == 0 and reject["reason"] == "corrupt_warc" and "not a WARC" in reject["detail"]
    assert "ELF" not in capfd.readouterr().err  # (the WARC reader once printed the bytes to the terminal)


def test_workers_that_write_their_own_shards_give_the_same_files(samples, tmp_path, monkeypatch):
    """Worker processes on this machine write their shards' files themselves; a cluster's workers
    hand the files back to the driver. Both give the same output, byte for byte."""
    from sastra.pipeline import LocalExecutor, WorkDir

    in_driver = []  # shards whose files this process (the driver) wrote; forked workers' calls stay there
    write_shard = WorkDir.write_shard
    monkeypatch.setattr(WorkDir, "write_shard", lambda self, result: in_driver.append(result.index) or
                        write_shard(self, result))
    written_by_workers = run([str(samples)], tmp_path / "workers", workers=2, shard_size=5, progress=False,
                             index=False)
    assert in_driver == []
    monkeypatch.setattr(LocalExecutor, "__init__", _driver_writes)
    written_by_driver = run([str(samples)], tmp_path / "driver", workers=2, shard_size=5, progress=False,
                            index=False)
    assert sorted(in_driver) == list(range(written_by_driver.shards))
    for name in ("records.jsonl", "rejects.jsonl", "records.parquet"):
        assert (tmp_path / "workers" / name).read_bytes() == (tmp_path / "driver" / name).read_bytes()
    assert written_by_workers.shards == written_by_driver.shards > 1
    manifests = [WorkDir(tmp_path / side).committed() for side in ("workers", "driver")]
    assert manifests[0].keys() == manifests[1].keys()
    for index, entry in manifests[0].items():
        assert entry["files"] == manifests[1][index]["files"]


def _driver_writes(self, workers=None):
    self.workers = workers or 2
    self.shares_files = False


def test_the_background_parquet_sink_writes_in_order_and_reports_a_failure():
    from sastra.pipeline import _BackgroundSink

    class Sink:
        def __init__(self, fail_at=None):
            self.tables, self.closed, self.fail_at = [], False, fail_at

        def write_table(self, table):
            if table == self.fail_at:
                raise OSError("disk full")
            self.tables.append(table)

        def close(self):
            self.closed = True

    good = Sink()
    sink = _BackgroundSink(good)
    for table in range(10):
        sink.write_table(table)
    sink.close()
    assert good.tables == list(range(10)) and good.closed

    bad = Sink(fail_at=3)
    sink = _BackgroundSink(bad)
    for table in range(6):
        try:
            sink.write_table(table)
        except OSError:
            break
    with pytest.raises(OSError, match="disk full"):
        sink.close()
    assert bad.tables == [0, 1, 2] and bad.closed


def test_a_document_over_the_size_limit_is_rejected_with_its_size(tmp_path, capsys):
    """A file holding a whole corpus as one document would exhaust memory: its text (after cleaning)
    is rejected as too_large, with its size and the limit, and the run goes on with the rest."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text("ក្រសួងសុខាភិបាល បានប្រកាស។\n", encoding="utf-8")
    (folder / "dump.txt").write_text("".join(f"លោក ហ៊ុន ម៉ាណែត បានថ្លែងលើកទី{i:03d}។\n" for i in range(40)),
                                     encoding="utf-8")
    code = main(["run", str(folder), "--out", str(tmp_path / "out"), "--max-chars", "500", "-q",
                 "--no-index"])
    assert code == 0
    rejects = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert [(r["id"], r["reason"]) for r in rejects] == [("dump", "too_large")]
    assert "1,359 characters of text; the limit is 500" in rejects[0]["detail"]
    assert [r["id"] for r in read_jsonl(tmp_path / "out" / "records.jsonl")] == ["article"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["read"] == 2 and summary["kept"] == 1 and summary["rejected"] == {"too_large": 1}
    assert "too_large" in capsys.readouterr().err


def test_the_size_limit_counts_the_article_not_the_page(tmp_path):
    """A large HTML page (scripts, menus) holding a short article is kept: the limit applies to the
    text that cleaning leaves."""
    folder = tmp_path / "in"
    folder.mkdir()
    script = "<script>var x = '" + "a" * 5000 + "';</script>"
    (folder / "page.html").write_text(
        f"<html><head>{script}</head><body><article><h1>ក្រសួងសុខាភិបាល</h1>"
        "<p>ក្រសួងសុខាភិបាល បានប្រកាសវិធានការថ្មី នៅថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤។</p></article></body></html>",
        encoding="utf-8")
    summary = run([str(folder)], tmp_path / "out", max_chars=1000, progress=False, index=False)
    assert summary.kept == 1 and not summary.rejected


def test_a_lone_surrogate_in_json_lines_is_replaced_not_fatal(tmp_path):
    """Such an escape in any field once stopped the whole run (UTF-8 cannot encode it)."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "ភ្នំពេញ \\ud800", "title": "t\\udc80"}\n'
                      '{"id": "b", "text": "ក្រសួងសុខាភិបាល"}\n', encoding="utf-8")
    summary = run([str(source)], tmp_path / "out", progress=False, index=False)
    assert summary.kept == 2 and summary.input_problems == 1
    first = read_jsonl(tmp_path / "out" / "records.jsonl")[0]
    assert first["meta"]["title"] == "t\ufffd" and "input_problem" in first["flags"]


def test_json_lines_with_old_mac_line_ends_are_read_record_by_record(tmp_path, monkeypatch, capsys):
    """Lines ended by CR alone made the whole file one bad_json reject, from a file or from stdin."""
    import io

    data = "\r".join(['{"id": "a", "text": "ក្រសួងសុខាភិបាល"}', '{"id": "b", "text": "ទន្លេមេគង្គ"}', "{oops",
                      ""]).encode()
    source = tmp_path / "old-mac.jsonl"
    source.write_bytes(data)
    summary = run([str(source)], tmp_path / "out", progress=False, index=False, parquet=False)
    assert summary.kept == 2 and summary.rejected == {"bad_json": 1}
    assert [r["id"] for r in read_jsonl(tmp_path / "out" / "records.jsonl")] == ["a", "b"]
    assert read_jsonl(tmp_path / "out" / "rejects.jsonl")[0]["line"] == 3
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["run", "-", "--out", str(tmp_path / "piped"), "--workers", "1", "--no-index", "-q"]) == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "piped" / "records.jsonl")] == ["a", "b"]
    assert "<stdin>:3: rejected (bad_json)" in capsys.readouterr().err


@pytest.mark.parametrize("end", ["\n", "\r"])
def test_a_problem_of_a_json_line_goes_with_that_line_not_the_next_record(tmp_path, monkeypatch, capsys, end):
    """The undecodable byte of a rejected line was put on the next record; a bad byte on a later line
    was put on the first record of the file (the file's bytes are decoded before its lines are read)."""
    import io

    data = end.encode().join([b'{"id": "bad", "text": "\xff', '{"id": "a", "text": "ក្រសួងសុខាភិបាល"}'.encode(),
                              '{"id": "b", "text": "ទន្លេមេគង្គ'.encode() + b'\xff"}', b""])
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    summary = run([str(source)], tmp_path / "out", progress=False, index=False, parquet=False)
    assert summary.kept == 2 and summary.rejected == {"bad_json": 1} and summary.input_problems == 2
    records = {r["id"]: r for r in read_jsonl(tmp_path / "out" / "records.jsonl")}
    assert "input_problems" not in records["a"]["meta"] and "input_problem" not in records["a"]["flags"]
    assert [p.split(": ")[0] for p in records["b"]["meta"]["input_problems"]] == [f"{source}:3"]
    (reject,) = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert reject["line"] == 1 and "bad JSON" in reject["detail"] and "undecodable UTF-8 byte 0xff" in reject["detail"]
    # streamed from stdin, where each line is decoded as it is read: the same
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["run", "-", "--out", str(tmp_path / "piped"), "--workers", "1", "--no-index", "-q"]) == 0
    records = {r["id"]: r for r in read_jsonl(tmp_path / "piped" / "records.jsonl")}
    assert "input_problems" not in records["a"]["meta"] and "input_problems" in records["b"]["meta"]
    assert "undecodable" in read_jsonl(tmp_path / "piped" / "rejects.jsonl")[0]["detail"]


def test_an_output_folder_that_cannot_be_made_is_a_message(tmp_path, samples, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["run", str(samples), "--out", str(blocker / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "sastra run: error:" in err and str(blocker / "out") in err and "Traceback" not in err


def test_a_reject_without_a_line_number_names_its_record(tmp_path, capsys):
    """A JSON Lines record rejected after it was read (empty, no article text, too large) has no line
    number: the stderr line said only the file ("in.jsonl: rejected (empty)"), not which record."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in
                           (("a", "ព័ត៌មានទី១ ក្រសួងសុខាភិបាល។"), ("b", " \n"))), encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n", encoding="utf-8")
    assert main(["run", str(src), str(tmp_path / "blank.txt"), "--out", str(tmp_path / "o"), "--workers", "1",
                 "--no-index", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert f"{src} [b]: rejected (empty)" in err
    assert f"{tmp_path / 'blank.txt'}: rejected (empty)" in err  # (a file's id is its name: said already)


def test_an_input_that_shows_nothing_is_rejected_as_empty(tmp_path):
    """Zero-width spaces only, or a page of scripts: "no_article_text, nothing left after cleaning" said
    that cleaning had taken text away, where there was none to take."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zw.txt").write_text("\u200b" * 20 + "\n", encoding="utf-8")
    (folder / "scripts.html").write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (folder / "text.txt").write_text("ព័ត៌មានទី១ ក្រសួងសុខាភិបាល។\n", encoding="utf-8")
    summary = run([str(folder)], tmp_path / "o", workers=1, progress=False, index=False)
    reasons = {r["id"]: r["reason"] for r in read_jsonl(tmp_path / "o" / "rejects.jsonl")}
    assert reasons == {"scripts": "empty", "zw": "empty"}
    assert (summary.read, summary.kept) == (3, 1)


def test_the_segment_stage_in_groups_gives_what_one_by_one_gives(monkeypatch):
    # the segment stage takes 20 documents per call; a group in which one fails is redone one by one,
    # so that document alone is rejected, with the message it has alone
    import sastra.pipeline as pipeline
    import sastra.segment
    from sastra.segment.sentences import split_sentences

    def fragile(text: str):
        if "boom" in text:
            raise ValueError("cannot split this")
        return split_sentences(text)

    calls: list[int] = []

    def counting(docs):
        calls.append(len(docs))
        return pipeline.segment_documents(docs)

    monkeypatch.setattr(sastra.segment, "split_sentences", fragile)
    monkeypatch.setitem(pipeline._LOADED, (("segment",), True), [("segment", pipeline.segment_document)])
    monkeypatch.setitem(pipeline._MANY, pipeline.segment_document, counting)
    texts = ["ក្រសួងសុខាភិបាលបានប្រកាសថា រដ្ឋាភិបាលកម្ពុជា " * (20 + n % 7) for n in range(45)]
    texts[27] += " boom"
    task = ShardTask(0, ("segment",), docs=[(n, Document(f"d{n}", text)) for n, text in enumerate(texts)])
    grouped = process_shard(task)
    assert calls == [20, 20, 5]
    monkeypatch.setattr(pipeline, "_MANY", {})
    alone = process_shard(task)
    assert grouped.records == alone.records and grouped.rejects == alone.rejects
    assert [json.loads(line)["reason"] for line in grouped.rejects] == ["error:segment"]
    assert "cannot split this" in json.loads(grouped.rejects[0])["detail"] and len(grouped.records) == 44


def test_rules_only_leaves_out_the_learned_names(tmp_path):
    # names of the shipped learned list (see tests/extract/test_entities_learned.py), with no cue the
    # hand rules read
    texts = ["ក្រោយពេលដែល គួច ចំរើន បានថ្លែង ហើយ Nissan បានធ្វើ។", "តារាចម្រៀង កញ្ញា បាន មុន្នីល័ក្ខ ច្រៀង។"]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": t}, ensure_ascii=False) + "\n"
                              for n, t in enumerate(texts)), encoding="utf-8")
    from sastra.extract import extract

    def rules_of(out):
        return [sorted(m["rule"] for m in r["mentions"]) for r in read_jsonl(out / "records.jsonl")]

    default = run([str(corpus)], tmp_path / "default", workers=1, progress=False, index=False)
    assert default.kept == 2 and json.loads((tmp_path / "default" / "summary.json").read_text())["learned_names"]
    assert [r for rules in rules_of(tmp_path / "default") for r in rules if r.endswith(".learned")]
    for workers in (1, 2):
        out = tmp_path / f"rules-{workers}"
        assert main(["run", str(corpus), "--out", str(out), "--rules-only", "-q", "--no-index",
                     "--workers", str(workers), "--shard-size", "1"]) == 0
        assert rules_of(out) == [sorted(m.rule for m in extract(t, learned=False)) for t in texts]
        assert not [r for rules in rules_of(out) for r in rules if r.endswith(".learned")]
        assert json.loads((out / "summary.json").read_text())["learned_names"] is False
    assert "--rules-only" in run([str(corpus)], tmp_path / "rules-text", workers=1, progress=False, index=False,
                                 learned_names=False).text()
    # a run made with the learned names is not resumed without them
    with pytest.raises(ConfigError, match="other inputs or options"):
        run([str(corpus)], tmp_path / "default", workers=1, progress=False, index=False, learned_names=False)
