"""The names the labelled articles taught (``sastra/data/entities/learned_names.tsv``, written by
bench/learn_names.py): found without a cue, only where no rule mention is, on cluster boundaries,
however the spaces inside them are written. The names used here are entries of the shipped list."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sastra.extract import extract, find_entities
from sastra.extract._lexicon import key, learned_names

ZW = "\u200b"


def found(text: str, **options) -> list[tuple[str, str, str]]:
    return [(m.kind, m.text, m.rule) for m in find_entities(text, **options)]


def test_a_learned_name_is_found_without_a_cue():
    # a singer named after a word for "did" (បាន): the rules read a function word there, not a name
    text = "តារាចម្រៀងវ័យក្មេង កញ្ញា បាន មុន្នីល័ក្ខ ដែលត្រូវបានជ្រើសរើស។"
    assert ("person", "បាន មុន្នីល័ក្ខ", "person.learned") in found(text)
    assert found(text, learned=False) == []
    assert found("ក្រោយពេលដែល គួច ចំរើន បានថ្លែង", kinds=["person"]) == [
        ("person", "គួច ចំរើន", "person.learned")]
    assert found("ក្រោយពេលដែល Batanes បានថ្លែង") == [("loc", "Batanes", "loc.learned")]
    assert found("ក្រោយពេលដែល Nissan បានថ្លែង") == [("org", "Nissan", "org.learned")]


def test_the_spaces_inside_a_learned_name_do_not_matter():
    for written in ("គួច ចំរើន", "គួចចំរើន", f"គួច{ZW}ចំរើន", f"គួ{ZW}ច ចំ{ZW}រើន", "គួច  ចំរើន"):
        text = f"ក្រោយពេលដែល {written} បានថ្លែង"
        [person] = find_entities(text)
        assert (person.kind, person.text, person.start) == ("person", written, text.index(written))


def test_a_rule_mention_wins_over_a_learned_name():
    # with a title the rules find the person, and the mention keeps its title
    [person] = find_entities("ឯកឧត្តម គួច ចំរើន អភិបាល")
    assert (person.text, person.title, person.rule) == ("គួច ចំរើន", "ឯកឧត្តម", "person.title")
    # ស្ទឹងស្ទោង is learned too, but the gazetteer's district is the mention, with its value
    [place] = find_entities("ទៅកាន់ស្ទឹងស្ទោង ម្សិលមិញ")
    assert (place.rule, place.value["en"]) == ("loc.district", "Stoung")


def test_a_learned_name_stands_for_the_rule_mentions_it_covers_whole():
    # the rules read a title and one Latin word, or an acronym: the learned name is the whole name
    assert [(m.kind, m.text, m.rule, m.title) for m in find_entities("លោក Dam sithichote បាននិយាយ")] == [
        ("person", "Dam sithichote", "person.learned", "លោក")]
    assert found("ដែល Daimler AG បានធ្វើ") == [("org", "Daimler AG", "org.learned")]
    assert found("ដែល B&H Photo Video បានធ្វើ") == [("org", "B&H Photo Video", "org.learned")]
    # another kind keeps no title
    assert [(m.kind, m.text, m.title) for m in find_entities("លោក Area 51 បាននិយាយ")] == [("loc", "Area 51", None)]
    assert found("លោក Dam sithichote បាននិយាយ", learned=False) == [("person", "Dam", "person.title")]


def test_a_learned_name_is_not_read_inside_a_longer_word():
    # followed by a vowel sign or after a coeng, the letters belong to another cluster
    assert found("ក្រោយពេលដែល គួច ចំរើនា បានថ្លែង") == []
    assert found("ក្រោយពេលដែល ស្គួច ចំរើន បានថ្លែង") == []
    assert found("ក្រោយពេលដែល Batanesian បានថ្លែង") == []


def test_extract_has_the_learned_names():
    assert [(m.kind, m.rule) for m in extract("ក្រោយពេលដែល គួច ចំរើន បានថ្លែង")] == [("person", "person.learned")]


def test_the_shipped_list_is_well_formed():
    text = resources.files("sastra").joinpath("data", "entities", "learned_names.tsv").read_text("utf-8")
    assert text.startswith("# Names taught by sastra's hand-labelled articles")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) > 1000
    keys = set()
    for name, kind, labelled, seen in rows:
        assert kind in ("person", "org", "loc")
        assert len(key(name)) >= 6 and name == name.strip() and ZW not in name
        assert int(labelled) >= 1 and int(seen) >= 1
        assert key(name) not in keys  # one spelling per name
        keys.add(key(name))
    assert len(learned_names()) == len(rows)


def test_the_shipped_list_is_what_the_build_writes(shared_data):
    """bench/learn_names.py rebuilt from the label files and ../shared/data's corpus gives the
    shipped list, row for row (labels, thresholds or matcher changed: rebuild it)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "learn_names.py"
    spec = importlib.util.spec_from_file_location("learn_names", path)
    learn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(learn)
    labels = learn.eb.load_labels()
    texts = learn.eb.load_texts({doc_id for doc_id, _ in labels})
    dev = [(texts[doc_id], [m for m in doc["mentions"] if m["kind"] in learn.KINDS])
           for (doc_id, split), doc in labels.items() if "person" in doc["kinds"] and split not in learn.BLIND]
    rows = learn.build(dev)
    shipped = resources.files("sastra").joinpath("data", "entities", "learned_names.tsv").read_text("utf-8")
    assert [f"{n}\t{k}\t{a}\t{b}" for n, k, a, b in rows] == [
        line for line in shipped.splitlines() if not line.startswith("#")]


def test_the_given_name_of_a_learned_name_alone_is_the_same_person():
    # (session 18) as after a titled name: ``សុវណ្ណឌី`` after the learned ``សុខ សុវណ្ណឌី``
    text = "កាលពីម្សិលមិញ សុខ សុវណ្ណឌី បានទៅលេងខេត្ត។ ក្រោយមក សុវណ្ណឌី បាននិយាយថា"
    assert found(text, kinds=["person"]) == [("person", "សុខ សុវណ្ណឌី", "person.learned"),
                                             ("person", "សុវណ្ណឌី", "person.given")]
    assert found(text, learned=False) == []
