"""Session 18: the credited source of an article (``ប្រភព៖ …``) is a person only when its name has no
word of a publication's name (the seed article 001 of ``samples/seeds/`` credits ``Property Areas``;
kh-news-2019-07 article 312954 credits a person by four romanized words)."""

from __future__ import annotations

from entity_views import persons, spans


def test_a_source_named_with_a_publication_word_is_an_organization():
    text = "និងផែនការយុទ្ធសាស្រ្តអភិវឌ្ឍន៍តាមវិស័យ៕\n\nប្រភព៖ Property Areas"
    assert persons(text) == [] and spans(text, "org") == ["Property Areas"]
    assert spans("ប្រភព៖ Khmer Economic Review", "org") == ["Khmer Economic Review"]


def test_a_source_named_by_two_to_four_name_words_is_a_person():
    assert persons("មានវិដេអូ៖ប្រភព៖ Chav Mearnup Keo Nimith") == [("Chav Mearnup Keo Nimith", None)]
    assert persons("ប្រភព៖ Denny Kwan") == [("Denny Kwan", None)]
