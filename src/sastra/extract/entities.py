"""Persons (with titles), organizations (with acronyms) and places in Khmer news text.

Rules over word lists, no model: Khmer writes no spaces between words, but news text marks names
well (a title before a person, a head word before an organization, a type word or a gazetteer entry
for a place), so anchored rules are precise, fast and explainable. The span conventions are those of
``../shared/data/extraction/annotation-guidelines.md``.

Matching runs on a *view* of the text: zero-width spaces removed (publishers put them inside names)
and look-alike spellings folded, with a map back to the original offsets, so every mention satisfies
``text[m.start:m.end] == m.text`` on the text it was given.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator

from sastra.errors import require_str
from sastra.extract._common import flat_spans
from sastra.extract._lexicon import COENG, Lexicon, _entities, fold, key, learned_names, lexicon, trie_pattern
from sastra.records import Mention

ENTITY_KINDS = ("person", "org", "loc")

_ZERO_WIDTH = "\u200b\u2060\ufeff"
_ZW_RE = re.compile(f"[^{_ZERO_WIDTH}]+")
_MARKS = "\u17b4-\u17d3\u17dd"
_KHMER_LETTER = "\u1780-\u17b3"
_CLUSTER_RE = re.compile(f"[{_KHMER_LETTER}](?:{COENG}[{_KHMER_LETTER}]|[{_MARKS}\u200c\u200d])*")
_CLUSTER_RUN_RE = re.compile(f"(?:[{_KHMER_LETTER}](?:{COENG}[{_KHMER_LETTER}]|[{_MARKS}\u200c\u200d])*)+")
_KHMER_RUN_RE = re.compile(f"[{_KHMER_LETTER}{_MARKS}\u200c\u200d]+")
_LATIN_NAME_RE = re.compile(r"(?:Mc|Mac|O')?[A-Z][a-zA-Z'\-]*(?:\.[A-Z][a-zA-Z'\-]*)*\.?"
                            r"(?: (?:bin |van |de |der |da |al-)?[A-Z][a-zA-Z'\-]*(?:\.[A-Z][a-zA-Z'\-]*)*\.?){0,9}")
#: "(article) courtesy of": the site that lent the article, named in Latin script
_COURTESY = fold("ផ្តល់សិទ្ធិដោយ")
_COURTESY_RE = re.compile(_COURTESY + r" ?[៖:]? ?([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3})(?![A-Za-z])")
#: a site named by its bare domain after a word for website or source (a ``www.`` address is a link,
#: not a name: the label files leave those out)
_TOP_LEVEL_DOMAINS = (".com", ".kh", ".net", ".org", ".info", ".asia", ".tv")
#: any of them (a search for the dot is faster than a substring test per domain)
_TOP_LEVEL_DOMAIN_RE = re.compile("|".join(re.escape(d) for d in _TOP_LEVEL_DOMAINS))
#: a domain name that is not a ``www.`` address: ``health.com.kh``
_DOMAIN = (r"(?!www\.)[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:" +
           "|".join(d[1:] for d in _TOP_LEVEL_DOMAINS) + r")(?:\.kh)?")
_SITE_DOMAIN_RE = re.compile("(?:(?:" + "|".join(fold(w) for w in ("វេបសាយ", "វ៉េបសាយ", "គេហទំព័រ", "ប្រភព")) + ")" +
                             # (twentieth pass) a word between (``វេបសាយសុខភាព Health.com.kh``), and a
                             # credit (``ដោយៈ health.com.kh``)
                             "(?:[\u1780-\u17d3]{1,12})?|" + fold("ដោយ") + " ?[៖:ៈ]" +
                             r") ?[៖:]? ?(" + _DOMAIN + r")(?![A-Za-z0-9.])")
_BARE_DOMAIN_RE = re.compile(r"(?<![A-Za-z0-9@/.\-])" + _DOMAIN + r"(?![A-Za-z0-9.@/])")
#: words before an address to visit: the domain there is a link, not a name
_VISIT_WORDS = tuple(fold(w) for w in ("ចូលទៅកាន់គេហទំព័រ", "ចូលទៅកាន់គេហទំពរ័", "ចូលទៅកាន់", "ចូលមើល",
                                       "តាមរយៈគេហទំព័រ", "តាមរយៈ", "ចុចលើ", "គេហទំពរ័"))
#: the credit line of an embedded Facebook post: ``Posted by Sinath Hun on Friday, July 26, 2019``
_POSTED_BY_RE = re.compile(r"Posted by ([A-Z][a-z]+(?: [A-Z][a-z]+){1,3}) on ")
#: a company name of capitals and digits (``GDH599``)
_ALNUM_NAME_RE = re.compile(r"[A-Z][A-Z]{1,9}[0-9]{1,6}(?![A-Za-z0-9_])")
#: a user name of letters then digits, standing alone (``K01``)
_HANDLE_RE = re.compile(r"[A-Z][A-Za-z]{0,15}[0-9]{1,6}(?![A-Za-z0-9_])")
#: (no look-behind: a pattern that starts with a capital letter is scanned far faster; the character
#: before it is checked in Python)
_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*(?![A-Za-z0-9@\-_]|\.[A-Za-z])")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_ALNUM = _ASCII_LETTERS | frozenset(string.digits)
_NOT_BEFORE_ACRONYM = _ASCII_ALNUM | frozenset("@/.-_")
#: a cheap test for Khmer dotted or hyphenated initials before the full pattern runs
_KHMER_ACRONYM_HINT_RE = re.compile(r"[.\-] ?[\u1780-\u17a2]")
#: Khmer initials with dots or hyphens: ``គ.ជ.ប``, ``គ .ជ . ក .អ .ក``, ``អ-ស-ប``
_KHMER_ACRONYM_RE = re.compile(
    f"[\u1780-\u17a2](?<![{_KHMER_LETTER}{_MARKS}][\u1780-\u17a2])[{_MARKS}]* ?([.\\-]) ?"
    f"(?:[\u1780-\u17a2][{_MARKS}]* ?\\1 ?)+[\u1780-\u17a2](?![{_KHMER_LETTER}{_MARKS}])"
)

#: Latin all-caps words that are not organizations
_NOT_ACRONYMS = frozenset("""
NGO NGOS COVID USD KHR THB VND EUR CEO CFO CTO GDP GNP PM AM TV OK ID DNA HIV AIDS SMS GPS PDF
SARS MERS VIP VAT LED LCD USB CD DVD MP SIM PC IT AI PR HR QR FM AC DC UK US USA VS VS. II III IV
KM CM MM KG MW KW MWH GWH KWH PH MR MRS MS DR JR SR NO EN KH FAQ OCR API URL HTTP HTTPS WWW HD
PHOTO VIDEO LIVE NEWS BREAKING UPDATE COVID-19 CT MRI ICU BBQ MT MV GB MB KB TB 4G 5G 3G 3D OS IOS
APP APPS SUV EBA GSP FTA RCEP DJ MC
RAM ROM HDTV FHD UHD HDR LTE VOOC LTD LLC CO ONE IELTS TOEFL SAT GPA MBA PHD XNXX KTV CPU GPU SSD HDD
CAMBODIA THAILAND VIETNAM CHINA JAPAN KOREA LAOS ASIA AMERICA EUROPE PHNOM PENH KHMER UAE OMG LOL
MOU MOUS PLC PCL AMG USS
CV IP HDL LDL DSLR FSH LH BMI R&D
""".split())  # (nineteenth pass: memoranda, company suffixes, a car trim, a ship prefix; twentieth: a
# résumé, an address, cholesterols, a camera type)
#: model numbers (``S1000RR``, ``NX200t``, ``CLICK125i``) are not organizations
_MODEL_CODE_RE = re.compile(r"[A-Za-z]*[0-9]{2,}[A-Za-z]*|[A-Z]+[0-9]+[a-z]+")

#: words that contain a place or title word but are not one
_BLOCKED_WORDS = (
    "អាស៊ីត", "អាស៊ីដីត", "ពិភពលោក", "សកលលោក", "មនុស្សលោក", "ទេវលោក", "ឋានលោក", "លោកិយ", "លោកីយ", "ព្រហ្មលោក",
    "ខែកញ្ញា", "ចិនតា", "ភាសាអង់គ្លេស", "ភាសាបារាំង", "ភាសាចិន", "ភាសាថៃ", "ភាសាជប៉ុន",
    "ភាសាកូរ៉េ", "ភាសាវៀតណាម", "ភាសាអាល្លឺម៉ង់", "ភាសារុស្ស៊ី", "ភាសាអេស្ប៉ាញ", "ជាតិខ្មែរ",
    "ថៃ្ង", "ក្រុមហ៊ុនចិន", "ភូមិភាគ", "ភូមិន្ទ", "ឡាវឡាវ", "លោកអ្នក", "លោកគេ", "បារាំងសែស", "លោកធំ", "ពួកលោក", "លោកខាងលិច", "លោកខាងកើត", "ល្បីឈ្មោះ", "កេរ្តិ៍ឈ្មោះ", "ដាក់ឈ្មោះ", "បញ្ជីឈ្មោះ",
    "តារាងឈ្មោះ", "ឈ្មោះល្អ", "ឈ្មោះក្រៅ", "ចុះឈ្មោះ",  # ចុះឈ្មោះ: to register
    "លោកសេរី", "ឈ្មោះដើម",  # the free world; an original (former) name
    "យកឈ្មោះ",  # (fourteenth pass) to use the name of (``យកឈ្មោះថ្នាក់ដឹកនាំ``)
    "បឋមភូមិ", "ទុតិយភូមិ", "តតិយភូមិ",  # (fourteenth pass) school levels, not a village (``ទុតិយភូមិ ២``)
    # (eleventh pass) a warrant, a bag and a serum hide Qatar and Rome
    "ដីកាតាម", "កាតាប", "សេរ៉ូម",
)
#: words before a country that make it a nationality (not annotated): ``ជនជាតិថៃ``
_NATIONALITY_BEFORE = ("ជនជាតិ", "ភាសា", "អក្សរ", "ម្ហូប", "ដុល្លារ")

#: type words before a place, and which gazetteer levels or world kinds each admits
_PLACE_CUES: dict[str, tuple[str, ...]] = {
    "រាជធានី": ("province",),
    "ខេត្ត": ("province", "region"),  # listed foreign provinces are regions (``ខេត្តអានយ៉ាង``; ninth pass)
    "ទីក្រុង": ("city", "province", "district", "country"),
    "រដ្ឋធានី": ("city",),
    "ក្រុង": ("district", "province", "city"),
    "ស្រុក": ("district",),
    "ខណ្ឌ": ("district",),
    "ឃុំ": ("commune",),
    "សង្កាត់": ("commune",),
    "ភូមិ": ("village",),
    "ប្រទេស": ("country",),
    "សាធារណរដ្ឋ": ("country",),
    "ព្រះរាជាណាចក្រ": ("country",),
    "រដ្ឋ": ("state",),  # states: Latin names (``រដ្ឋ California``) and listed states
    # rivers, lakes and markets named after a place (``ស្ទឹងសៀមរាប``, ``ផ្សារច្បារអំពៅ``)
    "ស្ទឹង": ("province", "district", "commune", "city", "region"),
    "ទន្លេ": ("province", "district", "commune", "city", "region", "country"),
    "បឹង": ("province", "district", "commune", "city", "region"),
    "ផ្សារ": ("province", "district", "commune"),
    "តំបន់": ("region", "area", "country", "province"),
    "ទ្វីប": ("region",),
    "កោះ": ("region", "commune", "village", "state", "country", "city"),  # ``កោះហាវ៉ៃ``, ``កោះ ហ្វីជី``
    # straits, wildlife sanctuaries, national parks: listed or open names (``ដែនជម្រកសត្វព្រៃភ្នំព្រេច``)
    "ច្រកសមុទ្រ": ("region",),
    "ឈូងសមុទ្រ": ("region",),  # (fourteenth pass) gulfs: ``ឈូងសមុទ្រអូម៉ង់``, ``ឈូងសមុទ្រ Persian``
    "ឧទ្យាន": (),  # (fourteenth pass) parks, for a Latin name only (``ឧទ្យាន Liard Hot Springs``)
    "ឆ្នេរសមុទ្រ": ("region", "country", "province", "city", "state"),  # ``ឆ្នេរសមុទ្រប៉ាស៊ីហ្វិក``
    "សមុទ្រ": ("region",),  # ``សមុទ្រប៉ាស៊ីហ្វិក`` (the sea named by its region)
    "ដែនជម្រកសត្វព្រៃ": ("region", "district", "commune", "province"),
    "ឧទ្យានជាតិ": ("region", "district", "commune", "province"),
    "ស្ពាន": (),  # bridges: open names only (``ស្ពានសោប``)
}
_PLACE_CUES = {fold(cue): kinds for cue, kinds in _PLACE_CUES.items()}
_PLACE_CUE_WORDS = tuple(_PLACE_CUES)  # (for one ``str.startswith`` call)
#: cues after which an unknown Khmer word of a few clusters is still a place (foreign provinces, ...)
#: (``ប្រទេស`` + an unknown word is mostly generic: ``ប្រទេសអភិវឌ្ឍន៍``; countries come from the list)
_OPEN_CUES = ("ខេត្ត", "ស្ពាន")
_BRIDGE = fold("ស្ពាន")
#: type words followed by a number as the name (``ភូមិទី៣``, ``សង្កាត់១``)
_NUMBERED_PLACE_CUES = (fold("ភូមិ"), fold("សង្កាត់"))
_NOT_BRIDGE_NAMES = tuple(fold(w) for w in ("អាកាស", "ឆ្លង", "មិត្តភាព", "ម្តង", "បម្រុង", "មាំ", "ថ្ម", "ឈើ",
                                             "ដែក", "បេតុង", "ទាំង", "នោះ", "នេះ", "ចាស់", "ថ្មី", "តូច", "ធំ"))
#: type words of natural areas whose name is the whole written word after them, stop words included
#: (``ដែនជម្រកសត្វព្រៃបឹងពែរ``, ``ច្រកសមុទ្រម៉ាឡាកា``)
_AREA_CUES = frozenset(fold(c) for c in ("ច្រកសមុទ្រ", "ឈូងសមុទ្រ", "ដែនជម្រកសត្វព្រៃ", "ឧទ្យានជាតិ"))
#: (fourteenth pass) type words of seas abroad: before a spaced name they stay outside the place
#: (``ច្រកសមុទ្រ ហ័រមូស`` → ``ហ័រមូស``), as ``ទីក្រុង`` does before a spaced world city
_SEA_CUES = frozenset(fold(c) for c in ("ច្រកសមុទ្រ", "ឈូងសមុទ្រ"))
_REGION = fold("តំបន់")
_AREA_AFTER_REGION = tuple(_AREA_CUES) + (fold("មហាសមុទ្រ"), fold("សមុទ្រ"))
_MARKET = fold("ផ្សារ")
#: rivers, lakes, markets: named after a place, and the name must end where the word ends
_FEATURE_CUES = frozenset(fold(c) for c in ("ស្ទឹង", "ទន្លេ", "បឹង", "ផ្សារ"))
#: cues after which an unknown name glossed in Latin script (``ទីក្រុងក្វាងជូ (Gwangju)``) is a place
_GLOSSED_CUES = tuple(fold(c) for c in ("ទីក្រុង", "រដ្ឋធានី", "ក្រុង", "ខេត្ត", "រដ្ឋ", "ប្រទេស", "កោះ", "តំបន់"))
#: the next type word up an address (``ភូមិX ឃុំY ស្រុកZ ខេត្ត...``): an unknown name between two type
#: words of an address is still a place
_ADDRESS_NEXT = {fold(k): tuple(fold(c) for c in v) for k, v in {
    "ភូមិ": ("ឃុំ", "សង្កាត់"),
    "ឃុំ": ("ស្រុក", "ខណ្ឌ", "ក្រុង"),
    "សង្កាត់": ("ខណ្ឌ", "ក្រុង", "ស្រុក"),
    "ស្រុក": ("ខេត្ត",),
    "ខណ្ឌ": ("រាជធានី", "ភ្នំពេញ"),
    # a lake or a river of unknown name placed by its village, commune or district (``បឹងត្រាវ ភូមិ…``)
    "បឹង": ("ភូមិ", "ឃុំ", "សង្កាត់", "ស្រុក", "ខណ្ឌ"),
    "ស្ទឹង": ("ភូមិ", "ឃុំ", "សង្កាត់", "ស្រុក", "ខណ្ឌ"),
}.items()}
_WATER_CUES = frozenset(fold(c) for c in ("បឹង", "ស្ទឹង"))
_VILLAGE_NUMBER_RE = re.compile("(?:ទី)? ?[0-9០-៩]{1,3}(?![0-9០-៩])")
#: a dateline: ``(ក្វាងជូ)៖`` at the head of a paragraph
#: (both are matched at each line start only: scanning every position cost more than the rest)
_DATELINE_RE = re.compile(f"[ \t]*\\(([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS} ]*)\\)[ ]?[៖:]")
#: (the run is possessive: no shorter run can be followed by the colon, and giving back letter by
#: letter cost more than the match over the first run of every line)
_BARE_DATELINE_RE = re.compile(f"[ \t]*([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*+) ?[៖:]")
#: ``ព្រះវិហារៈ`` (eleventh pass): a dateline closed by the sign ៈ and a space
_VISARGA_DATELINE_RE = re.compile(f"[ \t]*([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*?)ៈ(?= )")  # (ះ folds to ៈ)
_NOT_DATELINES = frozenset(fold(w) for w in ("ពិភពលោក", "អន្តរជាតិ", "វីដេអូ", "មានវីដេអូ", "ព័ត៌មានជាតិ",
                                              "ព័ត៌មានអន្តរជាតិ", "កីឡា", "សិល្បៈ", "សុខភាព", "បច្ចេកវិទ្យា"))
#: (eleventh pass: a letter written in Khmer after the number, ``ផ្លូវលេខ៨២១អា``)
_ROAD_RE = re.compile("(?:ផ្លូវជាតិ|ផ្លូវលេខ|ផ្លូវ)(?:លេខ)? ?[0-9០-៩]{1,4}(?![0-9០-៩])(?:[A-Za-z](?![A-Za-z])|(?:អា|បេ)(?![\u1780-\u17dd])|"
                      " ?(?:មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ)"
                      f"|{fold('ម៉ែត្រ')}(?:ចិន)?)?")  # (nineteenth pass: ``ផ្លូវ៦០ម៉ែត្រ``, the 60-metre road)
_BOULEVARD_RE = re.compile("មហាវិថី ?")
_QUAY_RE = re.compile("តិរវិថី ?")  # (``តិរវិថីព្រះស៊ីសុវត្ថិ``, Sisowath Quay)
_ROAD = "ផ្លូវ"
#: (nineteenth pass) the markets of Phnom Penh known by name (general knowledge of the city); an
#: open ``ផ្សារ`` + word is too often the night market, the stock market or the transfer market
_NAMED_MARKET_RE = re.compile("ផ្សារ ?(?:" + "|".join(sorted({fold(w) for w in (
    "ធំថ្មី", "ទួលទំពូង", "អូរឫស្សី", "ដីហុយ", "ដើមគរ", "ដើមថ្កូវ", "អូរបែកក្អម", "ពោធិចិនតុង", "ឈូកមាស",
    "ចាស់", "កណ្តាល", "ទួលគោក", "ព្រែកផ្នៅ", "ចោមចៅ", "រាត្រី")}, key=len, reverse=True)) + ")")
#: (nineteenth pass) the main roads of Phnom Penh named after ``ផ្លូវ`` without a number (general
#: knowledge of the city's map; ``ផ្លូវ`` + any word is too often "the way of …"); each also written
#: without its ៊ (``ផ្លូវសហព័ន្ធរុស្សី``), as world place names are (twenty-first pass)
_NAMED_ROAD_RE = re.compile("ផ្លូវ ?(?:" + "|".join(sorted({v for w in (
    "ព្រះមុនីវង្ស", "មុនីវង្ស", "ព្រះនរោត្តម", "ព្រះសីហនុ", "កម្ពុជាក្រោម", "សហព័ន្ធរុស្ស៊ី", "ម៉ៅសេទុង",
    "វេងស្រេង", "មិត្តភាព", "ព្រះយុគន្ធរ", "ព្រះអង្គឌួង", "ព្រះស៊ីសុវត្ថិ", "ស៊ីសុវត្ថិ", "ព្រះកុសុមៈ",
    "ជ័យជំនះ", "ហ៊ុនសែន", "សម្តេចហ៊ុនសែន", "ព្រៃស", "ព្រះអង្គអេង", "ព្រះចិន្តា",
    "អង្គរធំ", "ព្រះនរោត្តមសីហនុ", "ព្រះមហាក្សត្រី") for v in (fold(w), fold(w).replace("\u17ca", ""))},
                                             key=len, reverse=True)) + ")")
_PLATE_AFTER_RE = re.compile("[0-9A-Z]| [0-9][A-Z]{1,2}-[0-9]")
_PLATE_HINT_RE = re.compile("[0-9A-Z]")  # every match of _PLATE_AFTER_RE holds one of these
_UNIT_RE = re.compile("(?:យោធភូមិភាគ|កងពលធំ|កងពលតូច|វរសេនាធំ|វរសេនាតូច|កងវរសេនាតូច|កងអនុសេនាធំ)(?:ទី|លេខ)? ?[0-9០-៩]{1,3}")
_GLOSS_RE = re.compile(r" ?\( ?([A-Z][A-Za-zÀ-ÖØ-öø-ÿ'\-]+(?: [A-Z][A-Za-zÀ-ÖØ-öø-ÿ'\-]+){0,4}) ?\)")  # (é, ç: nineteenth pass)
#: where a match of a gloss pattern starts (``_GLOSS_RE``, ``_TRANSLITERATION_GLOSS_RE``): a scan for
#: them tries the pattern there only (its optional first space made the engine try every position)
_GLOSS_STARTS = (" (", "(")
_ORG_WORDS = frozenset("Bank Branch Company Co Co. Ltd Ltd. LTD Group Shop Store Team Club Association "
                       "University Ministry Council Fund Foundation Agency Office Corporation Inc League "
                       "FC Cup Championship Festival Award Awards Show Party News Times Post TV Radio City United Real "
                       "Inter Sporting Athletic Necropolis".split())
#: places that are also common words: only found after a type word
_CUE_ONLY = frozenset(key(w) for w in ("កណ្ដាល", "កែប", "ព្រះវិហារ"))
_CUE_ONLY_REAL = frozenset(key(w) for w in ("កណ្ដាល", "កែប", "ព្រះវិហារ"))
#: cues that take a Latin-script name (the cue stays outside the span)
_LATIN_PLACE_CUES = frozenset(fold(c) for c in ("ទីក្រុង", "ក្រុង", "ខេត្ត", "រដ្ឋ", "ប្រទេស", "តំបន់", "ស្រុក",
                                                  "ឃុំ", "ភូមិ", "កោះ", "ច្រកសមុទ្រ", "ឈូងសមុទ្រ", "សមុទ្រ", "សង្កាត់",
                                                  "ឧទ្យាន"))
#: (fourteenth pass) misspellings of heads seen in news text (also listed in org_heads.txt): they
#: join every list of heads their right spelling is in
_HEAD_MISSPELLINGS = {
    "គណៈកម្មាធិការ": ("គណកម្មាធិការ", "គណកម្មធិការ", "គណៈកម្មធិការ", "គណកម្មាៈធិការ"),
    "គណៈកម្មការ": ("គណកម្មការ",),
    "សមាគម": ("សមាគមន៍",),
}


def _with_misspellings(heads: tuple[str, ...]) -> tuple[str, ...]:
    return heads + tuple(v for h in heads for v in _HEAD_MISSPELLINGS.get(h, ()))


#: organization heads that are generic without a place or an acronym (``អង្គការអន្តរជាតិ``)
_WEAK_HEADS = frozenset(fold(h) for h in _with_misspellings((
    "អង្គការ", "វេទិកា", "មជ្ឈមណ្ឌល", "ស្ថាប័ន", "សមាគម", "រដ្ឋបាល", "រដ្ឋាភិបាល", "នាយកដ្ឋាន", "ទីភ្នាក់ងារ",
    "អាជ្ញាធរ", "នគរបាល", "សភា", "ការិយាល័យ", "កងទ័ព", "ក្រុមការងារ", "មូលនិធិ", "សហភាព", "សហព័ន្ធ",
    "គណៈអភិបាល", "មន្ទីរ", "ក្លឹប", "ស្ថាប័ន", "វិទ្យាល័យ", "ប៉ុស្តិ៍នគរបាល", "កងពលតូច", "កងវរសេនាតូច",
    "គេហទំព័រ", "សារព័ត៌មាន", "កាសែត", "វិទ្យុ", "ទូរទស្សន៍", "ក្រុមចម្រៀង", "អាវុធហត្ថ", "កងអាវុធហត្ថ",
    "ទីភ្នាក់ងារព័ត៌មាន", "បណ្តាញព័ត៌មាន",
    "កងកម្លាំង", "អធិការដ្ឋាន",
    "សហគមន៍", "ប៉ូលិស", "ឆ្មាំសមុទ្រ", "ឆ្មាំព្រំដែន", "ឆ្មាំបដិវត្តន៍", "កងនគរបាល",
    "ក្រុមជម្រើសជាតិ", "ក្រុមបាល់ទាត់ជម្រើសជាតិ", "ជម្រើសជាតិ", "ពន្ធនាគារ",
)))
#: place type words after which a place joins the organization before it across a space
_ADMIN_CUES = tuple(fold(c) for c in ("រាជធានី", "ខេត្ត", "ក្រុង", "ស្រុក", "ខណ្ឌ", "ឃុំ", "សង្កាត់"))
#: a name in spaced words ends with its province or district, not with a commune (``ផ្លូវ...
#: មុខផ្សារ... ភូមិ... សង្កាត់...`` is an address)
_UPPER_ADMIN_CUES = _ADMIN_CUES[:5]
#: heads for which "head + country" is generic (``ក្រុមហ៊ុនចិន``: a Chinese company)
_NOT_WITH_BARE_PLACE = frozenset(fold(h) for h in ("ក្រុមហ៊ុន", "ធនាគារ", "វិទ្យុ", "កាសែត", "សារព័ត៌មាន", "សហគមន៍",
                                                    "ទូរទស្សន៍", "ក្លឹប", "ក្លិប"))  # (twentieth pass:
# ``ទូរទស្សន៍ថៃ``, Thai TV; ``ក្លឹបចិន``, a Chinese club)
#: place types that match anywhere without a cue
_FREE_PLACE_KINDS = frozenset({"province", "country", "city", "region", "state"})

#: honorific titles of office that are titles only after another title (``សម្តេច តេជោ ហ៊ុន សែន``)
_TITLE_CONTINUATIONS = ("តេជោ", "អគ្គមហាសេនាបតីតេជោ", "អគ្គមហាសេនាបតី", "អគ្គមហាពញាចក្រី", "វិបុលសេនាភក្តី",
                        "អគ្គមហាធម្មពោធិសាល", "ក្រឡាហោម", "វិបុលបញ្ញា", "ពិជ័យសេនា", "ចៅហ្វាវាំង")

#: cue words after which a name follows without a title (``ឈ្មោះ`` is not a title)
_NAME_CUES = ("ឈ្មោះ", "ឈ្មោះថា", "ឈ្មោះពិត", "ឈ្មោះពេញ", "ល្បីឈ្មោះ")  # (``ឈ្មោះពិត X``: the real name is X;
#: ``តារាល្បីឈ្មោះ X``: the star named X)
_FAMOUS_CUE = fold("ល្បីឈ្មោះ")
#: (nineteenth pass) things named with ``ឈ្មោះ`` ("named"): a device, a ship, a company, a channel, a
#: product, an animal; the noun stands at most a few words before the cue
_NAMED_THINGS = tuple(sorted({fold(w) for w in (
    "ឧបករណ៍", "នាវា", "កប៉ាល់", "ទូក", "ក្រុមហ៊ុន", "ផលិតផល", "ម៉ាក", "កម្មវិធី", "គេហទំព័រ", "ទំព័រ", "ហាង",
    "ភោជនីយដ្ឋាន", "រោងចក្រ", "ម៉ាស៊ីន", "ជ្រូក", "ឆ្កែ", "ឆ្មា", "ព្យុះ", "ខ្សែភាពយន្ត", "រឿង",
    "បទចម្រៀង", "សៀវភៅ", "Channel", "YouTube")}, key=len, reverse=True))
_THING_BEFORE_NAME_RE = re.compile("(?:" + "|".join(_NAMED_THINGS) + ")[^។\n]{0,20}$")
_BYLINE_WORDS = ("ដោយ", "សម្រួល")
_BYLINE_RE = re.compile(r"(?:ដោយ|សម្រួល) ?[៖:ៈ] ?")  # (អត្ថបទ|រៀបរៀង|...)ដោយ៖ name; (twentieth pass)
# (ប្រែ|កែ)សម្រួល៖ name, the translator's or the editor's credit
_SOURCE_RE = re.compile(r"ប្រភព(?:ព័ត៌មាន)? ?(?:ពី ?)?[៖:]? ?")
_SOURCE_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?: [A-Z][A-Za-z0-9.\-]*){0,3}")
_ORG_STOP_EXCEPTIONS = frozenset(fold(w) for w in ("នៃ", "ជាតិ", "ក្រុង", "ខេត្ត", "ស្រុក", "ខណ្ឌ", "ឃុំ",
                                                     "សង្កាត់", "ភូមិ", "រដ្ឋាភិបាល", "និង", "សម្រាប់",
                                                     "ក្រុម", "ប្រទេស", "អ្នក", "ខ្មែរ", "សមាជិក",
                                                     "ក្នុង", "មាន", "ទី", "រួម", "ពី", "ការ"))
_SAFE_WORDS = frozenset(fold(w) for w in (
    "ជាតិ", "ជាន់", "ជាង", "មានជ័យ", "នៅក្រៅ", "ទីក្រុង", "ទីស្តីការ", "ដែក", "តាមរយៈ", "ពិសេស",
    "ទេសចរណ៍", "ក្រោយ", "នាទី", "មានសិទ្ធិ", "ខាងជើង", "ខាងត្បូង", "ខាងកើត", "ខាងលិច",
    "ថាមពល", "ពីរោះ", "ដោយសេរី", "ជិតខាង", "សែនសុខ", "រយៈ", "វាសនា", "វាសនាវិន", "ជាតិ",
    "ទេស",  # (fifteenth pass) ``វិទ្យាស្ថានពហុបច្ចេកទេស``: ``ទេ`` (not) inside ``បច្ចេកទេស``, ``ទេសភាព``
))
_PLACE_BOUNDARY_AFTER = frozenset(" ,.។៕៖:;!?()[]{}\"'«»“”‘’-–—/\n\t|")


@dataclass(frozen=True, slots=True)
class _View:
    """The folded, zero-width-free text used for matching, and how to get back to the original.

    ``removed`` lists, for each zero-width character taken out, the view position it stood at
    (non-decreasing); a view index ``i`` is original index ``i + bisect_right(removed, i)``.
    """

    text: str
    removed: tuple[int, ...]
    soft: frozenset[int]  # view positions where a zero-width space was removed

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.removed:
            return start, end
        return (start + bisect.bisect_right(self.removed, start),
                end - 1 + bisect.bisect_right(self.removed, end - 1) + 1)


_TO_ZWSP = str.maketrans({ch: "\u200b" for ch in _ZERO_WIDTH})
_UPPER_RE = re.compile("[A-Z]")


def _make_view(text: str) -> _View:
    if not any(ch in text for ch in _ZERO_WIDTH):
        return _View(fold(text), (), frozenset())
    if "\u2060" in text or "\ufeff" in text:
        text = text.translate(_TO_ZWSP)
    joined, removed = _taken_out(text, "\u200b")
    soft = frozenset(removed)
    soft = soft - {0} if 0 in soft else soft
    return _View(fold(joined), removed, soft)


def _taken_out(text: str, ch: str) -> tuple[str, tuple[int, ...]]:
    """``text`` without ``ch``, and where each one stood in the result (``_View.removed``)."""
    pieces = text.split(ch)
    return "".join(pieces), tuple(itertools.accumulate(map(len, pieces[:-1])))


@dataclass(slots=True)
class _Cand:
    kind: str
    start: int  # view offsets
    end: int
    rule: str
    value: object = None
    title_span: tuple[int, int] | None = None
    attrs: dict | None = None
    priority: int = 0


# --- compiled patterns ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Patterns:
    titles: re.Pattern
    known_people: re.Pattern
    free_names: re.Pattern  # places, known organizations, org heads, place cues
    blocked: re.Pattern
    stop_re: re.Pattern  # a name stop or a safe word starting at a position
    gate: _TrigramGate  # where the big word lists' patterns may match
    learned_kinds: dict[str, str]  # the names the labelled articles taught, without their spaces -> kind
    learned: dict[str, tuple[int, ...]]  # their first ``learned_key`` characters (the shortest name's
    # length) -> the lengths of the names that start so, longest first
    learned_key: int
    learned_gate: _TrigramGate


@functools.cache
def _patterns() -> _Patterns:
    lex = lexicon()
    rank = "(?:ឯក|ទោ|ត្រី)?"
    title_alt = trie_pattern(lex.titles, space=" ")
    # honorific titles of office that follow another title, often after a space (``សម្តេច តេជោ``)
    next_alt = trie_pattern(sorted({fold(t) for t in _TITLE_CONTINUATIONS} | set(lex.titles), key=len, reverse=True),
                            space=" ")
    titles = re.compile(f"(?:{title_alt}){rank}(?:[ ]?(?:{next_alt}){rank})*")
    names: set[str] = set()
    for place_key, places in lex.places.items():
        for place in places:
            if place.kind in _FREE_PLACE_KINDS:
                names.add(fold(place.name))  # with its spaces: the trie makes each one optional
    for org in lex.orgs.values():
        names.add(fold(org.name))
        if "និង" in org.name:  # ``និង កីឡា`` and ``និងកីឡា`` are both written
            names.add(fold(org.name.replace("និង", "និង ").replace("  ", " ")))
    names.update(lex.org_heads)
    names.update(fold(c) for c in _PLACE_CUES)
    names.update(fold(c) for c in _NAME_CUES)
    free_names = re.compile(trie_pattern(sorted(names)))
    blocked_words = [fold(w) for w in _BLOCKED_WORDS]
    blocked = re.compile(trie_pattern(blocked_words))
    known_words = _known_people_words()
    known_people = re.compile(trie_pattern(known_words))
    stop_words = set(lex.name_stops) | set(_SAFE_WORDS)
    stop_re = re.compile(trie_pattern(sorted(stop_words), space=" "))
    learned_kinds = {word.replace(" ", ""): kind for word, kind in learned_names().items()}
    # (a table, not a trie pattern: the regex engine takes 0.1 s to compile one of 3,400 names)
    learned_key = min(map(len, learned_kinds), default=0)
    by_start: dict[str, set[int]] = {}
    for word in learned_kinds:
        by_start.setdefault(word[:learned_key], set()).add(len(word))
    learned = {start: tuple(sorted(sizes, reverse=True)) for start, sizes in by_start.items()}
    # (the gate's bits: _FREE_NAMES, _BLOCKED, _KNOWN_PEOPLE, _TITLES, _ROLES)
    gate = _TrigramGate([(names, " ?"), (blocked_words, " ?"), (known_words, " ?"), (lex.titles, " "),
                         (_NAME_ROLES, " ?")])
    learned_gate = _TrigramGate([(learned_kinds, "")])  # (its own: it reads the text without spaces)
    return _Patterns(titles, known_people, free_names, blocked, stop_re, gate, learned_kinds, learned,
                     learned_key, learned_gate)


def _known_people_words() -> list[str]:
    from sastra.extract._lexicon import _entities

    return sorted({fold(n) for n in _entities("persons_known.txt")})


def _matches_from(pattern: re.Pattern, text: str, starts: Iterable[int]) -> list[re.Match]:
    """What ``pattern.finditer(text)`` finds when every match can only begin at one of ``starts``:
    the matches at those positions in order, each kept when it begins after the previous one ends."""
    found = []
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                found.append(match)
                end = match.end()
    return found


def _matches_of(text: str, needles: tuple[str, ...], pattern: re.Pattern) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern each of whose matches starts with one of
    ``needles``, tried only where one stands: a C-speed ``str.find`` per needle costs a half to a
    sixth of the scan of the whole text, for a pattern made of a few literal words."""
    starts = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            starts.append(at)
            at = text.find(needle, at + 1)
    return _matches_from(pattern, text, starts)


#: bits of ``_TrigramGate`` flags, one per word list (in the order ``_patterns`` gives them)
_FREE_NAMES, _BLOCKED, _KNOWN_PEOPLE, _TITLES, _ROLES = 1, 2, 4, 8, 16
#: texts shorter than this are scanned whole: the gate's few numpy calls cost more than it saves
_GATE_MIN_LEN = 200


class _TrigramGate:
    """Where the patterns of a few big word lists (made by ``trie_pattern``) may match, from the first
    four characters at each position, all looked up at once with numpy.

    Python's regex engine tries a trie pattern at each of the ~55% of positions holding a possible
    first character, at ~110 ns each. Tables of three-character strings leave a tenth to a
    two-hundredth of those positions (``_trie_matches``): ``first`` holds the first three characters
    of the lists' words, ``then`` their second to fourth, ``whole`` the words of up to three."""

    def __init__(self, lists: list[tuple[Iterable[str], str]]) -> None:
        self._lists = [(tuple(words), space) for words, space in lists]
        self._tables: tuple | None = None  # built at the first long text: numpy takes 0.15 s to import
        self._last: tuple = (None, None, None)  # the last text, where a flag is set, and the flags,
        # set at once (threads)

    def _build(self) -> tuple:
        import numpy as np

        starts = [set().union(*(_prefixes(w, space) for w in words if w)) for words, space in self._lists]
        chars = sorted({ch for group in starts for p in group for ch in p})
        size = len(chars) + 1  # class 0: any other character, and the end of the text
        classes = np.zeros(ord(chars[-1]) + 2, np.intp)
        for n, ch in enumerate(chars):
            classes[ord(ch)] = n + 1

        def code(piece: str) -> int:
            value = 0
            for ch in piece:
                value = value * size + int(classes[ord(ch)])
            return value

        # bit i of ``first``: list i has a word of four or more starting so; of ``whole``: a whole
        # word (matched whatever follows); of ``then``: characters 2-4 of a word of list i
        first, whole, then = (np.zeros(size ** 3, np.uint8) for _ in range(3))
        for bit, group in enumerate(starts):
            for p in group:
                if len(p) == 4:
                    first[code(p[:3])] |= 1 << bit
                    then[code(p[1:])] |= 1 << bit
                else:
                    span = size ** (3 - len(p))
                    whole[code(p) * span:(code(p) + 1) * span] |= 1 << bit
        self._tables = (np, classes, size, first, whole, then)
        return self._tables

    def starts(self, text: str, bit: int) -> list[int]:
        """Offsets in ``text`` (in order) where a word of the list ``bit`` may start."""
        last, at, flags = self._last
        if text is not last:  # (the lists are scanned in the same text one after another)
            np, classes, size, first, whole, then = self._tables or self._build()
            # (characters past the last listed one are clipped to it: class 0)
            cls = classes.take(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32), mode="clip")
            code = cls * (size * size)
            code[:-1] += cls[1:] * size
            code[:-2] += cls[2:]
            flags = whole.take(code)
            flags[:-1] |= first.take(code[:-1]) & then.take(code[1:])
            at = flags.nonzero()[0]
            flags = flags[at]
            self._last = (text, at, flags)
        return at.compress(flags & bit).tolist()


def _prefixes(word: str, space: str) -> set[str]:
    """The first four characters of each string ``trie_pattern(..., space=space)`` matches for
    ``word`` (each space written as ``space``: " ?" optional, " " kept, "" dropped); all of it if
    shorter."""
    found: set[str] = set()

    def walk(i: int, acc: str) -> None:
        if len(acc) == 4 or i == len(word):
            found.add(acc)
        elif word[i] != " ":
            walk(i + 1, acc + word[i])
        else:
            if space.startswith(" "):
                walk(i + 1, acc + " ")
            if space != " ":
                walk(i + 1, acc)

    walk(0, "")
    return found


def _trie_matches(pattern: re.Pattern, text: str, bit: int) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern each of whose matches starts with a word of the
    gate's list ``bit``, tried only where the gate allows one (``_matches_from`` keeps ``finditer``'s
    order and its leaving out of matches that begin inside the previous one)."""
    if len(text) < _GATE_MIN_LEN:
        return list(pattern.finditer(text))
    return _matches_from(pattern, text, _patterns().gate.starts(text, bit))


def _first_words(words: Iterable[str]) -> tuple[str, ...]:
    """The words that start with no other of ``words``: a match of any of them starts with one."""
    words = tuple(words)
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))

# --- helpers --------------------------------------------------------------------------------------

def _at_cluster_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] != COENG


def _at_cluster_end(text: str, i: int) -> bool:
    """No mark follows ``i`` and no coeng stands before it: a cluster ends there."""
    if i >= len(text):
        return True
    ch = text[i]
    return not ("\u17b4" <= ch <= "\u17d3" or ch == "\u17dd") and _at_cluster_start(text, i)


def _cluster_ends(text: str, start: int, limit: int) -> list[int]:
    """End offsets of up to ``limit`` Khmer clusters from ``start`` (stops at anything else)."""
    ends = []
    pos = start
    while len(ends) < limit:
        match = _CLUSTER_RE.match(text, pos)
        if not match:
            break
        pos = match.end()
        ends.append(pos)
    return ends


_JA = fold("ជា")
_PRA = fold("ប្រ")


def _stop_at(text: str, pos: int, stops: frozenset[str]) -> str | None:
    """The name stop word starting at ``pos``; None if nothing, or a safe word, starts there."""
    match = _patterns().stop_re.match(text, pos)
    if not match:
        return None
    word = match.group()
    if word in _SAFE_WORDS or word not in stops or not _at_cluster_end(text, match.end()):
        return None
    if word.startswith(_JA) and text.endswith(_PRA, 0, pos):
        return None  # ``ប្រជាជន``, ``ប្រជាពលរដ្ឋ``: ``ជា`` inside a word after the syllable ``ប្រ``
    end = match.end()
    if end + 1 < len(text) and text[end + 1] in _FINAL_MARKS and "\u1780" <= text[end] <= "\u17a2":
        return None  # ``ថាច់``: a consonant with a bantoc closes the syllable, the word runs on
    return word


#: marks that make a consonant the silent or final consonant of the syllable before it: a cluster
#: carrying one never starts a word (``ថា`` + ``ច់`` is ``ថាច់``, not ``ថា``)
#: (only the bantoc: the matching view folds ``៏`` into ``៍``, and ``ក៏`` "also" is a word of its own)
_FINAL_MARKS = frozenset("\u17cb")


def _clusters_in(word: str) -> int:
    """How many Khmer clusters ``word`` holds. Short words are remembered; a longer slice (up to the
    end of a long unspaced run) is counted afresh, so the cache never holds more than 8192 short
    strings, whatever the text."""
    if len(word) > 128:  # (43 of the 28,907 calls on the corpus)
        return len(_CLUSTER_RE.findall(word))
    return _clusters_in_word(word)


@functools.lru_cache(maxsize=8192)  # (~29 calls per article, two thirds on a string seen before)
def _clusters_in_word(word: str) -> int:
    return len(_CLUSTER_RE.findall(word))


# --- places ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def _place_trie(kinds: tuple[str, ...]) -> re.Pattern:
    """One trie-shaped regex of every place name of ``kinds`` (compiled once per cue type)."""
    names = {fold(p.name) for places in lexicon().places.values() for p in places if p.kind in kinds}
    return re.compile(trie_pattern(sorted(names)) or "(?!)")


@functools.lru_cache(maxsize=1)
def _place_tree() -> tuple[dict[str, int], list]:
    """Every place name of every kind in one character trie, built once per process: (bit of each
    kind, root). A node is ``[children, kinds below, kinds ending here]``, its children a dict from
    character to node, and the kinds bit masks.

    It replaces compiling one large trie regex per cue type (``_place_trie``), which cost more than
    a second of CPU in every new process; :func:`_place_match` walks it exactly as that regex matches."""
    places = [(fold(p.name), p.kind) for group in lexicon().places.values() for p in group]
    bits = {kind: 1 << i for i, kind in enumerate(sorted({kind for _, kind in places}))}
    root: list = [{}, 0, 0]
    for name, kind in places:
        if not name:
            continue
        bit = bits[kind]
        node = root
        node[1] |= bit
        for ch in name:
            child = node[0].get(ch)
            if child is None:
                child = node[0][ch] = [{}, 0, 0]
            node = child
            node[1] |= bit
        node[2] |= bit
    return bits, root


@functools.lru_cache(maxsize=64)
def _kinds_mask(kinds: tuple[str, ...]) -> int:
    bits = _place_tree()[0]
    mask = 0
    for kind in kinds:
        mask |= bits.get(kind, 0)
    return mask


def _place_match(text: str, start: int, kinds: tuple[str, ...]) -> int:
    """Where ``_place_trie(kinds).match(text, start)`` ends, or -1 when it does not match: the same
    ordered, backtracking search (branches by character; an inner space is an optional space, tried
    present first) over the one trie of :func:`_place_tree`, keeping to names of ``kinds``."""
    mask = _kinds_mask(kinds)
    if not mask:
        return -1
    # down the tree in a loop while no node offers an inner space (nearly always), remembering the
    # deepest name that ends on the way; the search with backtracking only from a node that does
    node = _place_tree()[1]
    size = len(text)
    pos = start
    best = -1
    while True:
        children = node[0]
        if " " in children:
            end = _walk(node, text, pos, size, mask)
            return end if end >= 0 else best
        if node[2] & mask:
            best = pos
        if pos >= size:
            return best
        child = children.get(text[pos])
        if child is None or not child[1] & mask:
            return best
        node = child
        pos += 1


def _walk(node: list, text: str, pos: int, size: int, mask: int) -> int:
    # the children that can match are the space (an optional space, tried first: it sorts before
    # every letter) and the child of the character at ``pos``: two dictionary lookups instead of a
    # scan over every child
    children = node[0]
    here = text[pos] if pos < size else ""
    child = children.get(" ")
    if child is not None and child[1] & mask:
        if here == " ":
            end = _walk(child, text, pos + 1, size, mask)
            if end >= 0:
                return end
        end = _walk(child, text, pos, size, mask)
        if end >= 0:
            return end
    if here and here != " ":
        child = children.get(here)
        if child is not None and child[1] & mask:
            end = _walk(child, text, pos + 1, size, mask)
            if end >= 0:
                return end
    return pos if node[2] & mask else -1


def _lookup_place(text: str, start: int, kinds: tuple[str, ...], lex: Lexicon) -> tuple[int, object] | None:
    """Longest gazetteer or world name of one of ``kinds`` starting at ``start``: (end, place)."""
    if not kinds:
        return None
    end = _place_match(text, start, kinds)
    if end < 0:
        return None
    if _at_cluster_end(text, end) or text[end] == "\u17c8":  # (nineteenth pass: ``ក្រុងតេអេរ៉ង់ៈ``, a dateline)
        name_key = text[start:end].replace(" ", "")
        places = lex.places.get(name_key)
        chosen = _place_of_kinds(places, kinds) if places else None
        if chosen is not None:
            if end < len(text) and text[end] == " " and name_key in _keys_with_longer():
                # (twenty-first pass) a longer name with an inner space: ``សង្កាត់វាល វង់``
                spaced = _lookup_place_slow(text, start, kinds, lex)
                if spaced is not None and spaced[0] > end:
                    return spaced
            return end, chosen
    return _lookup_place_slow(text, start, kinds, lex)


def _place_of_kinds(places: tuple, kinds: tuple[str, ...]) -> object | None:
    """The first of ``places`` of the first of ``kinds`` that one has, or None."""
    for kind in kinds:
        for place in places:
            if place.kind == kind:
                return place
    return None


@functools.cache
def _keys_with_longer() -> frozenset[str]:
    """The place keys that begin a longer key (``ស្រែ``, ``ស្រែអំបិល``): a name found by
    ``_lookup_place`` can run on over a space only when its key is one of them (a ninth of the keys;
    of ``lexicon()``, the lexicon every caller passes)."""
    keys = sorted(lexicon().places)
    return frozenset(k for k, after in zip(keys, keys[1:]) if after.startswith(k))


def _lookup_place_slow(text: str, start: int, kinds: tuple[str, ...], lex: Lexicon) -> tuple[int, object] | None:
    """Cluster by cluster: for the rare longest match that ends inside a cluster."""
    ends = _cluster_ends(text, start, 12)
    if ends and ends[-1] < len(text) - 1 and text[ends[-1]] == " ":
        # names with an inner space (``ស្រែ អំបិល``, ``កន្ទឺ ១``)
        ends = ends + _cluster_ends(text, ends[-1] + 1, 4)
    best = None
    for end in ends:
        places = lex.places.get(text[start:end].replace(" ", ""))
        if places:
            chosen = _place_of_kinds(places, kinds)
            if chosen is not None:
                best = (end, chosen)
    return best


def _place_value(place) -> dict:
    value = {"type": place.kind, "name": place.name, "en": place.english}
    if place.codes:
        value["codes"] = list(place.codes[:10])
    return value


def _open_place_end(text: str, start: int, stops: frozenset[str], max_clusters: int = 8) -> int:
    """End of an unknown Khmer place name after an open cue (``ខេត្តចាវ៉ាខាងកើត``); ``start`` if none."""
    i = start
    count = 0
    while True:
        match = _CLUSTER_RE.match(text, i)
        if not match:
            break
        if count and text[i] in _ORG_COMPOUND_FIRST:
            compound = _ORG_COMPOUND_RE.match(text, i)  # (twelfth pass: ``…និងព័ត៌មានបរិស្ថាន``)
            if compound is not None and count + _clusters_in(compound.group()) <= max_clusters:
                i = compound.end()
                count += _clusters_in(compound.group())
                continue
        if _stop_at(text, i, stops) is not None:
            if count == 0:
                return start
            break
        if count == max_clusters:
            return start
        i = match.end()
        count += 1
    return i


#: English names of listed places that are also usual personal names or club names standing alone
_LATIN_PLACE_EXCLUDED = frozenset("Jordan Georgia Victoria Florence Lincoln Houston Chelsea Kent Paris Milan "
                                  "Orlando Austin Dallas Phoenix Regina Adelaide Sydney Charlotte Eden "
                                  # cities whose name alone, in Latin script in Khmer text, is mostly the club
                                  "Madrid Barcelona Manchester Liverpool Munich Turin Valencia Seville Sevilla "
                                  "Porto Rome Roma Naples Napoli Leicester Newcastle Dortmund Marseille Lyon "
                                  "Monaco Bilbao Leeds Brighton".split())


@functools.cache
def _latin_places() -> tuple[dict[str, object], re.Pattern]:
    """Countries, world cities and regions and Cambodian provinces by their English name (the world list's
    and the gazetteer's): ``នៅ Greenland``, ``Singapore``."""
    lex = lexicon()
    found: dict[str, object] = {}
    for places in lex.places.values():
        for place in places:
            if place.kind in _FREE_PLACE_KINDS and place.english and place.english[0].isupper() and \
                    place.english.isascii() and place.english not in _LATIN_PLACE_EXCLUDED:
                found.setdefault(place.english, place)
    return found, re.compile(trie_pattern(sorted(found), space=" "))


def _find_latin_places(text: str, cands: list, place_at: dict) -> None:
    """A Latin-script run of capitalized words that is exactly a listed place's English name is that
    place (``Tuvalu``; not ``Real Madrid`` or ``Denny Kwan``: the whole run must be the name)."""
    names, pattern = _latin_places()
    for match in pattern.finditer(text):
        s = match.start()
        if s and (text[s - 1].isascii() and (text[s - 1].isalnum() or text[s - 1] in "-'&.@/_")):
            continue
        if s > 1 and text[s - 1] == " " and text[s - 2].isascii() and text[s - 2].isalpha():
            continue  # ``New Mexico``, ``Tour de France``, ``Honda Cambodia``: part of a longer name
        run = _LATIN_NAME_RE.match(text, s)
        if run is None or run.end() != match.end():
            continue
        e = match.end()
        if e < len(text) and (text[e].isalnum() and text[e].isascii() or text[e] in "-'&@_"):
            continue
        if e + 1 < len(text) and text[e] == " " and text[e + 1].isascii() and text[e + 1].isalpha():
            continue  # ``China law Society``
        place = names[match.group()]
        cand = _Cand("loc", s, e, "loc.latin", _place_value(place), priority=1)
        cands.append(cand)
        place_at.setdefault(s, cand)


# --- the finder -----------------------------------------------------------------------------------

def find_entities(text: str, *, kinds: Iterable[str] | None = None, learned: bool = True) -> list[Mention]:
    """Persons, organizations and places in ``text``, as non-overlapping mentions in text order.

    ``kinds`` limits the result to some of ``person``, ``org``, ``loc``. Offsets are into ``text``
    as given (zero-width spaces included). ``learned=False`` leaves out the names the labelled
    articles taught (``learned_names.tsv``): the hand rules alone.

    Worst-case time: many rules look at the letters glued to a candidate, up to the next space or
    punctuation (``_CLUSTER_RUN_RE``, ``_glued_word_end``, slices counted by ``_clusters_in``), which
    costs the length of that run. In news text a run is a few words long, but on a long line with
    no space nor punctuation every candidate pays the rest of the line, and time and memory grow
    with the square of its length (a 160,000-character unspaced line took 71 s and 1 GB). So a text
    longer than ``_WHOLE_TEXT_CHARS``, or longer than ``_PIECE_CHARS`` with a stretch of more than
    ``_GLUED_CHARS`` characters without whitespace, is read in pieces of at most ``_PIECE_CHARS``
    characters (see ``_pieces``: cut at a line break, else after a sentence mark, else after a
    space or zero-width space, else before a Khmer cluster, never inside one), with the offsets of
    each piece's mentions shifted back into ``text``: time is then linear in the length. No mention
    crosses a cut, and the passes over the whole article (a name repeated after its full mention, a
    company named again) then see one piece at a time. No article of the corpus is cut (the longest
    has 9,775 characters, its longest stretch without whitespace 2,082).
    """
    require_str(text)
    wanted = set(ENTITY_KINDS if kinds is None else kinds)
    if not text or not wanted & set(ENTITY_KINDS):
        return []
    pieces = _pieces(text)
    if len(pieces) == 1:
        return _find_in(text, wanted, learned)
    mentions = []
    for start, end in pieces:
        for mention in _find_in(text[start:end], wanted, learned):
            mentions.append(dataclasses.replace(mention, start=mention.start + start, end=mention.end + start))
    return mentions


#: texts up to this length are read whole unless they hold a long unspaced stretch (``find_entities``)
_WHOLE_TEXT_CHARS = 100_000
#: the longest stretch without whitespace read whole in a text longer than ``_PIECE_CHARS``
_GLUED_CHARS = 5_000
#: the longest piece a text is read in when it is cut
_PIECE_CHARS = 5_000
_LINE_BREAKS = ("\n", "\r")
_SENTENCE_MARKS = ("។", "៕", "?", "!")
_SPACES = (" ", "\t", "\u00a0", "\u200b")


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) pieces that cover ``text`` in order, each of at most ``_PIECE_CHARS`` characters
    (one piece, the whole text, when it can be read whole: see ``find_entities``). Each cut is the
    last line break of the second half of the piece's room, else the last sentence mark (។ ៕ ? !),
    else the last space or zero-width space (the mark or space ends its piece), else the last
    position that starts a Khmer cluster (or any character that is no combining mark and not after
    a coeng); only a stretch of that many combining marks is cut anywhere."""
    size = len(text)
    if size <= _PIECE_CHARS or (size <= _WHOLE_TEXT_CHARS and
                                max(map(len, text.split()), default=0) <= _GLUED_CHARS):
        return [(0, size)]
    pieces = []
    start = 0
    while size - start > _PIECE_CHARS:
        cut = _cut_in(text, start + _PIECE_CHARS // 2, start + _PIECE_CHARS)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, size))
    return pieces


def _cut_in(text: str, low: int, high: int) -> int:
    """The end of a piece ending in ``text[low:high]`` (``low < cut <= high``; see ``_pieces``)."""
    for marks in (_LINE_BREAKS, _SENTENCE_MARKS, _SPACES):
        at = max(text.rfind(mark, low, high) for mark in marks)
        if at >= 0:
            return at + 1
    for cut in range(high, low, -1):
        if _starts_cluster(text, cut):
            return cut
    return high


def _starts_cluster(text: str, i: int) -> bool:
    """Whether a piece may start at ``text[i]``: no combining mark, joiner or zero-width character,
    and the character before it (zero-width characters skipped, as the matching view drops them)
    is no coeng."""
    ch = text[i]
    if ch in _ZERO_WIDTH or ch in "\u200c\u200d" or unicodedata.category(ch).startswith("M"):
        return False
    before = i - 1
    while before >= 0 and text[before] in _ZERO_WIDTH:
        before -= 1
    return before < 0 or text[before] != COENG


def _find_in(text: str, wanted: set[str], learned: bool = True) -> list[Mention]:
    """``find_entities`` on one text read whole."""
    view = _make_view(text)
    chosen = _typed_latin_names(view.text, resolve_overlaps(_candidates(view)))
    if learned:
        chosen = _with_learned_names(view.text, chosen)
    chosen = _found_names_again(view.text, chosen, view.soft)
    mentions = []
    for cand in chosen:
        if cand.kind not in wanted:
            continue
        mentions.append(_to_mention(cand, view, text))
    return mentions


def _free_span(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps none of the sorted, non-overlapping spans ``taken``."""
    i = bisect.bisect_left(taken, (end, -1))  # (the spans starting before ``end``: only the last can reach it)
    return not (i and taken[i - 1][1] > start)


def _found_names_again(text: str, chosen: list[_Cand], soft: frozenset[int]) -> list[_Cand]:
    """(session 18) A one-word Khmer name found as a person at two places at least is that person
    wherever else it stands as a whole word, or, with three clusters or more, glued after the word
    before it and ending where a word ends, where no mention is (``ចំរ៉ុង`` of a story that names him
    again and again, by the rules after a title or a role, or by the learned list)."""
    counts: dict[str, int] = {}
    for c in chosen:
        if c.kind == "person":
            name = text[c.start:c.end]
            if " " not in name and not name.isascii():
                counts[name] = counts.get(name, 0) + 1
    names = [n for n, k in counts.items() if k >= 2 and _clusters_in(n) >= 2]
    if not names:
        return chosen
    lex = lexicon()
    taken = sorted((c.start, c.end) for c in chosen)
    extra = []
    for name in sorted(names, key=len, reverse=True):  # (a longer name first: spans stay flat)
        if name in lex.name_stops or key(name) in lex.places or name in lex.orgs:
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (_word_ends(text, at, end, soft) or _clusters_in(name) >= 3 and _at_cluster_start(text, at) and
                    _word_end_at(text, end, soft)) and _free_span(taken, at, end):
                extra.append(_Cand("person", at, end, "person.repeat", None, priority=0))
                bisect.insort(taken, (at, end))
            at = text.find(name, end)
    return sorted(chosen + extra, key=lambda c: c.start) if extra else chosen


#: (session 17) the last word of a Latin-script name that says what kind of thing it names: no
#: person's name ends so (none of the 4,160 labelled persons does; 199 organizations and 12 places do)
_LATIN_ORG_TYPE_WORDS = frozenset("""
    Academy Agency Airlines Airways Association Awards Band Bank Building Cafe Center Centre Channel
    Cineplex Cinema Clinic Club Co Coffee College Committee Company Corp Corporation Council Department
    Entertainment FC Foundation Gallery Group Hospital Hotel Hotels Inc Institute League Ltd Magazine
    Mall Market Mart Media Ministry Motors Museum News Online Organisation Organization Party Post
    Productions Records Resort Resorts Restaurant Review School Shop Store Studio Studios Theater Theatre
    Times ToysReview Tube University Vlog
""".split())
_LATIN_PLACE_TYPE_WORDS = frozenset("""
    Airport Avenue Bay Beach Boulevard Bridge City County District Island Islands Lake Park Plaza
    Province River Road Square Stadium Street Tower Towers Village
""".split())


def _typed_latin_names(text: str, chosen: list) -> list:
    """A Latin-script person mention whose last word names a kind of thing (``Sunshine Skyway
    Bridge``, ``Ryan ToysReview`` after ``ឈ្មោះ``) is a place or an organization, with the same span."""
    out = []
    for cand in chosen:
        name = text[cand.start:cand.end] if cand.kind == "person" else ""
        if name.isascii() and name.strip():
            last = name.rsplit(None, 1)[-1]
            kind = "org" if last in _LATIN_ORG_TYPE_WORDS else "loc" if last in _LATIN_PLACE_TYPE_WORDS else None
            if kind is not None:
                cand = _Cand(kind, cand.start, cand.end, f"{kind}.latin_type_word", None, priority=cand.priority)
        out.append(cand)
    return out


def without_spaces(text: str) -> _View:
    """``text`` with its spaces taken out, as a view whose ``span`` maps back into ``text``: the
    learned names match however the spaces inside them are written (``ក្រុមហ៊ុន ប៊ីម៉ា``)."""
    if " " not in text:
        return _View(text, (), frozenset())
    return _View(*_taken_out(text, " "), frozenset())


def name_bounds_ok(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` starts and ends on cluster boundaries, and a Latin name on word
    boundaries."""
    if not (_at_cluster_start(text, s) and _at_cluster_end(text, e)):
        return False
    return not (text[s:e].isascii() and ((s and _ascii_alnum(text[s - 1])) or (e < len(text) and _ascii_alnum(text[e]))))


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def learned_name_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each name of ``learned_names`` in a matching view's ``text``, in order
    and not overlapping (the longest at a position), on cluster boundaries (``name_bounds_ok``)."""
    pats = _patterns()
    if not pats.learned:
        return []
    bare = without_spaces(text)
    line = bare.text
    starts = pats.learned_gate.starts(line, 1) if len(line) >= _GATE_MIN_LEN else range(len(line))
    spans = []
    end = 0
    sizes_of, first, kinds = pats.learned.get, pats.learned_key, pats.learned_kinds.get
    for at in starts:
        if at < end:
            continue
        for size in sizes_of(line[at:at + first], ()):
            kind = kinds(line[at:at + size])
            if kind is not None:
                end = at + size
                s, e = bare.span(at, end)
                if name_bounds_ok(text, s, e):
                    spans.append((s, e, kind))
                break
    return spans


def _with_learned_names(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """The rules' mentions (flat, in order), with the learned names: one stands wherever no rule
    mention is, and stands for the rule mentions it covers whole (``សុខ ចាន់`` inside the learned
    ``សុខ ចាន់ថា``, whose title it keeps); it is dropped where it cuts across a rule mention.

    The hand rules need a cue (a title, a head word, a gazetteer entry); a learned name needs none.
    Both uses were chosen by cross-validation on the development articles and measured on articles
    never used to build the list (bench/learn_names.py)."""
    spans = learned_name_spans(text)
    if not spans:
        return chosen
    starts = [c.start for c in chosen]
    added = []
    replaced: set[int] = set()
    for s, e, kind in spans:
        at = bisect.bisect_left(starts, e)  # the rule mentions starting before e
        first = at
        while first and chosen[first - 1].end > s:  # ... and ending after s: they overlap it
            first -= 1
        inside = chosen[first:at]
        if inside and (any(c.start < s or c.end > e for c in inside) or
                       (inside[0].start, inside[-1].end) == (s, e) and len(inside) == 1):
            continue  # it cuts across a rule mention, or is one
        if kind == "loc" and _nationality_before(text, s):
            continue  # (session 17) ``ជនជាតិរុស្ស៊ី``: a nationality, as for the rules' places
        replaced.update(range(first, at))
        title = inside[0].title_span if kind == "person" and inside and inside[0].start == s else None
        added.append(_Cand(kind, s, e, f"{kind}.learned", _learned_value(kind, text[s:e]), title_span=title))
    if replaced:
        chosen = [c for i, c in enumerate(chosen) if i not in replaced]
    if not added:
        return chosen
    merged = sorted(chosen + added, key=lambda c: c.start)
    people = [c for c in added if c.kind == "person" and " " in text[c.start:c.end]]
    if people:  # (session 18) a learned name's given name alone, where no mention stands
        found: list[_Cand] = []
        _find_repeats(text, people, found)
        taken = sorted((c.start, c.end) for c in merged)
        extra = []
        for c in sorted((c for c in found if c.rule == "person.given"), key=lambda c: c.start - c.end):
            if _free_span(taken, c.start, c.end):  # (a longer one first: spans stay flat)
                extra.append(c)
                bisect.insort(taken, (c.start, c.end))
        if extra:
            merged = sorted(merged + extra, key=lambda c: c.start)
    return merged


def _learned_value(kind: str, name: str) -> object:
    """A learned name's value: the organization's or place's entry when the lists know it."""
    lex = lexicon()
    k = key(name)
    if kind == "org" and k in lex.orgs:
        return _org_value(lex.orgs[k])
    if kind == "loc" and k in lex.places:
        return _place_value(lex.places[k][0])
    return None


def _to_mention(cand: _Cand, view: _View, text: str) -> Mention:
    start, end = view.span(cand.start, cand.end)
    title = None
    if cand.title_span is not None:
        ts, te = view.span(*cand.title_span)
        title = text[ts:te]
    # (positional arguments: a frozen dataclass is built a quarter faster so, ~17 times per article)
    return Mention(cand.kind, start, end, text[start:end], cand.value, cand.rule, title,
                   dict(cand.attrs) if cand.attrs else {})


def resolve_overlaps(cands: list) -> list:
    """Flat, non-overlapping spans: the outer (longer) candidate wins, then the higher priority."""
    return flat_spans(cands, lambda c: -c.priority)


def _candidates(view: _View) -> list[_Cand]:
    lex = lexicon()
    pats = _patterns()
    text = view.text
    stops = lex.name_stops
    blocked = [m.span() for m in _trie_matches(pats.blocked, text, _BLOCKED)]
    cands: list[_Cand] = []
    place_at: dict[int, _Cand] = {}

    def is_blocked(s: int, e: int) -> bool:
        """Whether a blocked word overlaps ``s:e`` without lying inside it."""
        for bs, be in blocked:  # (in text order: none further on starts before e)
            if bs >= e:
                return False
            if (bs <= s < be or bs < e <= be) and not (s <= bs and e >= be):
                return True
        return False

    heads_at: list[tuple[int, int, str]] = []
    known_orgs: list[_Cand] = []
    # (the key sets looked up once, not once per match: this loop runs ~25 times per article)
    known_keys, cue_keys, head_keys, name_cue_keys = _KNOWN_KEYS(), _CUE_KEYS(), _HEAD_KEYS(), _NAME_CUE_KEYS()
    for match in _trie_matches(pats.free_names, text, _FREE_NAMES):
        s, e = match.span()
        if s and text[s - 1] == COENG:  # (not at a cluster start)
            continue
        word = match.group()
        k = word.replace(" ", "")
        # shorten to a cluster boundary and to a listed name
        while e > s and (not (_at_cluster_end(text, e) or text[e] == "\u17c8") or k not in known_keys):
            e -= 1
            word = text[s:e]
            k = word.replace(" ", "")
        if e <= s:
            continue
        if blocked and is_blocked(s, e):
            continue
        if k in lex.orgs and not _latin_inside_word(text, s, e) and not _latin_after_place_cue(text, s):
            org = lex.orgs[k]
            known_orgs.append(_Cand("org", s, e, "org.known", _org_value(org), priority=3))
        if k in cue_keys:
            heads_at.append((s, e, "cue"))
        if k in head_keys and not (k == _COMMAND and text.startswith(_GENDARMERIE, e)):
            # (twentieth pass) ``បញ្ជាការដ្ឋានកងរាជអាវុធហត្ថស្រុក…``: the gendarmerie of the district is
            # the name, its headquarters the building
            heads_at.append((s, e, "head"))
        if k in name_cue_keys:
            heads_at.append((s, e, "name"))
        places = lex.places.get(k)
        if places and k not in _CUE_ONLY:
            place = next((p for p in places if p.kind in _FREE_PLACE_KINDS), None)
            if place is not None and not _nationality_before(text, s):
                cand = _Cand("loc", s, e, f"loc.{place.kind}", _place_value(place), priority=2)
                cands.append(cand)
                place_at.setdefault(s, cand)

    # places after a type word
    fw = lex.function_words
    free_place_ends = {c.end for c in cands if c.kind == "loc"}
    for s, e, what in heads_at:
        if what != "cue":
            continue
        cue = text[s:e]
        if cue == _MARKET and text.endswith("ទី", 0, s):
            continue  # ``ទីផ្សារចិន``: the Chinese market, not a market place
        allowed = _PLACE_CUES[cue]
        pos = e
        if pos < len(text) and text[pos] == " ":
            pos += 1
        if pos >= len(text) or _nationality_before(text, s):
            continue
        if "A" <= text[pos] <= "Z" and cue in _LATIN_PLACE_CUES:
            match = _LATIN_NAME_RE.match(text, pos)
            office = _office_before_cue(text, s) if match and " " in match.group().strip() else None
            if office is not None:  # (one word stays a place: ``អភិបាលក្រុង Bogor``, the city's mayor)
                # (fourteenth pass) ``លោកអភិបាលខេត្ត Raul de Sagon``: the cue ends a title of office,
                # the Latin name after it is the office holder, not a place
                cands.append(_Cand("person", pos, _trim_latin(text, pos, match.end()), "person.office_latin",
                                   None, title_span=None if office == s else (office, e), priority=2))
                continue
            if match:
                name_end = _trim_latin(text, pos, match.end())
                cand = _Cand("loc", pos, name_end, "loc.cue_latin", None, priority=2)
                cands.append(cand)
                place_at.setdefault(pos, cand)
                place_at.setdefault(s, _Cand("loc", s, name_end, "loc.cue_latin"))
            continue
        if _starts_generic(text, pos, lex, always_only=True):
            continue
        if cue == _STATE and pos == e and _word_starts(text, s, view.soft):
            country = place_at.get(pos)
            if country is not None and country.value and country.value.get("type") == "country":
                # ``រដ្ឋបារាំង``: the French state (as a body that taxes, rules...), an organization
                cands.append(_Cand("org", s, country.end, "org.state", None, priority=3))
                continue
        if cue == _REGION and text.startswith(_AREA_AFTER_REGION, pos):
            continue  # ``តំបន់ច្រកសមុទ្រហ័រមូស``: the strait is the place, ``តំបន់`` says "the area of"
        if cue in _AREA_CUES:
            run = _CLUSTER_RUN_RE.match(text, pos)
            end = run.end() if run else pos
            if _clusters_in(text[pos:end]) > 8:  # glued to the next words: cut where a zero-width space was
                end = next((i for i in _soft_between(view.soft, pos, end) if _clusters_in(text[pos:i]) >= 2), pos)
            spaced_sea = pos > e and cue in _SEA_CUES
            if cue in _SEA_CUES and (_stop_at(text, pos, lex.name_stops) is not None or
                                     text[pos:end] in _SAFE_WORDS or pos in place_at):
                # ``ឈូងសមុទ្រ ពិសេស សមុទ្រពែក្ស``, ``ឈូងសមុទ្រដែល``: no name after the type word;
                # ``ឈូងសមុទ្រកម្ពុជា``: the country is the place
                continue
            if 2 <= _clusters_in(text[pos:end]) <= 8 and _ends_at_boundary(text, end):
                cand = _Cand("loc", pos if spaced_sea else s, end, "loc.area", None, priority=1)
                cands.append(cand)
                place_at[s] = cand
            continue
        found = _lookup_place(text, pos, allowed, lex)
        if found is not None and (found[1].kind in ("village", "commune") or cue in _FEATURE_CUES) and \
                not _ends_at_name_boundary(text, found[0], view.soft):
            found = None  # a village named like a common word, glued to the next word
        if found is not None:
            end, place = found
            cand = _Cand("loc", s, end, f"loc.{place.kind}", _place_value(place), priority=2)
            cands.append(cand)
            place_at[s] = cand
            continue
        if cue in _SLIP_CUES and pos == e:
            slip = _misspelled_after_cue(text, pos, _SLIP_CUES[cue], lex, view.soft)
            if slip is not None:
                # (fourteenth pass) ``ក្រុងសៀមរាម``, ``ក្រុងប៉ោយប៉ត``: a listed name with one slip
                cand = _Cand("loc", s, slip, "loc.misspelled", None, priority=1)
                cands.append(cand)
                place_at[s] = cand
                continue
        if cue in _NUMBERED_PLACE_CUES:  # (``សង្កាត់១``: eleventh pass)
            number = _VILLAGE_NUMBER_RE.match(text, pos)
            if number:
                cands.append(_Cand("loc", s, number.end(), "loc.village_number", None, priority=1))
                continue
        if cue in _ADDRESS_NEXT and not _starts_generic(text, pos, lex) and \
                (cue not in _WATER_CUES or (pos == e and _word_starts(text, s, view.soft))):
            end = _open_place_end(text, pos, lex.name_stops)
            after = end + 1 if end < len(text) and text[end] == " " else end
            if not (end > pos and (end in view.soft or after > end) and
                    text.startswith(_ADDRESS_NEXT[cue], after)):
                # a name that begins like a word (``ភូមិអ្នកជា ឃុំ...``): the whole written word
                end = _address_word_end(text, pos, _ADDRESS_NEXT[cue], view.soft)
                after = end + 1 if end < len(text) and text[end] == " " else end
            if end > pos and (end in view.soft or after > end) and text.startswith(_ADDRESS_NEXT[cue], after):
                cand = _Cand("loc", s, end, "loc.address", None, priority=1)
                cands.append(cand)
                place_at[s] = cand
                continue
        if cue == "តំបន់":
            end = _region_end(text, pos, free_place_ends) if pos == e and not text.startswith(_KINDS_OF_AREA, pos) \
                else pos  # (nineteenth pass) ``តំបន់ជនបទកម្ពុជា``: "the rural areas of Cambodia", the country alone
            if end > pos and (_starts_generic(text, pos, lex) or _IN_WORD in text[pos:end]):
                end = pos  # (twentieth pass) ``តំបន់ជាច្រើននៅឥណ្ឌា``: "many areas in India", the country alone
            if end > pos:
                cand = _Cand("loc", s, end, "loc.region", None, priority=2)
                cands.append(cand)
                place_at[s] = cand
            continue
        if cue in _GLOSSED_CUES:  # (twenty-first pass) also after a space: ``ទីក្រុង ខេមប្រ៊ីជ (Cambridge)``
            run = _CLUSTER_RUN_RE.match(text, pos)
            if run and 2 <= _clusters_in(run.group()) <= 8 and _GLOSS_RE.match(text, run.end()) and \
                    _open_place_end(text, pos, lex.name_stops) == run.end():
                cand = _Cand("loc", s, run.end(), "loc.cue_glossed", None, priority=1)
                cands.append(cand)  # ``ទីក្រុងក្វាងជូ (Gwangju)``
                place_at[s] = cand
                continue
        if cue in _OPEN_CUES and not _starts_generic(text, pos, lex) and \
                not (cue == _BRIDGE and (pos != e or text.startswith(_NOT_BRIDGE_NAMES, pos))):
            # (eleventh pass) a bridge's name is glued to ស្ពាន; not a flyover, a crossing or a metaphor
            end = _open_place_end(text, pos, lex.name_stops, 4 if cue == _BRIDGE else 8)
            if _clusters_in(text[pos:end]) >= 2 and _ends_at_boundary(text, end) and \
                    (pos == e or _GLOSS_RE.match(text, end)):
                # (fourteenth pass) after a space only with a Latin gloss (``ខេត្ត បាតាន់ស៍ (Batanes)``):
                # ``ទូទាំងខេត្ត អាជ្ញាធរមូលដ្ឋាន``, ``ក្នុងខេត្ត ប្រមាណជាង`` end a phrase with ``ខេត្ត``
                cand = _Cand("loc", s, end, "loc.cue_open", None, priority=1)
                cands.append(cand)
                place_at[s] = cand

    line_starts = [0]
    at = text.find("\n")
    while at >= 0:
        line_starts.append(at + 1)
        at = text.find("\n", at + 1)
    for match in filter(None, (_DATELINE_RE.match(text, i) for i in line_starts)):
        s0, e0 = match.span(1)
        if _clusters_in(text[s0:e0]) <= 8 and text[s0:e0] not in _NOT_DATELINES and \
                not any(c.start <= s0 and e0 <= c.end for c in cands if c.kind == "loc"):
            cands.append(_Cand("loc", s0, e0, "loc.dateline", None, priority=1))
    for match in filter(None, (_BARE_DATELINE_RE.match(text, i) or _VISARGA_DATELINE_RE.match(text, i)
                               for i in line_starts)):
        # ``កណ្តាល៖ ...`` at the head of a paragraph: a province even when its name is also a word
        s0, e0 = match.span(1)
        places = lex.places.get(text[s0:e0])
        if places and any(p.kind in ("province", "city") for p in places):
            cands.append(_Cand("loc", s0, e0, "loc.dateline", None, priority=1))
    latin = _UPPER_RE.search(text) is not None  # most Khmer articles: skip the Latin-script rules
    if latin:
        _find_latin_places(text, cands, place_at)
    for match in _ROAD_RE.finditer(text):
        if _at_cluster_start(text, match.start()):
            cands.append(_Cand("loc", match.start(), match.end(), "loc.road", None, priority=2))
    for match in itertools.chain(_matches_at(text, "មហាវិថី", _BOULEVARD_RE),
                                 _matches_at(text, "តិរវិថី", _QUAY_RE)):  # (and a riverside quay)
        end = _open_place_end(text, match.end(), lex.name_stops)
        if _clusters_in(text[match.end():end]) >= 2:
            cands.append(_Cand("loc", match.start(), end, "loc.road", None, priority=2))
    cands.extend(_Cand("loc", m.start(), m.end(), "loc.road", None, priority=2)
                 for m in _matches_at(text, _ROAD, _NAMED_ROAD_RE) if _at_cluster_end(text, m.end()))
    cands.extend(_Cand("loc", m.start(), m.end(), "loc.market", None, priority=2)
                 for m in _matches_at(text, _MARKET, _NAMED_MARKET_RE) if _at_cluster_end(text, m.end()))
    _find_facilities(text, cands, lex)
    if "ច្រក" in text:
        _border_crossings(text, cands, lex, view.soft)
    # (every military unit word holds one of these: three ``in`` tests cost less than the scan)
    for match in (_UNIT_RE.finditer(text) if "យោធភូមិភាគ" in text or "កងពល" in text or "សេនា" in text else ()):
        cands.append(_Cand("org", match.start(), match.end(), "org.unit", None, priority=3))
    # a province name glued to a licence plate number (``ភ្នំពេញ1HM-775``) is part of an identifier
    # (a third of the articles hold no Latin digit or capital at all; a capital was looked for above)
    if latin or _PLATE_HINT_RE.search(text):
        cands[:] = [c for c in cands if not (c.kind == "loc" and _PLATE_AFTER_RE.match(text, c.end))]
        place_at = {k: v for k, v in place_at.items() if not _PLATE_AFTER_RE.match(text, v.end)}

    # organizations after a head word
    org_at: dict[int, int] = {}
    for cand in known_orgs:
        # a place attached to a known organization stays inside (``ក្រសួងមហាផ្ទៃនៃប្រទេសវៀតណាម``)
        cand.end = _org_end(text, cand.end, place_at, fw, places_only=True)[0]
        org_at[cand.start] = max(org_at.get(cand.start, 0), cand.end)
    for s, e, what in heads_at:
        if what != "head":
            continue
        head = text[s:e]
        latin_at = e + 1 if e < len(text) and text[e] == " " else e
        country = _lookup_place(text, e, ("country",), lex) if latin_at == e and head in _COUNTRY_LATIN_HEADS \
            and text[e:e + 1] not in _LATIN_START else None
        if country is not None:
            # (fourteenth pass) ``ក្រុមហ៊ុនឥណ្ឌាS.K``, ``ក្រុមហ៊ុនជប៉ុន Sumitomo Chemical``: a company
            # described by its country, then its Latin name; the country stays a place (even glued
            # to the name, which the licence-plate filter would otherwise drop)
            after = country[0] + 1 if text.startswith(" ", country[0]) else country[0]
            if after < len(text) and "A" <= text[after] <= "Z":
                latin_at = after
                if e not in place_at:
                    cands.append(_Cand("loc", e, country[0], f"loc.{country[1].kind}", _place_value(country[1]),
                                       priority=2))
        if latin_at < len(text) and "A" <= text[latin_at] <= "Z":
            # a generic word before a Latin name stays outside (``អង្គការ Taramana``)
            match = _INITIALS_RE.match(text, latin_at) or _ALNUM_NAME_RE.match(text, latin_at) or \
                _LATIN_NAME_RE.match(text, latin_at)  # (nineteenth pass: ``ក្រុមហ៊ុន GDH599``)
            joined = _LATIN_JOINED_NAME_RE.match(text, latin_at)
            if joined is not None and joined.end() > match.end() and \
                    re.search(r" (?:des|de|du|la|le|of|for|and|the|et) |d[’']", joined.group()):
                match = joined  # (fifteenth pass) ``អង្គការ Terre des Hommes``
            end = _trim_latin(text, latin_at, match.end())
            if end > latin_at + 1 and (match.re is _ALNUM_NAME_RE or not _ACRONYM_ONLY_RE.fullmatch(text[latin_at:end])) and \
                    not text[max(0, s - 10):s].endswith(_PROGRAMME) and text[latin_at:end] not in _GENRES:
                # (twentieth pass: ``ក្រុមចម្រៀង Kpop``, a K-pop band: the genre is no name)
                # (``កម្មវិធីទូរទស្សន៍ Oprah Winfrey``: a programme named after its host)
                if text.startswith((" នៃ", "នៃ"), end):
                    # (fifteenth pass) ``អង្គការ Terre des Hommes នៃប្រទេសហូឡង់``: a country attached to
                    # an organization stays inside
                    end = _org_end(text, end, place_at, fw, places_only=True)[0]
                cands.append(_Cand("org", latin_at, end, "org.head_latin", None, priority=2))
            continue
        end, has_place = _org_end(text, e, place_at, fw, org_at=org_at,
                                  connectors=head in _CONNECTOR_HEADS)
        if end == e and head in _UNIT_HEADS and text.startswith(" ", e) and org_at.get(e + 1, 0) > e + 1:
            # ``អគ្គលេខាធិការដ្ឋាន កាកបាទក្រហមកម្ពុជា``: a unit, a space and the body it belongs to
            cands.append(_Cand("org", s, org_at[e + 1], "org.head", None, priority=3))
            continue
        if head in _SPACED_NAME_HEADS and end == e:
            # (one spaced word after ``ក្រុមហ៊ុន`` was tried: as often a verb or half a name as a name)
            media = _company_name_end(text, e) if head == _COMPANY else _media_name_end(text, e, lex)
            if media is None and head == _COMPANY:
                media = _company_word_end(text, e, lex)
            if media is not None:
                cands.append(_Cand("org", s, media, "org.media" if head != _COMPANY else "org.company",
                                   None, priority=2))
            continue
        if head in _DOMAIN_HEADS and end <= e:
            # ``មន្ទីរអប់រំ យុវជន និងកីឡា``: a domain that begins with a verb (អប់រំ)
            department = _department_end(text, e, e, view.soft, lex, place_at, head == _OFFICE)
            if department is not None:
                cands.append(_Cand("org", s, department, "org.head", None, priority=3))
            continue
        if end <= e or _is_generic(text[e:end], lex):
            continue
        placed = has_place  # (a place after a named school still shows the name is specific)
        if head in _NAMED_INSTITUTIONS and has_place:
            # ``មន្ទីរពេទ្យជ័យជំនះក្រុងតាខ្មៅ``: a named hospital, then where it is
            inner = _first_place_start(text, e, end, place_at)
            if inner is not None and inner > e and text[inner - 1] != " ":
                # (a place after a space stays inside: ``មន្ទីរពេទ្យបង្អែក ស្រុកតំបែរ``)
                end, has_place = inner, False
            elif inner is not None and inner > e + 1 and text.startswith(_LOCAL_CUES, inner):
                end, has_place = inner - 1, False  # ``វិទ្យាល័យជីហែ ឃុំជីហែរ``: then its commune
        acronym = _acronym_follows(text, end)
        if not acronym:
            # an acronym defined after the glued words that follow marks where the long form ends
            run = _CLUSTER_RUN_RE.match(text, end)
            if run and run.end() > end and _clusters_in(text[e:run.end()]) <= 30 and \
                    _acronym_follows(text, run.end()):
                end, acronym = run.end(), True
        if head in _WEAK_HEADS and not (placed or acronym):
            local = _local_unit_end(text, e, end, view.soft, lex)
            if local is None and head in _DOMAIN_HEADS:
                local = _department_end(text, e, end, view.soft, lex, place_at, head == _OFFICE)
            if local is None:
                # ``ការិយាល័យប្រឆាំងការជួញដូរមនុស្ស និងការពារអនីតិជន``: a long specific name is a
                # unit even without its province; short ones are generic (``ការិយាល័យជំនាញ``)
                if head not in _LONG_NAME_HEADS or _clusters_in(text[e:end]) < 7 or \
                        _stop_at(text, e, lex.function_words) is not None or \
                        _starts_generic(text, e, lex, always_only=True):
                    continue
                local = end
            end = local
        if head in _NOT_WITH_BARE_PLACE and has_place and place_at.get(e) is not None \
                and place_at[e].end == end:
            continue
        if head == _COMPANY and _describes_business(text, e, end, place_at):
            # ``ក្រុមហ៊ុនផលិតរថយន្តជប៉ុន``: a Japanese car maker, not a name; (fourteenth pass) but
            # the Latin name written after the description is the company's (``ក្រុមហ៊ុនផលិតសព្វាវុធ
            # រុស្ស៊ី Rostec``, ``ក្រុមហ៊ុនបច្ចេកវិទ្យាចិន Huawei``)
            if text.startswith(" ", end) and end + 1 < len(text) and "A" <= text[end + 1] <= "Z":
                name = _LATIN_NAME_RE.match(text, end + 1)
                name_end = _trim_latin(text, end + 1, name.end())
                if name_end > end + 2 and not _ACRONYM_ONLY_RE.fullmatch(text[end + 1:name_end]) or \
                        name_end > end + 2 and text[end + 1:name_end] not in _NOT_ACRONYMS:
                    cands.append(_Cand("org", end + 1, name_end, "org.head_latin", None, priority=2))
            elif end > e and text.startswith(" ", end):
                # (twentieth pass) a Khmer name written after the description and a space is the
                # company's, the description with it (``ក្រុមហ៊ុនធានារ៉ាប់រង ប៊ីម៉ា``)
                name_end = _spaced_company_name_end(text, end + 1, lex)
                if name_end is not None:
                    cands.append(_Cand("org", s, name_end, "org.company_described", None, priority=2))
            continue
        if not has_place and _plural_after(text, end):
            continue  # ``មន្ទីរកសិកម្ម... ទាំង ២៤ខេត្ត``: every provincial department, not one
        number = _UNIT_NUMBER_RE.match(text, end)
        if number is not None and text[e:end] and (number.end() >= len(text) or number.end() in view.soft or
                                                   not "\u1780" <= text[number.end()] <= "\u17dd"):
            end = number.end()  # ``ប៉ុស្តិ៍ចោមចៅ១``, ``ប៉ុស្តិ៍លេខ៥``: the unit's number (not ``...២នាក់``)
        longest = 30 if head in _CONNECTOR_HEADS else 26 if has_place else 24 if head in _LONG_NAME_HEADS else 16
        if not acronym and _clusters_in(text[e:end]) > longest:
            continue
        if head in _DEPARTMENT_HEADS and text.startswith(" ", end) and org_at.get(end + 1, 0) > end + 1 and \
                any(k.start == end + 1 for k in known_orgs):
            # (fifteenth pass) ``មន្ទីរបច្ចេកទេសសន្តិសុខ កងរាជអាវុធហត្ថខេត្ត``: a department, a space and
            # the listed body it belongs to make one organization
            end = org_at[end + 1]
        cands.append(_Cand("org", s, end, "org.head", None, priority=3))

    spaced_known: list[_Cand] = []
    known_at = {c.start for c in known_orgs}
    for s, e, what in heads_at:
        if what == "head" and e < len(text) and (text[e] != " " or e + 1 not in known_at):
            # (twelfth pass: also after a space, ``ក្រសួង សុខាភិបាល``, unless a listed name of its own
            # follows: ``អង្គការ យូនីសេហ្វ``)
            # a known name written with spaces of its own (``ក្រសួងមុខងារ សាធារណៈ``)
            spaced = _spaced_known_end(text, s, e, lex)
            if spaced is not None:
                org = lex.orgs[text[s:spaced].replace(" ", "")]
                spaced_known.append(_Cand("org", s, spaced, "org.known", _org_value(org), priority=3))
                known_orgs.append(spaced_known[-1])
    for cand in known_orgs:
        if any(cand is c for c in spaced_known):  # (found after the loop above)
            cand.end = _org_end(text, cand.end, place_at, fw, places_only=True)[0]
        at = cand.end + 2 if text.startswith("នៃ", cand.end) else cand.end + 3 \
            if text.startswith(" នៃ", cand.end) else -1
        if at > 0 and text.startswith(" ", at):
            at += 1
        if at > 0 and org_at.get(at, 0) > at:  # ``អគ្គនាយកដ្ឋានពន្ធដារនៃក្រសួងសេដ្ឋកិច្ច...``: a unit
            cand.end = org_at[at]
        cands.append(cand)
    _find_acronyms(text, cands, latin)
    _find_sources(text, cands, stops)
    persons = _find_persons(text, heads_at, stops, view.soft)
    persons.extend(_find_aliases(text, persons, stops, view.soft))
    if "«" in text or "“" in text:
        persons.extend(_quoted_nicknames(text, persons))
    roled = _find_after_roles(text, stops, view.soft) + _names_after_person_nouns(text, stops, view.soft) + \
        _names_before_nicknames(text, stops, view.soft) + _names_glued_after_roles(text, stops, view.soft)
    persons.extend(roled)
    persons.extend(_find_aliases(text, roled, stops, view.soft))  # (session 20: ``អ្នកប្រដាល់ X ហៅ ខ្លាធំ``)
    joined = _find_coordinated(text, persons, stops, view.soft)
    for _ in range(6):  # ``A, B និង C``: each name found opens the next
        if not joined:
            break
        persons.extend(joined)
        aliases = _find_aliases(text, joined, stops, view.soft)
        persons.extend(aliases)
        joined = _find_coordinated(text, joined + aliases, stops, view.soft)
    persons.extend(_find_end_byline(text, stops, view.soft))
    if " និង " in text:
        persons.extend(_find_people_pairs(text, stops))
    if ("ហ្វេសប៊ុក" in text or "គណនី" in text or "ខោន" in text) and ("«" in text or "“" in text or '"' in text):
        persons.extend(_find_named_accounts(text))
    known_matches = _trie_matches(pats.known_people, text, _KNOWN_PEOPLE)  # (read twice below)
    persons.extend(_khmer_known_persons_alone(text, view.soft, stops))
    if any(name in text for name in _WORLD_SURNAMES):
        known_full = {m.group() for m in known_matches}
        named = frozenset(w for w in _WORLD_SURNAMES if any(n.endswith(w) for n in known_full))
        persons.extend(_world_figures_by_surname(text, lex, view.soft, named))
    if _COURTESY in text:  # (nineteenth pass) ``អត្ថបទផ្ដល់សិទ្ធិដោយ Hello Krupet``: the site that lent the article
        cands.extend(_Cand("org", m.start(1), m.end(1), "org.courtesy", None, priority=2)
                     for m in _COURTESY_RE.finditer(text))
    if _TOP_LEVEL_DOMAIN_RE.search(text) is not None:
        # (nineteenth pass) ``វេបសាយhealth.com.kh``: the site; (twentieth pass) and a bare domain
        # standing as a word in the sentence (``ខាងក្រោមនេះ Health.com.kh នឹងបង្ហាញ…``), but not an
        # address to visit (``ចូលទៅកាន់គេហទំព័រ emirates.com``)
        cands.extend(_Cand("org", m.start(1), m.end(1), "org.site", None, priority=2)
                     for m in _SITE_DOMAIN_RE.finditer(text))
        cands.extend(_Cand("org", m.start(), m.end(), "org.site", None, priority=1)
                     for m in _BARE_DOMAIN_RE.finditer(text)
                     if not text[max(0, m.start() - 24):m.start()].rstrip(" ").endswith(_VISIT_WORDS))
    if "Posted by " in text:  # (nineteenth pass) the credit of an embedded Facebook post
        persons.extend(_Cand("person", m.start(1), m.end(1), "person.posted_by", None, priority=1)
                       for m in _POSTED_BY_RE.finditer(text))
    known: dict[int, int] = {}
    for match in known_matches:
        s0, e0 = match.span()
        if _at_cluster_start(text, s0) and _at_cluster_end(text, e0) and \
                (e0 >= len(text) or not _CLUSTER_RE.match(text, e0) or e0 in view.soft or
                 _stop_at(text, e0, stops) is not None) and \
                (_word_starts(text, s0, view.soft) or text.endswith(lex.titles, 0, s0) or
                 text.endswith(_person_roles(), 0, s0)):
            # (nineteenth pass: not inside a word, ``មួយចំនួនជាមួយ`` holds ``នួនជា``)
            persons.append(_Cand("person", s0, e0, "person.known", None, priority=1))
            known[s0] = e0
    for person in list(persons):
        # ``ប៊ុន រ៉ានី ហ៊ុនសែន``: a name, a space and a known two-word name make one longer name
        # (a married woman's name followed by her husband's: only after a title for women, session 19;
        # ``លោក អ៊ឹង ណារី ប៉ែន រ៉ន`` names two singers)
        after = known.get(person.end + 1)
        if after is not None and text[person.end] == " " and person.rule != "person.known" and \
                not _is_title_words(text[person.start:person.end]) and person.title_span is not None and \
                fold(text[person.title_span[0]:person.title_span[1]].replace("\u200b", "").strip()).endswith(
                    _WIVES_TITLES):
            persons.append(_Cand("person", person.start, after, "person.title_known", None,
                                 title_span=person.title_span, priority=2))
    if latin:  # ``លោក SULEYMAN SOYLU``: a name in capitals after a title is not an acronym
        # (tenth pass) and after ``ឈ្មោះ`` with a sex or an age after it (``ឈ្មោះ CHAMBERLAIN JOSEPH BLAKE ភេទប្រុស``)
        titled = {(p.start, p.end) for p in persons if p.title_span is not None or
                  p.rule == "person.cue" and text[p.end:p.end + 6].lstrip(" ").startswith(_SEX_OR_AGE)}
        cands[:] = [c for c in cands if not (c.rule == "org.acronym" and (c.start, c.end) in titled)]
    cands.extend(persons)
    _find_repeats(text, persons, cands, view.soft)
    if latin:
        _find_latin_orgs(text, cands)
        _find_latin_after_roles(text, cands)
        _find_latin_single_after_roles(text, cands)
        _find_latin_before_verbs(text, cands)
        _find_latin_lists(text, cands)
        _find_latin_name_lists(text, cands)
        # (twentieth pass) a full Latin-script name these rules found stands again elsewhere
        # (``Ice Apissada ជាតារាស្រី…`` and the headline ``Ice Apissada បង្ហាញ…``)
        _find_repeats(text, [c for c in cands if c.rule in _LATIN_PERSON_RULES and " " in text[c.start:c.end]],
                      cands, view.soft)
        _latin_first_names_alone(text, cands)
        _find_glosses(text, cands)
        _find_org_repeats(text, cands)
    _find_company_repeats(text, cands, view.soft)
    if _NUMBER_WORD in text:
        _channel_numbers(text, cands, lex)
    _sixth_pass(text, cands, view.soft, lex)
    _seventh_pass(text, cands, view.soft, lex)
    _extend_repeated_names(text, cands, lex)
    _eighth_pass(text, cands, view.soft, lex)
    if _BRANCH in text:
        cands.extend(_service_branches(text, cands, lex))
    _tenth_pass(text, cands, stops, view.soft, latin)
    if "ភូមិ" in text or "ឃុំ" in text or "សង្កាត់" in text:
        _glued_addresses(text, cands, view.soft)
    _eleventh_pass(text, cands, view.soft, lex)
    _twelfth_pass(text, cands, lex)
    _schools_named_for_people(text, cands, lex)
    if _POST in text:
        _police_posts(text, cands, lex, view.soft)
    if "ភោជនីយ" in text or "សណ្ឋាគារ" in text:
        _named_restaurants_and_hotels(text, cands, lex, view.soft)
    _sixteenth_pass(text, cands, view.soft, lex, latin)
    _seventeenth_pass(text, cands, view.soft, lex)
    if _BASE in text:
        _nineteenth_pass(text, cands, view.soft, lex)
    _sites_named_after_their_type_word(text, cands, view.soft, lex)
    if _RESIDENT in text:
        _resident_in_country(text, cands, lex)
    if latin:
        _generic_words_before_latin_names(text, cands)
    if "\n" in text:
        _end_byline(text, cands, view.soft, lex)
    _repeated_spaced_names(text, cands, view.soft, lex)
    if latin and "(" in text:
        _transliterated_names(text, cands, view.soft)
    if "៖" in text or ":" in text:
        _names_before_datelines(text, cands, lex)
    if _INCLUDING in text or _SUCH_AS in text:
        _names_listed_after_roles(text, cands, lex)
    # (fourteenth pass) ``ឧកញ៉ា ឬមន្ត្រី``: "or" after a title is no name; ``សម្តេចក្រឡា ហោម ស ខេង``:
    # an honorific title of office written with a space is no name either
    cands[:] = [c for c in cands if not (c.kind == "person" and (text[c.start:c.end] == _OR or
                                                                  _is_title_words(text[c.start:c.end])))]
    if latin:
        # (twentieth pass) capitals after a place type word name the place: ``ទីក្រុងKHOMS``
        named_places = {(c.start, c.end) for c in cands if c.rule == "loc.cue_latin"}
        cands[:] = [c for c in cands if not (c.rule == "org.acronym" and (_caps_phrase_not_org(text, c) or
                                                                          (c.start, c.end) in named_places))]
    return cands


#: offices named by a place type word (``អភិបាលខេត្ត``, ``ចៅហ្វាយក្រុង``), and honorifics before them
_OFFICES_BEFORE_CUE = tuple(sorted((fold(w) for w in ("អភិបាល", "អភិបាលរង", "ចៅហ្វាយ", "ប្រធាន", "អនុប្រធាន",
                                                      "ស្នងការ", "ស្នងការរង", "អធិការ", "អធិការរង", "មេ")),
                                   key=len, reverse=True))
_HONORIFICS_BEFORE_OFFICE = tuple(fold(w) for w in ("លោកស្រី", "លោក", "ឯកឧត្តម", "អ្នកស្រី", "អ្នកនាង"))


#: titles for women, after which a name and a known two-word name are one name (her husband's name after
#: hers: ``សម្តេចកិត្តិព្រឹទ្ធបណ្ឌិត ប៊ុន រ៉ានី ហ៊ុនសែន``)
_WIVES_TITLES = tuple(fold(w) for w in ("កិត្តិព្រឹទ្ធបណ្ឌិត", "លោកស្រី", "អ្នកស្រី", "លោកជំទាវ", "ជំទាវ",
                                          "លោកស្រីបណ្ឌិត", "អ្នកឧកញ៉ា"))


def _office_before_cue(text: str, s: int) -> int | None:
    """Where the title of office ending at the type word at ``s`` starts: the honorific before the
    office (``លោកអភិបាលខេត្ត``), ``s`` itself for an office with no honorific (no title), None when
    no office word is glued before the type word."""
    office = next((w for w in _OFFICES_BEFORE_CUE if text.endswith(w, 0, s)), None)
    if office is None:
        return None
    at = s - len(office)
    before = at - 1 if at and text[at - 1] == " " else at
    honorific = next((w for w in _HONORIFICS_BEFORE_OFFICE if text.endswith(w, 0, before)), None)
    return before - len(honorific) if honorific is not None else s


_OR = fold("ឬ")


def _is_title_words(words: str) -> bool:
    return " " in words and words.replace(" ", "") in _title_word_set()


@functools.cache
def _title_word_set() -> frozenset[str]:
    return frozenset(lexicon().titles) | frozenset(fold(t) for t in _TITLE_CONTINUATIONS)


@functools.cache
def _caps_org_words() -> frozenset[str]:
    """Last words of names in capitals that make them organizations (``BAYMAN STUDIO``)."""
    return frozenset(w.upper().rstrip(".") for w in _LATIN_ORG_LAST) | {"STUDIO", "FC", "TV", "NEWS"}


def _caps_phrase_not_org(text: str, cand: _Cand) -> bool:
    """(fourteenth pass) Several words in capitals (``NO KIDS DROWN``, ``DAWN OF HEROES``, ``THIS IS
    LOVE``, ``ROMVONG REMIX``) are a slogan, a title or a product, not an acronym: no organization
    unless the last word says so (``BAYMAN STUDIO``)."""
    words = text[cand.start:cand.end].split()
    return len(words) > 1 and words[-1].isascii() and words[-1] not in _caps_org_words()


#: type words after which a listed name written with one slip is still that place, and the kinds
#: of names they take
_SLIP_CUES = {fold(c): kinds for c, kinds in (("ខេត្ត", ("province",)), ("ក្រុង", ("province", "district", "city")),
                                              ("ទីក្រុង", ("province", "city")), ("ស្រុក", ("district",)),
                                              ("ខណ្ឌ", ("district",)))}


_SLIP_NOT_LAST = frozenset("ៈ")


@functools.cache
def _slip_names(kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Listed names of five characters or more of these kinds, by their first character (a slip
    in the first is not looked for)."""
    lex = lexicon()
    by_start: dict[str, set[str]] = {}
    for name, places in lex.places.items():
        if len(name) >= 5 and any(p.kind in kinds for p in places):
            by_start.setdefault(name[0], set()).add(name)
    # (longest first, then in name order: a set's order changes from one process to the next)
    return {k: tuple(sorted(v, key=lambda name: (-len(name), name))) for k, v in by_start.items()}


def _misspelled_after_cue(text: str, pos: int, kinds: tuple[str, ...], lex: Lexicon,
                          soft: frozenset[int]) -> int | None:
    """End of a listed place name written at ``pos`` with one slip (``សៀមរាម`` for ``សៀមរាប``): the
    word must end where a word ends (a space, punctuation, a zero-width space or a function word),
    and not be a listed place itself nor begin with a function word."""
    names = _slip_names(kinds).get(text[pos:pos + 1])
    if not names:
        return None
    second = text[pos + 1:pos + 2]
    for name in names:
        for end in (pos + len(name), pos + len(name) - 1, pos + len(name) + 1):
            # (one edit at most leaves the second or the last character in place: names have five
            # characters or more; this cheap test skips most of the calls to ``_near``)
            if end > len(text) or second != name[1] and text[end - 1] != name[-1] or \
                    not _near(text[pos:end], name):
                continue
            if not _at_cluster_end(text, end) or text[pos:end] in lex.places or \
                    text[end - 1] in _SLIP_NOT_LAST or not _CLUSTER_RUN_RE.fullmatch(text, pos, end):
                continue  # (``ក្រុងហាណូយ:``, ``ក្រុងញូវយ៉កៈ``: a dateline's colon is no slip)
            if not (end == len(text) or end in soft or text[end] in _PLACE_BOUNDARY_AFTER or
                    _stop_at(text, end, lex.function_words) is not None):
                continue
            if _clusters_in(text[pos:end]) >= 2 and _stop_at(text, pos, lex.function_words) is None:
                return end
    return None


_HOSPITALITY_HEADS = tuple(fold(h) for h in ("ភោជនីយដ្ឋាន", "សណ្ឋាគារ"))
_HOSPITALITY_RE = re.compile("|".join(_HOSPITALITY_HEADS))


def _named_restaurants_and_hotels(text: str, cands: list, lex: Lexicon, soft: frozenset[int]) -> None:
    """A restaurant or a hotel named by a glued word (``ភោជនីយដ្ឋានមហាលាប``, ``សណ្ឋាគារសូហ្វីតែល``)
    is an organization: the name runs over glued text to a space, punctuation or a function word
    (two to six clusters), and is no description, number word or listed place
    (``ភោជនីយដ្ឋានមួយកន្លែង``, ``សណ្ឋាគារលំដាប់ផ្កាយ``, ``ភោជនីយដ្ឋានជាង ៤០០``, ``ភោជនីយដ្ឋានតួកគី``,
    ``សណ្ឋាគារភ្នំពេញ``: a restaurant, star-rated hotels, a count, a Turkish restaurant, a hotel
    named like its city)."""
    stop_re = _patterns().stop_re
    places = _place_starts(cands)
    for match in _matches_of(text, _HOSPITALITY_HEADS, _HOSPITALITY_RE):
        pos = match.end()
        if pos >= len(text) or not _CLUSTER_RE.match(text, pos) or stop_re.match(text, pos) or \
                text.startswith(_NOT_HOSPITALITY_NAMES, pos) or pos in places or _starts_generic(text, pos, lex):
            continue
        end = _open_place_end(text, pos, lex.function_words, 6)
        word = text[pos:end]
        stop = _stop_at(text, end, lex.function_words) if end < len(text) else None
        if not 2 <= _clusters_in(word) <= 6 or word in lex.places or word in lex.generic_words or \
                not (end >= len(text) or text[end] in _PLACE_BOUNDARY_AFTER or stop is not None) or \
                stop is not None and _clusters_in(stop) < 2:
            continue  # (``សណ្ឋាគារសូហ្វីតែល``: a one-cluster "function word" inside a foreign name)
        cands.append(_Cand("org", match.start(), end, "org.hospitality", None, priority=2))


#: descriptions written after ``សណ្ឋាគារ`` / ``ភោជនីយដ្ឋាន`` (rank, size, fame, kind)
_NOT_HOSPITALITY_NAMES = tuple(fold(w) for w in ("លំដាប់", "ផ្កាយ", "ល្បី", "ប្រណិត", "ទំនើប", "ធំ", "តូច",
                                                  "ថ្មី", "ចាស់", "អន្តរជាតិ", "នានា", "ដ៏", "ដែល", "ទាំង",
                                                  "លក់", "អាហារ", "ម្ហូប", "កាស៊ីណូ", "ប្រវត្តិ"))


_POST = fold("ប៉ុស្តិ៍")
#: a police post and the words written between it and the commune that names it
_POLICE_POST_RE = re.compile(fold("(?:នគរបាល ?)?ប៉ុស្តិ៍ ?(?:នគរបាល ?)?(?:រដ្ឋបាល ?)?(?:ឃុំ|សង្កាត់)?"))
_POLICE_POST_STARTS = (fold("នគរបាល"), _POST)  # (the optional first word made the engine try every position)


def _police_posts(text: str, cands: list, lex: Lexicon, soft: frozenset[int]) -> None:
    """A police post named by its commune (``ប៉ុស្តិ៍នគរបាលរដ្ឋបាលដង្កោ``, ``ប៉ុស្តិ៍ឃុំត្រពាំងក្រហម``,
    ``នគរបាលប៉ុស្តិ៍ស្រះចក``, ``ប៉ុស្តិ៍ប្រាសាទ``) is an organization, up to the end of the listed
    commune, district or village name when that name ends where a word ends (also before a glued
    ``នគរបាល``, the post's police)."""
    for match in _matches_of(text, _POLICE_POST_STARTS, _POLICE_POST_RE):
        pos = match.end()
        found = _lookup_place(text, pos, ("commune", "district", "village"), lex)
        if found is None:
            continue
        end = found[0]
        if not (_ends_at_name_boundary(text, end, soft) or text.startswith(_POST_NAME_ENDS, end) or
                _stop_at(text, end, lex.function_words) is not None):
            continue
        if text.endswith(_ADMINISTRATION, 0, match.start()):
            # ``កម្លាំងរដ្ឋបាលប៉ុស្តិ៍ឃុំ…``: "administrative" describes the post, it is no body's head
            at = match.start() - len(_ADMINISTRATION)
            cands[:] = [c for c in cands if not (c.kind == "org" and c.start == at and c.end <= end)]
        cands.append(_Cand("org", match.start(), end, "org.police_post", None, priority=3))


_POST_NAME_ENDS = tuple(fold(w) for w in ("នគរបាល", "កម្លាំង", "ឃាត់"))


def _place_starts(cands: list) -> frozenset[int]:
    return frozenset(c.start for c in cands if c.kind == "loc")


# --- fourteenth pass: schools named for people, Latin names of places and people after type words ---

_PEOPLE_SCHOOL_HEADS = tuple(fold(h) for h in ("អនុវិទ្យាល័យ", "វិទ្យាល័យ", "សាលាបឋមសិក្សា"))
_SCHOOLS_FOR_PEOPLE_RE = re.compile("|".join(_PEOPLE_SCHOOL_HEADS))
_SCHOOL_HINTS = (fold("វិទ្យាល័យ"), fold("បឋមសិក្សា"))
#: words that start an address or a place after a school's name (they end it)
_SCHOOL_NAME_ENDS = _ADMIN_CUES + (fold("ភូមិ"),)


def _schools_named_for_people(text: str, cands: list, lex: Lexicon) -> None:
    """A school named for a person (``វិទ្យាល័យ ជា ស៊ីមសាមគ្គី``, ``វិទ្យាល័យហ៊ុន សែន កំពង់កន្ទួត``,
    ``វិទ្យាល័យសម្តេចកិត្តិព្រឹទ្ធបណ្ឌិត ប៊ុន រ៉ានី ហ៊ុន សែន ដើមឬស``) is one organization: the head,
    the person found right after it (with the person's titles) and one more word of two to six
    clusters naming the place or the school (glued or after a space), unless that word is a
    function word, a role or a type word of an address. The person inside is not a mention."""
    if not any(h in text for h in _SCHOOL_HINTS):
        return
    persons = {}
    for cand in cands:
        if cand.kind == "person":
            at = cand.title_span[0] if cand.title_span is not None else cand.start
            if persons.get(at) is None or persons[at].end < cand.end:
                persons[at] = cand
    known_people = _patterns().known_people
    for match in _matches_of(text, _PEOPLE_SCHOOL_HEADS, _SCHOOLS_FOR_PEOPLE_RE):
        pos = match.end()
        person = persons.get(pos) or (persons.get(pos + 1) if text.startswith(" ", pos) else None)
        if person is not None:
            end = person.end
        else:  # a listed public figure glued to the school's name (``វិទ្យាល័យ ជា ស៊ីមសាមគ្គី``)
            known = known_people.match(text, pos + 1 if text.startswith(" ", pos) else pos)
            if known is None or not _at_cluster_end(text, known.end()):
                continue
            end = known.end()
        word_at = end + 1 if text.startswith(" ", end) else end
        run = _CLUSTER_RUN_RE.match(text, word_at)
        if run and 2 <= _clusters_in(run.group()) <= 6 and \
                (run.end() >= len(text) or text[run.end()] in _NAME_WORD_BREAK) and \
                _stop_at(text, word_at, lex.name_stops) is None and not text.startswith(_SCHOOL_NAME_ENDS, word_at) \
                and not _starts_generic(text, word_at, lex):
            end = run.end()
        cands.append(_Cand("org", match.start(), end, "org.school_person", None, priority=3))


# --- twelfth pass: organizations of unseen articles ---------------------------------------------

_UNIT_WORD = fold("អង្គភាព")
_ADMINISTRATION = fold("រដ្ឋបាល")
_OWN = fold("សាម៉ីខ្លួន")
_CRACK_DOWN = fold("បង្ក្រាប")
_AND = fold("និង")
_PREVENT = fold("ទប់ស្កាត់")
_LOWER_ADMIN = tuple(fold(w) for w in ("ស្រុក", "ខណ្ឌ", "ក្រុង", "ឃុំ", "សង្កាត់"))
_UPPER_ADMIN = tuple(fold(w) for w in ("ខេត្ត", "រាជធានី"))
_BASE = fold("មូលដ្ឋាន")
_FORCES = tuple(fold(w) for w in ("កងទ័ព", "ទ័ព", "កងកម្លាំង"))
_MUSEUM = fold("សារមន្ទី")
_MUSEUM_START = fold("សារ")
_OFFICE_TYPO = fold("មន្ទី")
_OF_COUNTRY = fold("របស់")
_COUNTRY_WORD = fold("ប្រទេស")
_STATE_BODIES = tuple(fold(w) for w in ("ក្រសួង", "រដ្ឋាភិបាល", "អាជ្ញាធរ", "ទីភ្នាក់ងារ", "តុលាការ"))
#: ``អង្គភាពព័ត៌មាន Fresh News``: "the news outlet" before a Latin name is a description
_OUTLET_WORDS = frozenset(fold(w) for w in ("អង្គភាពព័ត៌មាន", "អង្គភាពសារព័ត៌មាន", "អង្គភាពព័ត៍មាន",
                                             "អង្គភាពសារព័ត៍មាន"))
_CLUB_WORDS = tuple(fold(w) for w in ("ក្លិប", "ក្លឹប"))
_GIANT = fold("យក្ស")


def _twelfth_pass(text: str, cands: list, lex: Lexicon) -> None:
    """(1) ``អង្គភាព`` ("the unit") glued before another organization's head is a description:
    ``អង្គភាពមន្ទីរសុរិយោដីខេត្ត…`` -> ``មន្ទីរសុរិយោដីខេត្ត…``. (2) ``អង្គភាពព័ត៌មាន`` before a
    Latin name is no name of its own. (3) A club named by its country alone (``ក្លិបអាល្លឺម៉ង់``,
    ``ក្លិបយក្សអេស្ប៉ាញ``: "the German club", "the Spanish giant") is a description."""
    if _OF in text:
        # (6) a unit named by its district, then ``នៃ`` and the province:
        # ``កងរាជអាវុធហត្ថស្រុកកែវសីម៉ានៃខេត្តមណ្ឌលគិរី`` (the place reached first ended the name)
        tails = [c for c in cands if c.kind == "org" and c.rule.startswith("org.head") and
                 text.startswith(_OF_STARTS, c.end)]
        loc_at = {c.start: c for c in cands if c.kind == "loc"} if tails else {}
        loc_ends = {c.end for c in cands if c.kind == "loc" and text.startswith(_LOWER_ADMIN, c.start)} \
            if tails else set()
        for cand in tails:
            if cand.end in loc_ends:
                match = _OF_RE.match(text, cand.end)
                if match is not None:
                    province = loc_at.get(match.end())
                    if province is not None and text.startswith(_UPPER_ADMIN, province.start):
                        cand.end = province.end
    if _BASE in text:
        # (7) ``មូលដ្ឋានកងទ័ពជើងទឹករាម``: a military base is a place (with its type word), not the force
        country_ends = {c.end for c in cands if c.kind == "loc" and c.value and c.value.get("type") == "country"}
        for i, cand in enumerate(cands):
            # (not ``មូលដ្ឋានកងទ័ពចិន``, "a Chinese base": a description)
            if cand.kind == "org" and text.startswith(_FORCES, cand.start) and cand.end not in country_ends:
                at = cand.start - 1 if cand.start and text[cand.start - 1] == " " else cand.start
                if text.endswith(_BASE, 0, at) and _at_cluster_start(text, at - len(_BASE)):
                    cands[i] = _Cand("loc", at - len(_BASE), cand.end, "loc.base", None, priority=cand.priority)
    if _MUSEUM in text:  # ``សារមន្ទី…``: a museum misspelt, not the misspelt head ``មន្ទី``
        cands[:] = [c for c in cands if not (c.kind == "org" and text.endswith(_MUSEUM_START, 0, c.start) and
                                             text.startswith(_OFFICE_TYPO, c.start))]
    has_unit = _UNIT_WORD in text
    has_club = "ក្ល" in text
    has_crackdown = _CRACK_DOWN in text
    if _OF_COUNTRY in text:
        # (5) ``ក្រសួងសន្តិសុខមាតុភូមិរបស់សហរដ្ឋអាមេរិក``: a state body "of" a country keeps the
        # country, as it does after ``នៃ``
        country_at = {c.start: c for c in cands if c.kind == "loc" and c.value and c.value.get("type") == "country"}
        for cand in cands:
            if cand.kind == "org" and text.startswith(_STATE_BODIES, cand.start) and \
                    text.startswith(_OF_COUNTRY, cand.end):
                at = cand.end + len(_OF_COUNTRY)
                country = country_at.get(at) or country_at.get(at + len(_COUNTRY_WORD)) \
                    if text.startswith(_COUNTRY_WORD, at) else country_at.get(at)
                if country is not None:
                    cand.end = country.end
    if not (has_unit or has_club or has_crackdown):
        return
    drop = []
    for i, cand in enumerate(cands):
        if cand.kind != "org":
            continue
        if has_crackdown and cand.rule == "org.head":
            # (4) ``ការិយាល័យប្រឆាំងគ្រឿងញៀនបង្ក្រាប…``: the verb "crack down" ends the unit's name
            # (not in ``…ទប់ស្កាត់ និងបង្ក្រាបបទល្មើស…``, a domain of the national committee)
            at = text.find(_CRACK_DOWN, cand.start, cand.end)
            if at > cand.start and not text.endswith(_AND, 0, at) and _clusters_in(text[cand.start:at]) >= 4 \
                    and text.find(_PREVENT, cand.start, at) < 0:
                cand.end = at
        if has_unit and text.startswith(_UNIT_WORD, cand.start):
            at = cand.start + len(_UNIT_WORD)
            if text.startswith(_OWN, at):  # ``អង្គភាពសាម៉ីខ្លួន``: "their own unit"
                drop.append(i)
                continue
            if at < cand.end and text.startswith(_HEAD_PREFIXES(), at) and \
                    not text.startswith(_UNIT_WORD, at):
                head = _patterns().free_names.match(text, at)
                if head is not None and key(head.group()) in _HEAD_KEYS() and head.end() < cand.end and \
                        head.group() != _ADMINISTRATION:  # (``អង្គភាពរដ្ឋបាល``: the administrative unit)
                    cand.start = at
                    continue
            if text[cand.start:cand.end] in _OUTLET_WORDS and text.startswith(" ", cand.end) and \
                    cand.end + 1 < len(text) and "A" <= text[cand.end + 1] <= "Z":
                drop.append(i)
                continue
        if has_club and text.startswith(_CLUB_WORDS, cand.start):
            at = cand.start + len(next(w for w in _CLUB_WORDS if text.startswith(w, cand.start)))
            if text.startswith(_GIANT, at):
                at += len(_GIANT)
            places = lex.places.get(key(text[at:cand.end]))
            if places and any(p.kind == "country" for p in places):
                drop.append(i)
    for i in reversed(drop):
        del cands[i]


# --- eleventh pass: errors of the splits final5 and final6 --------------------------------------

#: a bare type word at the end of an organization's name (``គណៈបញ្ជាការឯកភាពខេត្ត``, ``កងរាជអាវុធហត្ថក្រុង``)
_BARE_ADMIN_WORDS = tuple(fold(w) for w in ("រាជធានី", "ខេត្ត", "ក្រុង", "ស្រុក", "ខណ្ឌ"))
_VILLAGE_CUE = fold("ភូមិ")
_ANY_PLACE = ("province", "city", "district", "commune", "village", "country", "region", "state", "area")
_NEXT_ADDRESS_WORDS = tuple(fold(w) for w in ("ឃុំ", "សង្កាត់"))


#: (longest first: the first that ends where a listed outlet starts is taken)
_GLUED_MEDIA_HEADS = tuple(fold(h) for h in ("ទីភ្នាក់ងារសារព័ត៌មាន", "ទីភ្នាក់ងារព័ត៌មាន", "សារព័ត៌មាន", "វិទ្យុ",
                                               "ទូរទស្សន៍", "កាសែត"))
_JOURNALIST = fold("អ្នក")  # ``អ្នកកាសែត``, ``អ្នកសារព័ត៌មាន``: a journalist of the outlet
#: provincial bodies named by a bare glued ``ខេត្ត``/``ក្រុង`` (``កងរាជអាវុធហត្ថខេត្ត``, ``សាលាដំបូងខេត្ត``)
_PROVINCIAL_BODY_HEADS = tuple(sorted((fold(h) for h in (
    "សាលាដំបូង", "ស្នងការដ្ឋាន", "ស្នងការដ្ឋាននគរបាល", "តុលាការ", "កងរាជអាវុធហត្ថ", "អាវុធហត្ថ",
    "មន្ទីរពេទ្យបង្អែក", "អធិការដ្ឋាននគរបាល", "អធិការដ្ឋាន", "សាលាឧទ្ធរណ៍")), key=len, reverse=True))
_PROVINCIAL_BODY_RE = re.compile("(?:" + "|".join(_PROVINCIAL_BODY_HEADS) +
    ")(" + "|".join(fold(w) for w in ("រាជធានី", "ខេត្ត", "ក្រុង", "ស្រុក", "ខណ្ឌ")) + ")")
_PROVINCIAL_BODY_STARTS = _first_words(_PROVINCIAL_BODY_HEADS)


_DOMAIN_BODY_HEADS = tuple(sorted((fold(h) for h in ("មន្ទីរ", "ការិយាល័យ", "នាយកដ្ឋាន", "មន្ទីរពេទ្យ")),
                                  key=len, reverse=True))
_DOMAIN_BODY_RE = re.compile("(?:" + "|".join(_DOMAIN_BODY_HEADS) +
    f")([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*?)(" + "|".join(fold(w) for w in ("រាជធានី", "ខេត្ត", "ក្រុង", "ស្រុក", "ខណ្ឌ")) + ")")
_DOMAIN_BODY_STARTS = _first_words(_DOMAIN_BODY_HEADS)


def _eleventh_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """(1) An organization whose name ends in a bare ``ខេត្ត``/``ក្រុង``/... followed by a zero-width
    space and a function word, a verb or a role stops at that type word: ``គណៈបញ្ជាការឯកភាពខេត្ត​និង​សមត្ថកិច្ច``
    -> ``គណៈបញ្ជាការឯកភាពខេត្ត``. (2) A village whose name runs over a zero-width space up to the
    commune of the address is taken whole: ``ភូមិ​ខ្សាច់​ពពិល​ ឃុំ…`` (the gazetteer knew ``ខ្សាច់`` only)."""
    if "ខេត្ត" in text or "ក្រុង" in text or "ស្រុក" in text or "ខណ្ឌ" in text or "រាជធានី" in text:
        # (3) a provincial body named by a bare type word and nothing after it
        for match in _matches_of(text, _PROVINCIAL_BODY_STARTS, _PROVINCIAL_BODY_RE):
            end = match.end()
            if not (end >= len(text) or end in soft or text[end] in _PLACE_BOUNDARY_AFTER):
                continue
            after = end + 1 if end < len(text) and text[end] == " " else end
            if _lookup_place(text, after, _ANY_PLACE, lex) is not None or \
                    not _at_cluster_start(text, match.start()):
                continue
            cands.append(_Cand("org", match.start(), end, "org.bare_admin", None, priority=3))
        # a department or an office named by its domain, then a bare type word:
        # ``មន្ទីរបច្ចេកទេសសន្តិសុខខេត្ត``, ``ការិយាល័យអប់រំយុវជននិងកីឡាស្រុក``
        for match in _matches_of(text, _DOMAIN_BODY_STARTS, _DOMAIN_BODY_RE):
            end = match.end()
            # (twentieth pass) a zero-width space may stand before the type word
            # (``មន្ទីរ​កសិកម្ម​ខេត្ត``), and a function word or a title may be glued after it
            # (``មន្ទីរសុរិយោដីខេត្តលោក ជាង…``)
            if not (end >= len(text) or end in soft or text[end] in _PLACE_BOUNDARY_AFTER or
                    _stop_at(text, end, lex.function_words) is not None or
                    _patterns().titles.match(text, end) is not None) or \
                    not _at_cluster_start(text, match.start()) or \
                    any(i in soft for i in range(match.start(1) + 1, match.start(2))):
                continue
            after = end + 1 if end < len(text) and text[end] == " " else end
            domain = match.group(1)
            if _lookup_place(text, after, _ANY_PLACE, lex) is not None or _CLUSTER_RE.match(domain) is None or \
                    _stop_at(text, match.start(1), lex.name_stops) is not None or \
                    _starts_generic(text, match.start(1), lex) or not 2 <= _clusters_in(domain) <= 12:
                continue
            cands.append(_Cand("org", match.start(), end, "org.bare_admin", None, priority=2))
    # (4) a media head word glued before a listed outlet belongs to its name: ``វិទ្យុវីអូអេ``
    for cand in cands:
        if cand.rule == "org.known" and cand.start >= 4:
            for head in _GLUED_MEDIA_HEADS:
                if text.startswith(head, cand.start - len(head)) and \
                        _at_cluster_start(text, cand.start - len(head)) and cand.start - len(head) not in soft and \
                        not text.endswith(_JOURNALIST, 0, cand.start - len(head)):
                    cand.start -= len(head)
                    break
    if not soft:
        return
    for cand in cands:
        if cand.kind == "org" and cand.rule.startswith("org.head"):
            for word in _BARE_ADMIN_WORDS:
                at = text.find(word, cand.start + 2, cand.end)
                if at < 0:
                    continue
                cut = at + len(word)
                if cut < cand.end and cut in soft and _stop_at(text, cut, lex.name_stops) is not None and \
                        _lookup_place(text, cut, _ANY_PLACE, lex) is None:
                    cand.end = cut
                    break
        elif cand.kind == "loc" and cand.end in soft and text.startswith(_VILLAGE_CUE, cand.start) and \
                cand.end - cand.start <= 16:
            run = _CLUSTER_RUN_RE.match(text, cand.end)
            if run is None or _clusters_in(run.group()) > 3 or \
                    _stop_at(text, cand.end, lex.function_words) is not None:
                continue
            after = run.end()
            while after < len(text) and text[after] == " ":
                after += 1
            if (run.end() in soft or run.end() < after) and text.startswith(_NEXT_ADDRESS_WORDS, after):
                cand.end = run.end()


# --- tenth pass: person recall ------------------------------------------------------------------

def _tenth_pass(text: str, cands: list, stops: frozenset[str], soft: frozenset[int], latin: bool) -> None:
    """Names joined by ``និង`` (or, in Latin script, by commas) to a person found by any rule, not
    only by a title: ``ភិនី ដាលិ និង សុខ វណ្ណឌី`` where the first name is a repeat,
    ``Sonoun Saing និង Lee Kim Tan``; the names found this way are then found again elsewhere.
    ``latin``: whether the text holds a Latin capital (looked for once per text)."""
    persons = [c for c in cands if c.kind == "person"]
    seen = {(p.start, p.end) for p in persons}
    fresh = [p for p in persons if p.rule not in _COORDINATED_BEFORE]
    new: list[_Cand] = []
    for _ in range(6):
        joined = [c for c in _find_coordinated(text, fresh, stops, soft) if (c.start, c.end) not in seen]
        if not joined:
            break
        seen.update((c.start, c.end) for c in joined)
        new.extend(joined)
        fresh = joined
    if latin and "(" in text:
        new.extend(_person_glosses(text, cands, stops))
    if "៖" in text or ":" in text:
        new.extend(_credited_writers(text, stops))
    if new:
        cands.extend(new)
        _find_repeats(text, new, cands, soft)


#: a writer or an editor credited by a colon: ``អត្ថបទ៖ សារ៉ាត``, ``(សម្រួលដោយ៖ ស្រីណា)``
_CREDIT_WORDS = tuple(w + end for w in ("អត្ថបទ", "រៀបរៀង", "កែសម្រួល", "ប្រែសម្រួល", "សម្រួល", "និពន្ធ")
                      for end in ("", "ដោយ", " ")) + ("ដោយ", "ដោយ ")
_CREDIT_COLONS = ("៖", ":")
_CREDIT_COLON_RE = re.compile("[៖:]")
_CREDIT_NAME_RE = re.compile(f" ?([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*(?: [{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*)?)"
                             r"(?= ?(?:$|\n|\)|ប្រភព|[។៕,]| [A-Za-z]))")


def _credited_writers(text: str, stops: frozenset[str]) -> list:
    """A writer's or an editor's name after a credit and a colon, ending at the end of the line, a
    parenthesis or a source credit: one or two short words, not a desk (``សហការី``)."""
    found = []
    for colon in _matches_of(text, _CREDIT_COLONS, _CREDIT_COLON_RE):
        if not text.endswith(_CREDIT_WORDS, 0, colon.start()):
            continue
        at = colon.end() + 1 if text.startswith(" ", colon.end()) else colon.end()
        title = _patterns().titles.match(text, at)
        if title is not None and _at_cluster_end(text, title.end()) and \
                _KHMER_LETTER_OR_MARK(text[title.end():title.end() + 1]):
            at = title.end()  # (fifteenth pass) ``ដោយ៖ កញ្ញាដាលីស``: the writer's title, then the name
        else:
            title = None
        match = _CREDIT_NAME_RE.match(text, at)
        if match is None:
            continue
        name = match.group(1)
        words = name.split(" ")
        if any(not 1 <= _clusters_in(w) <= 5 for w in words) or _names_a_desk(name) or \
                _stop_at(text, match.start(1), stops) == words[0]:
            continue
        found.append(_Cand("person", match.start(1), match.end(1), "person.byline", None,
                           title_span=None if title is None else title.span(), priority=1))
    return found


#: a Latin-script name in parentheses, initials allowed (``(Gilbert F. Houngbo)``,
#: ``(Oknha Paul Blanche-Horgan)``); a leading honorific is left out of the span
_PERSON_GLOSS_RE = re.compile(r"\( ?((?:Oknha |Dr\. |Mr\. |Mrs\. |Ms\. |Khunying )?)"
                              r"([A-Z][a-zà-ÿ'\-]+\.?(?:(?:[ \-]|(?<=\.))(?:[A-Z][a-zà-ÿ'\-]*\.?|[A-Z]\.)){1,4}) ?\)")
# (twentieth pass: accented letters, ``Jean-François``, and an initial glued to the family name,
# ``Gilbert F.Houngbo``)
_NOT_IN_GLOSSED_NAME = tuple(fold(w) for w in ("ឈ្មោះ", "ភេទ", "អាយុ", "ហៅ"))
_KHMER_GAP_RE = re.compile(f"[{_KHMER_LETTER}{_MARKS}\u200c\u200d ]*")


def _person_glosses(text: str, cands: list, stops: frozenset[str]) -> list:
    """A Latin-script gloss in parentheses after a Khmer person whose name runs on for a word or two
    more than the rule took (``លោកឧកញ៉ា ផូល ប្លែន ហ័រហ្គែន (Oknha Paul Blanche-Horgan)``, ``លោក
    ហ្គីលប៊ឺត ហុងបូ (Gilbert F. Houngbo)``): the gloss is a person, and the Khmer name is taken up to
    the parenthesis when it has as many words as the gloss."""
    found = []
    persons = [c for c in cands if c.kind == "person" and not text[c.start].isascii()]
    for match in _PERSON_GLOSS_RE.finditer(text):
        at = match.start()
        gap_start = at - 1 if at and text[at - 1] == " " else at
        for person in persons:
            if not at - 30 <= person.end <= gap_start:
                continue
            gap = text[person.end:gap_start]
            if _KHMER_GAP_RE.fullmatch(gap) is None or gap.count(" ") > 2 or (gap and gap[0] != " "):
                continue
            found.append(_Cand("person", match.start(2), match.end(2), "person.gloss", None, priority=1))
            words = text[person.start:gap_start].split(" ")
            latin = re.split(r"[ \-]", match.group(2))
            gap_words = [(person.end + 1 + m.start()) for m in re.finditer(r"\S+", gap[1:])] if gap else []
            if any(_stop_at(text, w, stops) is not None or text.startswith(_NOT_IN_GLOSSED_NAME, w)
                   for w in gap_words):
                gap = ""  # ``ង្វៀន វ៉ាន់ហាយ ឈ្មោះ(Nguyen Van Hai)``: a word that is no name part
            if gap and len(words) == len([w for w in latin if not w.endswith(".")]) and len(words) <= 4:
                found.append(_Cand("person", person.start, gap_start, "person.gloss_name", None,
                                   title_span=person.title_span, priority=2))
            break
    return found


#: rules whose persons already opened a coordination before the tenth pass
_COORDINATED_BEFORE = frozenset(("person.and", "person.title", "person.title_role", "person.cue", "person.alias",
                                  "person.role", "person.known", "person.title_known", "person.byline",
                                  "person.pair", "person.account"))


# --- eighth pass: names of units written in spaced words, units of a body after a spaced ``នៃ`` ------

#: heads whose names list their domains in spaced words (``នាយកដ្ឋានការពារដំណាំ អនាម័យ និង…``)
_DOMAIN_LIST_HEADS = tuple(fold(h) for h in _with_misspellings((
    "អគ្គនាយកដ្ឋាន", "នាយកដ្ឋាន", "អគ្គលេខាធិការដ្ឋាន", "លេខាធិការដ្ឋាន", "ការិយាល័យ", "គណៈកម្មាធិការ",
    "គណៈកម្មការ", "ក្រុមប្រឹក្សា", "មជ្ឈមណ្ឌល", "អង្គភាព", "ក្រសួង", "មន្ទីរ", "វិទ្យាស្ថាន")))
#: bodies a unit belongs to after ``នៃ`` (``… នៃក្រសួងបរិស្ថាន``, ``… នៃព្រឹទ្ធសភា``)
_BODY_HEADS = tuple(fold(h) for h in _with_misspellings((
    "ក្រសួង", "អគ្គនាយកដ្ឋាន", "អគ្គលេខាធិការដ្ឋាន", "អគ្គស្នងការដ្ឋាន", "ស្នងការដ្ឋាន", "គណៈកម្មាធិការ",
    "គណៈកម្មការ", "ព្រឹទ្ធសភា", "រដ្ឋសភា", "ទីស្តីការគណៈរដ្ឋមន្ត្រី", "ធនាគារជាតិ", "សាកលវិទ្យាល័យ",
    "ក្រុមប្រឹក្សា", "អង្គការ", "អាជ្ញាធរ")))
_OF_RE = re.compile(f" ?{fold('នៃ')} ?")
_OF_STARTS = (fold("នៃ"), " " + fold("នៃ"))
#: words after ``និង`` that join another actor, not a domain (forces, officials, authorities)
_NOT_DOMAINS = tuple(fold(w) for w in ("កម្លាំង", "សមត្ថកិច្ច", "អាជ្ញាធរ", "ចៅហ្វាយ", "មេ", "ប្រធាន", "ម្នាក់",
                                        "អនុប្រធាន", "នាយ", "ក្រុម", "ភ្នាក់ងារ", "ដៃគូ"))
_ABROAD = tuple(fold(w) for w in ("ទៅបរទេស", "ទៅក្រៅប្រទេស", "ពីបរទេស"))
_AT = tuple(fold(w) for w in ("នៅ", "ជា", "កាន់", "ទទួល", "ប្រធាន", "នាយ"))
#: unit heads that belong to a body named after ``នៃ``
_DEPARTMENT_HEADS = frozenset(fold(h) for h in ("មន្ទីរ", "នាយកដ្ឋាន", "ការិយាល័យ", "ផ្នែក"))
_UNIT_OF_HEADS = _DOMAIN_LIST_HEADS + tuple(fold(h) for h in ("អធិការដ្ឋាន", "ប៉ុស្តិ៍", "ផ្នែក", "អង្គភាព",
                                                                "យោធភូមិភាគ", "បញ្ជាការដ្ឋាន"))


def _domain_list_end(text: str, pos: int, lex: Lexicon, soft: frozenset[int], loc_end_at: dict[int, int],
                     max_words: int = 7) -> int | None:
    """After a unit's name that ends at a space: up to seven spaced domain words and ``និង`` + the
    last domain (``ការពារដំណាំ អនាម័យ និងភូតគាមអនាម័យ``, ``រដ្ឋបាល និងហិរញ្ញវត្ថុ``): the end of the
    last domain, or None. No word may be a function word, a role, a head, a title or a place."""
    stops = lex.name_stops
    i = pos
    n = len(text)
    for _ in range(max_words + 1):
        if i >= n - 1 or text[i] != " ":
            return None
        j = i + 1
        if text.startswith("និង", j):
            k = j + len("និង")
            if k < n and text[k] == " ":
                k += 1
            if k >= n or not "\u1780" <= text[k] <= "\u17b3" or text.startswith(_HEAD_PREFIXES(), k) or \
                    text.startswith(_NOT_AFTER_AND + _NOT_DOMAINS, k) or \
                    _stop_at(text, k, stops) in _NOT_SECOND_NAMES or _stop_at(text, k, stops) in _role_words() or \
                    text.startswith(_ADMIN_CUES, k) or _patterns().titles.match(text, k):
                return None
            # a domain may begin with a verb (``និងបញ្ជូនពលករ…``) when words follow it
            verb = _stop_at(text, k, stops)
            start = k + len(verb) if verb else _CLUSTER_RE.match(text, k).end()
            compound = _ORG_COMPOUND_RE.match(text, k) if text[k] in _ORG_COMPOUND_FIRST else None
            if compound is not None:  # (twelfth pass) ``និងព័ត៌មានបរិស្ថាន``
                verb, start = None, compound.end()
            end = _open_place_end(text, start, stops, 11)
            if verb and _clusters_in(text[start:end]) < 2:
                return None
            if text.startswith(_ABROAD, end):  # ``…បញ្ជូនពលករទៅបរទេស``
                end += len(next(w for w in _ABROAD if text.startswith(w, end)))
            for x in range(k, end):  # ``…និងរដ្ឋករកម្ពុជា``: a place glued at the end stays whole
                y = loc_end_at.get(x, 0)
                if y > end:
                    end = y
                    break
            if not 2 <= _clusters_in(text[k:end]) <= 14 or key(text[k:end]) in lex.places:
                return None
            if key(text[k:end]) in lex.orgs:
                return None  # ``ក្រុមប្រឹក្សាធម្មនុញ្ញ និងរដ្ឋសភា``: a second body, not a last domain
            return end
        word = _WORD_RUN_RE.match(text, j)
        if word is None or not 1 <= _clusters_in(word.group()) <= 5:
            return None
        if _stop_at(text, j, stops) is not None or text.startswith(_HEAD_PREFIXES(), j) or \
                text.startswith(_ADMIN_CUES + _NOT_DOMAINS, j) or _patterns().titles.match(text, j) or \
                key(word.group()) in lex.places or len(_soft_between(soft, j, word.end())) > (max_words > 4):
            # (twelfth pass: one zero-width space inside a domain word, ``វិចិត្រ​សិល្បៈ``, in a long list)
            return None
        i = word.end()
    return None


def _body_after_of(text: str, pos: int, org_end_at: dict[int, int], lex: Lexicon) -> int | None:
    """``នៃ`` (spaced or not) right at ``pos`` and a body found after it: the end of that body.
    A body written with a space after its head (``ក្រសួង កសិកម្ម``) counts when it is listed."""
    match = _OF_RE.match(text, pos)
    if match is None:
        return None
    at = match.end()
    end = org_end_at.get(at)
    if end is not None:
        return end
    if not text.startswith(_BODY_HEADS, at):
        return None
    head = next(h for h in _BODY_HEADS if text.startswith(h, at))
    if not text.startswith(" ", at + len(head)):
        return None
    word = _WORD_RUN_RE.match(text, at + len(head) + 1)
    if word is None:
        return None
    stop = next((i for i in range(word.start() + 1, word.end()) if _stop_at(text, i, lex.function_words)), word.end())
    for e in range(stop, word.start(), -1):
        if key(head + text[word.start():e]) in lex.orgs and _at_cluster_end(text, e):
            return e
    return None


_SPACED_AND_RE = re.compile(" និង")


@functools.cache
def _domain_head_re() -> re.Pattern:
    return re.compile(trie_pattern(_DOMAIN_LIST_HEADS, space=""))


def _eighth_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """General rules of the eighth pass (organizations).

    - A unit, committee or department whose name lists its domains in spaced words runs on to the
      last domain after ``និង`` (``នាយកដ្ឋានការពារដំណាំ អនាម័យ និងភូតគាមអនាម័យ``,
      ``អង្គភាពរដ្ឋបាល និងហិរញ្ញវត្ថុ``).
    - A unit followed by ``នៃ`` (spaced or glued) and the body it belongs to is one organization
      (``ការិយាល័យចរាចរណ៍ផ្លូវគោក នៃស្នងការដ្ឋាន…``, ``អគ្គនាយកដ្ឋានកសិកម្ម នៃ ក្រសួង កសិកម្ម``),
      as it already was for a glued ``នៃ`` and a listed body.
    - A branch (``សាខា``) of a body with its province is one organization.
    """
    if "និង" not in text and "នៃ" not in text and _BRANCH not in text:
        return
    orgs = [c for c in cands if c.kind == "org"]
    if not orgs:
        return
    added: list[_Cand] = []
    ands = [m.start() for m in _SPACED_AND_RE.finditer(text)] if " និង" in text else []
    if ands:
        loc_end_at: dict[int, int] | None = None

        def and_follows(pos: int) -> bool:  # a spaced ``និង`` within 90 characters after ``pos``
            k = bisect.bisect_left(ands, pos)
            return k < len(ands) and ands[k] - pos <= 90

        for c in orgs:
            if not and_follows(c.end) or not text.startswith(" ", c.end) or \
                    c.rule not in ("org.head", "org.known") or not text.startswith(_DOMAIN_LIST_HEADS, c.start):
                continue
            if loc_end_at is None:
                loc_end_at = {x.start: x.end for x in cands if x.kind == "loc"}
            if c.end in loc_end_at.values():
                continue  # (a name that ends with its place or country is complete)
            end = _domain_list_end(text, c.end, lex, soft, loc_end_at)
            if end is not None:
                added.append(_Cand("org", c.start, end, "org.domains", None, priority=3))
        starts = {c.start for c in orgs}
        head_re = _domain_head_re()
        windows, scanned = [], 0
        for a in ands:  # (scan only the 90 characters before each spaced ``និង``)
            lo = max(scanned, a - 90)
            if lo < a:
                windows.append((lo, a))
            scanned = max(scanned, a)
        for match in (m for lo, hi in windows for m in head_re.finditer(text, lo, hi)):
            # ``នាយកដ្ឋានការពារដំណាំ អនាម័យ និងភូតគាមអនាម័យ``: a name that begins with a verb, which
            # the head rule stops at; the list of domains shows it is a name
            s0, e0 = match.span()
            if s0 in starts:
                continue
            word_end = _glued_word_end(text, e0, soft)
            if not text.startswith(" ", word_end) or "និង" not in text[word_end:word_end + 90] or \
                    not 1 <= _clusters_in(text[e0:word_end]) <= 8 or not _at_cluster_start(text, s0):
                continue
            if s0 and "\u1780" <= text[s0 - 1] <= "\u17d2" and s0 not in soft and \
                    not text.endswith(_GLUE_BEFORE + _AT, 0, s0):
                continue
            longer = _patterns().free_names.match(text, s0)
            if longer is not None and len(longer.group()) > e0 - s0 and key(longer.group()) in _HEAD_KEYS():
                continue  # ``មន្ទីរពេទ្យ``: a longer head begins here
            if loc_end_at is None:
                loc_end_at = {x.start: x.end for x in cands if x.kind == "loc"}
            end = _domain_list_end(text, word_end, lex, soft, loc_end_at)
            if end is not None:
                added.append(_Cand("org", s0, end, "org.domains", None, priority=3))
    if "នៃ" in text:
        org_end_at: dict[int, int] = {}
        for c in orgs + added:
            org_end_at[c.start] = max(org_end_at.get(c.start, 0), c.end)
        for c in orgs + added:
            if not text.startswith(_OF_STARTS, c.end) or c.rule in ("org.acronym", "org.latin", "org.source",
                                                                     "org.repeat") or \
                    not text.startswith(_UNIT_OF_HEADS, c.start):
                continue
            end = _body_after_of(text, c.end, org_end_at, lex)
            if end is not None:
                added.append(_Cand("org", c.start, end, "org.unit_of", None, priority=3))
    if _BRANCH in text:
        added.extend(_branches(text, orgs, cands))
    cands.extend(added)


def _service_branches(text: str, cands: list, lex: Lexicon) -> list:
    """Fifteenth pass: ``សាខា`` glued to a one-word service and its province (``សាខាគយខេត្តប៉ៃលិន``,
    the customs branch of Pailin): one organization, as a department named by its domain is."""
    provinces = {c.start: c.end for c in cands if c.kind == "loc" and text.startswith(_UPPER_ADMIN, c.start)}
    found = []
    at = text.find(_BRANCH)
    while at >= 0:
        pos = at + len(_BRANCH)
        run = _CLUSTER_RUN_RE.match(text, pos)
        if run is not None:
            cut = next((i for i in range(pos + 1, run.end()) if i in provinces), None)
            if cut is not None and 1 <= _clusters_in(text[pos:cut]) <= 3 and \
                    _stop_at(text, pos, lex.function_words) is None and text[pos:cut] not in lex.generic_words:
                found.append(_Cand("org", at, provinces[cut], "org.branch", None, priority=3))
        at = text.find(_BRANCH, at + 1)
    return found


_GLUED_ADDRESS_CUES = (fold("ភូមិ"), fold("ឃុំ"), fold("សង្កាត់"))
_GLUED_ADDRESS_RE = re.compile("|".join(_GLUED_ADDRESS_CUES))


def _glued_addresses(text: str, cands: list, soft: frozenset[int]) -> None:
    """Eighth pass (places): an address written without spaces (``ភូមិប្រពាយឃុំម៉ារាមស្រុករមាសហែក``,
    ``ភូមិក្បាលស្នូលឃុំស្នួល``): a village or commune of unknown name glued to the next type word of
    the address is a place when that next part is a place found (or another such part), as it
    already was when a space or a zero-width space stood between them."""
    loc_starts = {c.start for c in cands if c.kind == "loc"}
    matches = [m for m in _matches_of(text, _GLUED_ADDRESS_CUES, _GLUED_ADDRESS_RE) if m.start() not in loc_starts and
               _at_cluster_start(text, m.start())]
    if not matches:
        return
    function_words = lexicon().function_words
    chain = set(loc_starts)
    for match in reversed(matches):
        s, pos = match.span()
        if _stop_at(text, pos, function_words) is not None:
            continue
        nxt = _ADDRESS_NEXT[match.group()]
        i, count = pos, 0
        while count < 6 and i < len(text) and i not in soft or (count == 0 and i < len(text)):
            cluster = _CLUSTER_RE.match(text, i)
            if cluster is None:
                break
            i = cluster.end()
            count += 1
            if text.startswith(nxt, i) and i in chain and i not in soft:
                cands.append(_Cand("loc", s, i, "loc.address", None, priority=1))
                chain.add(s)
                break


# --- sixth pass: brands, glued suffixes of units, companies named by a place, courts ----------------

#: words right before a brand that make it the make of a product (``ម៉ាក OPPO``, ``ម៉ូតូ ហុងដា``)
_PRODUCT_WORDS = tuple(fold(w) for w in ("ម៉ាក", "ម៉ូតូ", "ទូរស័ព្ទ", "រថយន្ត", "ម៉ូឌែល", "យន្តហោះ"))
#: (twelfth pass) a listed maker followed by a bare model number: ``Airbus 320``, ``Boeing 737``
_MODEL_NUMBER_AFTER_RE = re.compile(r" [0-9]{3}(?![0-9A-Za-z,.])")
#: a model name right after a brand (``OPPO F11``, ``HONDA CLICK125i``)
_MODEL_AFTER_RE = re.compile(r" ?[A-Z]{1,8}[0-9]+[A-Za-z0-9]*(?![A-Za-z0-9])")
#: (twentieth pass) a product line or a lower-case model code after a Latin maker's name: ``Samsung
#: Galaxy``, ``Google Chrome``, ``Microsoft Office``, ``Sony a6000`` name a product (the label files
#: leave the maker out there)
_PRODUCT_LINES = frozenset("""
Galaxy Note Chrome Office Maps Play Pixel Drive Docs Translate Windows Xbox Surface Teams Edge
Messenger Pay Photos Assistant Lens Meet Duo Earth Classroom iPhone iPad iPod Mac MacBook PlayStation
Bravia Xperia Alpha Cyber-shot EOS PowerShot Coolpix Kindle Echo Alexa
""".split())
_LATIN_WORD_AFTER_RE = re.compile(r" ([A-Za-z][A-Za-z\-]*)(?![A-Za-z0-9])")
_LOWER_MODEL_AFTER_RE = re.compile(r" [a-z]{1,3}[0-9]{2,}[A-Za-z]*(?![A-Za-z0-9])")


def _product_line_after(text: str, end: int) -> bool:
    """A product line or a lower-case model code right after a Latin maker's name."""
    word = _LATIN_WORD_AFTER_RE.match(text, end)
    return (word is not None and word.group(1) in _PRODUCT_LINES) or \
        _LOWER_MODEL_AFTER_RE.match(text, end) is not None


_BRAND_RULES = frozenset(("org.known", "org.acronym", "org.latin", "org.repeat", "org.head_latin"))
_COURT_AFTER_PROSECUTION = fold("អយ្យការអម")
_LETTER_NAMES = ("អេ", "ប៊ី", "ស៊ី", "ឌី", "អ៊ី", "អេហ្វ", "ជី", "អេច", "អាយ", "ជេ", "ខេ", "អែល", "អឹម", "អេម",
                 "អិន", "អែន", "អូ", "ភី", "ឃ្យូ", "អា", "អេស", "ធី", "យូ", "វី", "អិច", "អ៊ិច", "វ៉ាយ", "ហ្សេត")
_LETTER_ALT = "|".join(sorted((fold(w) for w in _LETTER_NAMES), key=len, reverse=True))
_SPELLED_COMPANY_RE = re.compile(f"{fold('ក្រុមហ៊ុន')} (?:{_LETTER_ALT})(?: (?:{_LETTER_ALT})){{1,4}}"
                                 f"(?=[ ,.។៕៖:;!?()«»“”\"'\n]|$)")
_PERSONAL_SOURCE_RE = re.compile(r"[A-Z][a-z]{1,11}(?: [A-Z][a-z]{1,11}){1,3}")
#: words of a publication's or a page's name, never of a person's (``ប្រភព៖ Property Areas``)
_SOURCE_MEDIA_WORDS = _ORG_WORDS | frozenset("News Share Sharing Media Post Times Daily Online Page Asia TV "
                                             "Radio Sport Sports Update Updates Khmer Thai The Sun Star "
                                             "Journal Today Net Channel Press Network Property Properties "
                                             "Area Areas Estate Business Finance Economy Economic Market "
                                             "Magazine Report Review Insider Weekly World Global Info Hub "
                                             "Zone Home Life Style Fashion Entertainment Football Live "
                                             "Studio Film Films Music Official Fans Story Stories Tips "
                                             "Tech Technology Travel Health Food Auto Motors".split())
_COURT = fold("សាលា")
_GLUED_ADMIN = tuple(fold(w) for w in ("ខេត្ត", "ស្រុក", "ក្រុង", "ខណ្ឌ"))
_GLUED_SUFFIX_BREAK = frozenset(" ,.។៕៖:;!?()[]{}\"'«»“”‘’-–—/\n\t|")


@functools.lru_cache(maxsize=4)
def _sorted_soft(soft: frozenset[int]) -> tuple[int, ...]:
    return tuple(sorted(soft))


def _soft_between(soft: frozenset[int], start: int, end: int) -> tuple[int, ...]:
    """The zero-width-space positions strictly between ``start`` and ``end``, in order (sorted once
    per text and bisected: articles hold up to thousands of them)."""
    if not soft:
        return ()
    order = _sorted_soft(soft)
    return order[bisect.bisect_right(order, start):bisect.bisect_left(order, end)]


def _glued_word_end(text: str, pos: int, soft: frozenset[int]) -> int:
    """End of the Khmer letters glued at ``pos`` (up to a space, punctuation or a zero-width space)."""
    run = _CLUSTER_RUN_RE.match(text, pos)
    if not run:
        return pos
    end = run.end()
    cut = next(iter(_soft_between(soft, pos, end)), None)
    return end if cut is None else cut


_SREY = fold("ស្រី")
#: short function words that are also syllables of transliterated names (``ផុងថាណានិកន``)
_INNER_SYLLABLES = frozenset(fold(w) for w in ("ថា", "ជា", "នា", "ទេ", "មក", "ទៅ"))  # ``លោក ស្រី …``: the title លោកស្រី written with a space
_UNIT_HEAD_LIST = tuple(sorted((fold(h) for h in ("អគ្គលេខាធិការដ្ឋាន", "លេខាធិការដ្ឋាន", "នាយកដ្ឋាន",
                                                   "អគ្គនាយកដ្ឋាន", "ការិយាល័យ")),
                               key=len, reverse=True))
_UNIT_HEAD_RE = re.compile("|".join(_UNIT_HEAD_LIST))


def _merge_units(text: str, cands: list, soft: frozenset[int], lex: Lexicon, window: int = 40) -> list:
    """A unit head glued to a body found after it is one organization, the unit of that body
    (``ការិយាល័យព្រហ្មទណ្ឌកម្រិតធ្ងន់ស្នងការនគរបាលខេត្ត…``, ``ការិយាល័យ…នៃស្នងការដ្ឋាន…``): the
    text between them is glued (no space, no punctuation) and holds no function word."""
    out = []
    for body in cands:
        if body.kind != "org" or body.rule == "org.media" or body.start == 0 or \
                not "\u1780" <= text[body.start - 1] <= "\u17d2":
            continue
        found = _UNIT_HEAD_RE.search(text, max(0, body.start - window), body.start)
        if found is None:
            continue
        lo = body.start
        while lo > found.start() and "\u1780" <= text[lo - 1] <= "\u17dd":
            lo -= 1
        if lo > found.start():
            found = _UNIT_HEAD_RE.search(text, lo, body.start)  # a space or punctuation between them
            if found is None:
                continue
        if not _at_cluster_start(text, found.start()):
            continue
        best = found.start()
        middle_start = found.end()
        if middle_start >= body.start:
            continue
        ok = True
        for pos in range(middle_start, body.start):
            if _at_cluster_start(text, pos) and pos != middle_start:
                stop = _stop_at(text, pos, lex.function_words)
                if stop is not None and stop != _OF:
                    ok = False
                    break
        if ok and any(c.kind == "org" and c is not body and middle_start <= c.start < body.start for c in cands):
            ok = False  # another body between them: two organizations, not a unit
        if ok and _clusters_in(text[middle_start:body.start]) >= 2:
            out.append(_Cand("org", best, body.end, "org.unit_of", body.value, priority=3))
    return out


_OF = fold("នៃ")
#: (seventh pass: the head words folded as the matching view is, so ``ផ្ទះសំណាក់`` matches; venues
#: too, with a short description between the head and the quotes: ``ក្លឹបកម្សាន្ត «គិរីរម្យ»``,
#: ``ហាងស៊ុបយីហោ “…”``)
_QUOTED_HEADS = tuple(fold(h) for h in (
    "ក្រុមហ៊ុន", "ហាង", "ភោជនីយដ្ឋាន", "សណ្ឋាគារ", "ផ្ទះសំណាក់", "ក្លឹប", "ក្លិប", "ខារ៉ាអូខេ", "ការ៉ាអូខេ",
    "ផ្សារទំនើប"))
_QUOTED_RE = re.compile("(?:" + "|".join(_QUOTED_HEADS)
    + f")(?:[{_KHMER_LETTER}{_MARKS}]{{0,16}}?(?:{fold('យីហោ')}|{fold('កម្សាន្ត')}|{fold('ឌីស្កូ')}|"
    f"{fold('ឈ្មោះ')}(?:{fold('ថា')})?))? ?[«“\"] ?([^«»“”\"\n]{{2,40}}?) ?[»”\"]")  # (ការ៉ាអូខេ, ឈ្មោះថា: final21)


def _quoted_companies(text: str, soft: frozenset[int]) -> list:
    """A company or a shop named in quotes after its head word is the quoted name
    (``ក្រុមហ៊ុន «ឥណទានភ្នំពេញ»`` → ``ឥណទានភ្នំពេញ``), and so is the same quoted name elsewhere."""
    if "«" not in text and "“" not in text and '"' not in text:
        return []
    out = []
    names = set()
    for match in _matches_of(text, _QUOTED_HEADS, _QUOTED_RE):
        name = match.group(1).strip()
        if len(name.split()) <= 4:
            names.add(name)
    for name in names:
        for match in re.finditer(re.escape(name), text):
            before = text[max(0, match.start() - 2):match.start()].rstrip(" ")
            after = text[match.end():match.end() + 2].lstrip(" ")
            if before.endswith(("«", "“", '"')) and after.startswith(("»", "”", '"')):
                out.append(_Cand("org", match.start(), match.end(), "org.quoted", None, priority=3))
    return out


_SCHOOL_HEADS = (fold("វិទ្យាល័យ"),)
_SCHOOL_PREFIXES = tuple(fold(h) for h in ("សាកល", "អនុ", "មហា"))


def _named_schools(text: str, cands: list, lex: Lexicon) -> list:
    """A high school named by a glued word (``វិទ្យាល័យជីហែរ``, ``វិទ្យាល័យអង្គរ``): the whole
    written word after the head when it has two to six clusters, is not generic and ends at a space
    or punctuation."""
    if _SCHOOL_HEADS[0] not in text:
        return []
    out = []
    at = text.find(_SCHOOL_HEADS[0])
    while at >= 0:
        pos = at + len(_SCHOOL_HEADS[0])
        start = at
        for prefix in _SCHOOL_PREFIXES:
            if text.endswith(prefix, 0, at):
                start = at - len(prefix)
                break
        run = _CLUSTER_RUN_RE.match(text, pos)
        if run and (run.end() >= len(text) or text[run.end()] in _NAME_WORD_BREAK) and \
                2 <= _clusters_in(run.group()) <= 6 and not _starts_generic(text, pos, lex) and \
                _stop_at(text, pos, lex.name_stops) is None and run.group() not in lex.generic_words and \
                not text.startswith(lex.titles, pos):
            out.append(_Cand("org", start, run.end(), "org.school", None, priority=2))
        at = text.find(_SCHOOL_HEADS[0], pos)
    return out


_NAME_RULES = frozenset(("person.title", "person.cue", "person.title_role", "person.role"))
_NAME_WORD_BREAK = frozenset(" ,.។៕៖:;!?()[]{}\"'«»“”‘’/\n\t|")


def _extend_repeated_names(text: str, cands: list, lex: Lexicon, max_words: int = 3) -> None:
    """Names of three or four words (``ខៀវ ទេព រង្ស៊ី កាញារីទ្ធ``, ``អង្គ វង្ស វឌ្ឍានា``).

    A name found after a title or a cue is taken one to three spaced words further when those words
    are not listed (function word, role, place, organization, generic word) and the longer name is
    written at least twice in the article: a third word that is a verb or a role differs from one
    mention to the next, a name's own words repeat. Bare occurrences of the longer name are persons
    too.
    """
    persons = [c for c in cands if c.kind == "person" and c.rule in _NAME_RULES and
               c.end < len(text) and "\u1780" <= text[c.start] <= "\u17b3" and
               not text.startswith(_SREY, c.start)]
    if not persons:
        return
    existing = {(c.start, c.end) for c in cands if c.kind == "person"}
    added: list[_Cand] = []
    names: set[str] = set()
    for person in persons:
        end = person.end
        best = None
        if end < len(text) and text[end] != " ":
            # ``ផាត់ណារ៉ុន ផុងថាណានិកន``: a long foreign name cut at a function word written inside
            # it (``ថា``); the whole written word, when it is written so at least twice
            stop = _stop_at(text, end, lex.function_words)
            run = _CLUSTER_RUN_RE.match(text, end)
            if stop not in _INNER_SYLLABLES or not run or run.end() - end < len(stop) + 4 or \
                    _clusters_in(text[end:run.end()]) > 6 or \
                    (run.end() < len(text) and text[run.end()] not in _NAME_WORD_BREAK) or \
                    _clusters_in(text[end:run.end()]) < 4 or \
                    _stop_at(text, end + len(stop), lex.name_stops) is not None or \
                    text.count(text[person.start:run.end()]) < 2:
                continue
            end = best = run.end()
        for _ in range(max_words):
            if end >= len(text) or text[end] != " ":
                break
            run = _CLUSTER_RUN_RE.match(text, end + 1)
            if not run or (run.end() < len(text) and text[run.end()] not in _NAME_WORD_BREAK):
                break
            word = run.group()
            stop = _stop_at(text, end + 1, lex.name_stops)
            if stop is not None and len(word) == len(stop) + 1 and stop in lex.function_words:
                stop = None  # ``ទេព``: a final consonant after ``ទេ`` closes its syllable, one word
            if not 1 <= _clusters_in(word) <= 6 or word in lex.name_stops or key(word) in lex.places or \
                    key(word) in lex.orgs or stop is not None or \
                    _starts_generic(text, end + 1, lex, always_only=True) or word in lex.generic_words:
                break
            end = run.end()
            name = text[person.start:end]
            if text.count(name) >= 2:
                best = end
        if best is not None and (person.start, best) not in existing:
            added.append(_Cand("person", person.start, best, "person.long_name", None,
                               title_span=person.title_span, priority=person.priority + 1))
            names.add(text[person.start:best])
    taken = {(c.start, c.end) for c in added} | existing
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (at, end) not in taken and _at_cluster_start(text, at) and \
                    (at == 0 or text[at - 1] in _NAME_WORD_BREAK or not _CLUSTER_RE.match(text, at - 1)) and \
                    (end >= len(text) or text[end] in _NAME_WORD_BREAK):
                added.append(_Cand("person", at, end, "person.long_name", None, priority=1))
            at = text.find(name, at + 1)
    cands.extend(added)


_BRANCH = fold("សាខា")
_BARE_UPPER_CUE_RE = re.compile(f"(?:{fold('ខេត្ត')}|{fold('រាជធានី')})(?=[ ,.។៕៖:;!?()\n]|$)")


def _branches(text: str, orgs: list, cands: list) -> list:
    """A branch of a body with its province: ``សាខាកាកបាទក្រហមកម្ពុជា ខេត្តកំពង់ស្ពឺ``,
    ``សាខាកាកបាទក្រហមរាជធានីភ្នំពេញ``, ``សមាគម… សាខាបាត់ដំបង``: one organization, ``សាខា`` and the
    province inside (a branch is named by its body and where it is, as a department is)."""
    upper: dict[int, int] = {}
    for c in cands:
        if c.kind == "loc":
            name = text[c.start:c.end]
            if text.startswith(_UPPER_ADMIN_CUES, c.start) or \
                    any(p.kind == "province" for p in lexicon().places.get(key(name), ())):
                upper[c.start] = c.end
    found = []
    for c in orgs:
        start = c.start
        if text.endswith(_BRANCH, 0, start):
            start -= len(_BRANCH)
        elif text.endswith(_BRANCH + " ", 0, start):
            start -= len(_BRANCH) + 1
        at = c.end
        if text.startswith(" " + _BRANCH, at):
            at += 1 + len(_BRANCH)
            if text.startswith(" ", at):
                at += 1
        elif start == c.start:
            continue  # neither ``សាខា`` before nor after
        elif text.startswith(" ", at):
            at += 1
        end = upper.get(at)
        if end is None and start < c.start and any(upper.get(i) == c.end for i in range(c.start + 1, c.end)):
            end = c.end  # ``សាខាកាកបាទក្រហមរាជធានីភ្នំពេញ``: the province already inside
        if end is None and start < c.start and at == c.end:
            bare = _BARE_UPPER_CUE_RE.match(text, at)
            end = bare.end() if bare else None
        if end is not None:
            found.append(_Cand("org", start, end, "org.branch", None, priority=3))
    return found


_NUMBER_WORD = fold("លេខ")
_CHANNEL_NUMBER_RE = re.compile("[0-9០-៩]{1,3}")


def _channel_numbers(text: str, cands: list, lex: Lexicon) -> None:
    """(twentieth pass) An organization whose name stops at ``លេខ`` ("number") goes on over the number
    and a country glued after it: ``ប៉ុស្តិ៍លេខ៣ថៃ``, Thailand's Channel 3."""
    for cand in cands:
        if cand.kind != "org" or not text.endswith(_NUMBER_WORD, cand.start, cand.end):
            continue
        number = _CHANNEL_NUMBER_RE.match(text, cand.end)
        if number is None:
            continue
        place = _lookup_place(text, number.end(), ("country",), lex)
        cand.end = place[0] if place is not None else number.end()


def _sixth_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """General rules of the sixth pass, applied to the candidates of every other rule.

    - A brand is the make of a product, not an organization, right after a product word or right
      before a model name (``ម៉ាក BMW``, ``ទូរស័ព្ទ OPPO``, ``OPPO F11``, ``HONDA CLICK125i``).
    - A listed body with a short suffix glued to it is a unit of that body (``រដ្ឋបាលព្រៃឈើរយ៉``).
    - A company named by a place glued to ``ក្រុមហ៊ុន`` is one organization (``ក្រុមហ៊ុនប៉ាស៊ីហ្វិក``).
    - The prosecution attached to a court is outside the court (``អយ្យការអមសាលាដំបូង…``).
    - A provincial department or district office followed by a glued ``ខេត្ត``/``ស្រុក`` and nothing
      else is the department of that province (``មន្ទីរកសិកម្ម… និងនេសាទខេត្ត``).
    """
    stops = lex.function_words
    has_court = _COURT_AFTER_PROSECUTION in text
    keep = []
    for cand in cands:
        if cand.kind != "org":
            keep.append(cand)
            continue
        if cand.rule == "org.source" and _PERSONAL_SOURCE_RE.fullmatch(text, cand.start, cand.end) and \
                not set(text[cand.start:cand.end].split()) & _SOURCE_MEDIA_WORDS:
            # ``ប្រភព៖ Denny Kwan``: a personal account credited as the source is a person
            keep.append(_Cand("person", cand.start, cand.end, "person.source", None, priority=cand.priority))
            continue
        if cand.rule in _BRAND_RULES:
            at = cand.start - 1 if cand.start and text[cand.start - 1] == " " else cand.start
            if text.endswith(_PRODUCT_WORDS, 0, at) or _MODEL_AFTER_RE.match(text, cand.end) or \
                    cand.rule == "org.known" and (_MODEL_NUMBER_AFTER_RE.match(text, cand.end) or
                                                  text[cand.start].isascii() and
                                                  _product_line_after(text, cand.end)):
                continue
        if cand.rule == "org.known" and cand.end < len(text) and \
                cand.end not in soft and text.startswith(_HEAD_PREFIXES(), cand.start) and \
                _at_cluster_start(text, cand.end):
            end = _glued_word_end(text, cand.end, soft)
            suffix = text[cand.end:end]
            if end > cand.end and _clusters_in(suffix) <= 2 and suffix not in stops and \
                    _stop_at(text, cand.end, lex.name_stops) is None and \
                    (end >= len(text) or text[end] in _GLUED_SUFFIX_BREAK) and \
                    not _starts_generic(text, cand.end, lex):
                cand = _Cand("org", cand.start, end, "org.unit_suffix", cand.value, priority=cand.priority)
        i = text.find(_COURT_AFTER_PROSECUTION, cand.start, cand.end) if has_court else -1
        if i > cand.start:
            j = i + len(_COURT_AFTER_PROSECUTION)
            j += text.startswith(" ", j)
            if text.startswith(_COURT, j):
                cand = _Cand("org", j, cand.end, cand.rule, cand.value, priority=cand.priority)
        if (text.startswith(_DOMAIN_HEADS, cand.start) or
                cand.rule == "org.known" and not text.endswith(_BRANCH, 0, cand.start)) and \
                text.startswith(_GLUED_ADMIN, cand.end):
            # (fourteenth pass: also a listed body, ``គណៈកម្មាធិការជាតិគ្រប់គ្រងគ្រោះមហន្តរាយខេត្ត``)
            word = next(w for w in _GLUED_ADMIN if text.startswith(w, cand.end))
            end = cand.end + len(word)
            if end >= len(text) or (text[end] in _GLUED_SUFFIX_BREAK and end not in soft):
                cand = _Cand("org", cand.start, end, cand.rule, cand.value, priority=cand.priority)
        keep.append(cand)
    keep.extend(_merge_units(text, keep, soft, lex))
    keep.extend(_quoted_companies(text, soft))
    keep.extend(_named_schools(text, keep, lex))
    if _COMPANY in text:
        for match in _SPELLED_COMPANY_RE.finditer(text):
            # ``ក្រុមហ៊ុន អិន ស៊ី អិច``: a company named by its initials spelled out in Khmer
            keep.append(_Cand("org", match.start(), match.end(), "org.company", None, priority=3))
    heads = [c for c in keep if c.kind == "org" and c.rule == "org.head"]
    if heads:
        for known in [c for c in keep if c.kind == "org" and c.rule == "org.known"]:
            for head in heads:
                if head.start < known.start < head.end < known.end:
                    # ``ក្លឹបភ្នំពេញក្រោន``: the head's name runs into a listed name, one organization
                    keep.append(_Cand("org", head.start, known.end, "org.head", known.value, priority=3))
    companies = []
    for cand in keep:
        if cand.kind == "loc" and cand.start >= len(_COMPANY) and cand.value and \
                cand.value.get("type") in ("region", "province", "city") and \
                text.startswith(_COMPANY, cand.start - len(_COMPANY)) and cand.start not in soft and \
                (cand.end >= len(text) or text[cand.end] in _GLUED_SUFFIX_BREAK or cand.end in soft):
            companies.append(_Cand("org", cand.start - len(_COMPANY), cand.end, "org.company_place", None,
                                   priority=3))
    cands[:] = keep + companies


# --- seventh pass: units with a misspelled or glued place, split heads, initials ---------------------

#: unit heads after which a glued ``ស្រុក``/``ខណ្ឌ``/``ខេត្ត``/``ក្រុង`` and a place name (even misspelled)
#: make the unit of that place (``អាវុធហត្ថស្រុកកែវសីម៉ា``)
_PLACE_UNIT_HEADS = tuple(sorted((fold(h) for h in (
    "កងរាជអាវុធហត្ថ", "កងអាវុធហត្ថ", "អាវុធហត្ថ", "នគរបាល", "អធិការដ្ឋាននគរបាល", "ស្នងការដ្ឋាននគរបាល",
    "សាលាដំបូង", "តុលាការ", "រដ្ឋបាល", "មន្ទីរពេទ្យបង្អែក", "ប៉ុស្តិ៍នគរបាល", "ការិយាល័យអប់រំ")),
    key=len, reverse=True))
_GLUED_ADMIN_RE = re.compile("|".join(_GLUED_ADMIN))
#: head words sometimes written with a space inside (``សាលា ដំបូង``, ``កង អាវុធហត្ថ``)
_SPLIT_HEAD_RE = re.compile("|".join(fold(h) for h in (
    "សាលា ដំបូង", "សាលា ឧទ្ធរណ៍", "កង អាវុធហត្ថ", "កង រាជអាវុធហត្ថ", "មន្ទីរ ពេទ្យ", "ស្នងការដ្ឋាន នគរបាល")))
_SPLIT_HEAD_FIRSTS = tuple(fold(h) for h in ("សាលា ", "កង ", "មន្ទីរ ", "ស្នងការដ្ឋាន "))
#: a working group glued to the body it works for is that body (``ក្រុមការងាររដ្ឋបាលខណ្ឌចំការមន``)
_WORKING_GROUP = fold("ក្រុមការងារ")
#: words after dotted initials that make them a person's initials (``ហ.ល.ណ អាយុ ១៤ឆ្នាំ``)
_AGE_WORDS = tuple(fold(w) for w in ("អាយុ", "ភេទ"))
#: a TV or radio word glued before a channel (``ទូរទស្សន៍ប៉ុស្តិ៍លេខ៧``)
_CHANNEL_MEDIA = tuple(fold(w) for w in ("ទូរទស្សន៍", "វិទ្យុ"))
_CHANNEL = fold("ប៉ុស្តិ៍")
_DEPENDENT_VOWEL_RE = re.compile("[\u17b6-\u17c5]")


@functools.cache
def _local_place_names() -> dict[int, tuple[str, ...]]:
    """Names of provinces, districts and communes by length (for spelling slips in unit names)."""
    lex = lexicon()
    names: dict[int, set[str]] = {}
    for name, places in lex.places.items():
        if len(name) >= 4 and any(p.kind in ("province", "district", "commune") for p in places):
            names.setdefault(len(name), set()).add(name)
    return {n: tuple(sorted(v)) for n, v in names.items()}


def _near(a: str, b: str) -> bool:
    """One edit (substitution, insertion or deletion) or none between ``a`` and ``b``."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def _misspelled_place_end(text: str, pos: int, end: int) -> int | None:
    """End of a listed local place name at ``pos``, written with at most one slip, that fills the
    glued word ``text[pos:end]`` (``កែវសីម៉ា`` for ``កែវសីមា``)."""
    word = text[pos:end]
    names = _local_place_names()
    for size in (len(word), len(word) - 1, len(word) + 1):
        for name in names.get(size, ()):
            if _near(word, name):
                return end
    return None


#: weak heads whose glued name is specific when the same name is written at least twice
#: (``អង្គការតារាម៉ាណា`` ... ``អង្គការតារាម៉ាណា``)
_REPEATED_NAME_HEADS = tuple(sorted((fold(h) for h in (
    "អង្គការ", "សមាគម", "មូលនិធិ", "សហព័ន្ធ", "ក្លឹប", "ក្លិប")), key=len, reverse=True))
_REPEATED_NAME_RE = re.compile("(?:" + "|".join(_REPEATED_NAME_HEADS) + ")")


def _repeated_weak_heads(text: str, orgs: list, lex: Lexicon) -> list:
    """A weak head and a glued name of three to twelve clusters (up to a space or punctuation),
    written twice or more in the article, not generic and with no function word at its start."""
    seen: dict[str, list[int]] = {}
    for match in _matches_of(text, _REPEATED_NAME_HEADS, _REPEATED_NAME_RE):
        run = _CLUSTER_RUN_RE.match(text, match.end())
        if run is None or not _at_cluster_start(text, match.start()):
            continue
        end = run.end()
        if end < len(text) and text[end] not in _GLUED_SUFFIX_BREAK:
            continue
        seen.setdefault(text[match.start():end], []).append(match.start())
    out = []
    for name, starts in seen.items():
        head = _REPEATED_NAME_RE.match(name).end()
        rest = name[head:]
        if len(starts) < 2 or not 3 <= _clusters_in(rest) <= 12 or _is_generic(rest, lex) or \
                _stop_at(rest, 0, lex.function_words) is not None or _starts_generic(rest, 0, lex) or \
                any(_stop_at(rest, i, lex.name_stops) is not None for i in range(1, len(rest))
                    if _at_cluster_start(rest, i)):
            continue  # (``ក្លឹបបិសាចក្រហមកីឡាករ``: a role noun ends the name)
        for s in starts:
            e = s + len(name)
            if not any(o.start <= s and e <= o.end or (o.rule == "org.known" and o.start < e and s < o.end)
                       for o in orgs):  # (``វេទិកាអាស៊ីសេរី``: a listed name keeps its span)
                out.append(_Cand("org", s, e, "org.repeat_head", None, priority=3))
    return out


_CLUB_HEADS = tuple(fold(h) + " " for h in ("ក្លិប", "ក្លឹប"))
_CLUB_SPACE = fold("ក្លិប ")
#: heads that name no body with a bare local place (``សហគមន៍រុងរឿង``) or the local authorities
_COMMUNITY = fold("សហគមន៍")
_COMPANY_TO_SUFFIX_RE = re.compile(fold("ក្រុមហ៊ុន") + f" ?([{_KHMER_LETTER}{_MARKS}][{_KHMER_LETTER}{_MARKS} ]{{1,60}}?) ?"
                                   f"ឯ ?\\. ?ក(?![{_KHMER_LETTER}])")
#: a referral hospital is named by its district or province (``មន្ទីរពេទ្យបង្អែកស្រុកតំបែរ``)
_REFERRAL_HOSPITAL = fold("មន្ទីរពេទ្យបង្អែក")
_LATIN_COMPANY_RE = re.compile(r"(?:[A-Z][A-Za-z0-9&'\-]*|\([A-Z]+\))(?: (?:[A-Z][A-Za-z0-9&'\-]*|\([A-Z]+\)))* ?"
                               r"(?:CO|Co|co)\.?,? ?(?:LTD|Ltd|ltd)\.?")
_NEEDS_CUE_HEADS = (_COMMUNITY, fold("អាជ្ញាធរ"))
_LOCAL = fold("មូលដ្ឋាន")
_CAPS_WORD_RE = re.compile(r"[A-Z]{4,}")
_CAPS_BEFORE_RE = re.compile(r"[A-Z]{3,} $")
_CAPS_AFTER_RE = re.compile(r" [A-Z]{3,}(?![A-Za-z])")


@functools.cache
def _known_latin_orgs() -> frozenset[str]:
    """Acronyms and Latin names of the listed organizations."""
    lex = lexicon()
    return frozenset({o.acronym for o in lex.orgs.values() if o.acronym} |
                     {o.name for o in lex.orgs.values() if o.name.isascii()})


def _seventh_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """General rules of the seventh pass (organizations).

    - A unit head with a glued ``ស្រុក``/``ខណ្ឌ``/``ខេត្ត``/``ក្រុង`` and a listed place name written
      with one slip is the unit of that place (``អាវុធហត្ថស្រុកកែវសីម៉ា``, ``…ស្រុកែវសីមា``).
    - A unit whose place is followed by its province glued is one organization
      (``កងរាជអាវុធហត្ថស្រុកកែវសីមាខេត្តមណ្ឌលគិរី``); after a space, two mentions.
    - A head written with a space inside is still a head when a place follows it glued
      (``សាលា ដំបូងខេត្តឧត្តរមានជ័យ``).
    - A working group glued to a body is that body (``ក្រុមការងាររដ្ឋបាលខណ្ឌចំការមន``).
    - Dotted initials before an age or a sex are a person's initials (a person, not an organization).
    - A TV station named by its channel keeps the media word (``ទូរទស្សន៍ប៉ុស្តិ៍លេខ៧``).
    - A weak head and a glued name written twice or more is an organization (``អង្គការតារាម៉ាណា``).
    - A listed club after ``ក្លិប``/``ក្លឹប`` and a space keeps its head (not before a Latin name).
    - A community named by a bare local place and the local authorities are not organizations
      (``សហគមន៍រុងរឿង``, ``អាជ្ញាធរមូលដ្ឋានខណ្ឌ…``).
    - All-caps words of a phrase are not acronyms (``V-STRIKING DESIGN``).
    - A referral hospital is an organization only with its district or province glued after it.
    - A company in Latin script up to ``CO., LTD.`` is one organization; a Khmer one runs to ``ឯ.ក``
      even when the suffix is glued to its last word.
    """
    orgs = [c for c in cands if c.kind == "org"]
    places = {c.start: c for c in cands if c.kind == "loc"}
    added: list[_Cand] = []
    drop: set[int] = set()
    for cue in _matches_of(text, _GLUED_ADMIN, _GLUED_ADMIN_RE):
        if not text.endswith(_PLACE_UNIT_HEADS, 0, cue.start()):
            continue  # (one C-speed test of the whole tuple first: most cues follow no unit head)
        head = next(h for h in _PLACE_UNIT_HEADS if text.endswith(h, 0, cue.start()))
        s, cue_end = cue.start() - len(head), cue.end()
        if not _at_cluster_start(text, s) or cue_end >= len(text):
            continue
        name_at = cue_end
        if _DEPENDENT_VOWEL_RE.match(text, cue_end):
            name_at = cue_end - 1  # ``ស្រុកែវសីមា``: the cue's last letter begins the name
        end = _glued_word_end(text, name_at, soft)
        if end <= cue_end or (end < len(text) and text[end] not in _GLUED_SUFFIX_BREAK and end not in soft):
            continue
        if any(c.start <= s and end <= c.end and not (c.end > end and text.startswith(" ", end))
               for c in orgs):
            continue
        if _stop_at(text, name_at, lex.function_words) is not None:
            continue
        word = text[name_at:end]
        if name_at == cue_end and key(word) in lex.places:
            continue  # (a listed place: the other rules decide)
        if _misspelled_place_end(text, name_at, end) is None:
            # ``អាវុធហត្ថស្រុកកែវ សីមា``: a listed name written with a space inside
            nxt = _glued_word_end(text, end + 1, soft) if text.startswith(" ", end) else end
            if nxt <= end + 1 or (nxt < len(text) and text[nxt] not in _GLUED_SUFFIX_BREAK and
                                  nxt not in soft) or \
                    not any(p.kind in ("province", "district", "commune")
                            for p in lex.places.get(key(text[name_at:nxt]), ())):
                continue
            end = nxt
        for c in orgs:  # (``…ស្រុកែវសីមា ខេត្តមណ្ឌលគិរី`` taken in spaced words: cut at the space)
            if c.start == s and c.end > end and text.startswith(" ", end):
                drop.add(id(c))
        added.append(_Cand("org", s, end, "org.unit_place", None, priority=3))
    for match in _matches_of(text, _SPLIT_HEAD_FIRSTS, _SPLIT_HEAD_RE):
        place = places.get(match.end())
        if place is not None and text[match.end() - 1] != " " and \
                text.startswith(_ADMIN_CUES, match.end()) and _at_cluster_start(text, match.start()):
            added.append(_Cand("org", match.start(), place.end, "org.head", None, priority=3))
    added.extend(_repeated_weak_heads(text, orgs, lex))
    if _COMPANY in text and "." in text:
        for match in _COMPANY_TO_SUFFIX_RE.finditer(text):
            # ``ក្រុមហ៊ុនចូហ្គ្រេន អ៊ិនវេសមិនឯ.ក``: the name runs to the legal suffix (outside, as
            # ``_company_name_end`` keeps it), glued or spaced
            if len(match.group(1).split()) <= 4 and _at_cluster_start(text, match.start()) and \
                    _stop_at(text, match.start(1), lex.function_words) is None:
                added.append(_Cand("org", match.start(), match.end(1), "org.company", None, priority=3))
    if "TD" in text or "td" in text:
        for match in _LATIN_COMPANY_RE.finditer(text):
            # ``KHMER FRESH MILK CO.,LTD.``: a company named in Latin script up to its legal suffix
            if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "."):
                continue
            added.append(_Cand("org", match.start(), match.end(), "org.company", None, priority=3))
    for c in orgs:
        if c.rule == "org.known" and c.start >= len(_CLUB_SPACE) - 1 and \
                text.endswith(_CLUB_HEADS + _CLUB_WORDS, 0, c.start) and \
                c.start - 1 not in soft and "\u1780" <= text[c.start] <= "\u17ff":  # (``ក្លិប Chelsea``: outside)
            # ``ក្លិប អង្គរថាយហ្គឺរ``: a club keeps its head, written after a space too (and glued to it:
            # ``ក្លឹបភ្នំពេញក្រោន``, nineteenth pass)
            head = next(h for h in _CLUB_HEADS + _CLUB_WORDS if text.endswith(h, 0, c.start))
            if _at_cluster_start(text, c.start - len(head)):
                added.append(_Cand("org", c.start - len(head), c.end, "org.known", c.value, priority=3))
    out = []
    for c in cands:
        if id(c) in drop:
            continue
        if c.kind == "org":
            if c.rule == "org.head" and text[c.start:c.end] == _REFERRAL_HOSPITAL:
                place = places.get(c.end)
                if place is None or not text.startswith(_ADMIN_CUES, c.end):
                    continue  # ``មន្ទីរពេទ្យបង្អែក`` alone: a kind of hospital, generic
                end = place.end
                after = places.get(end)
                if after is not None and text.startswith(_UPPER_ADMIN_CUES, end) and end not in soft:
                    end = after.end
                c = _Cand("org", c.start, end, c.rule, c.value, priority=c.priority)
            if c.rule == "org.head" and text.startswith(_NEEDS_CUE_HEADS, c.start):
                head = next(h for h in _NEEDS_CUE_HEADS if text.startswith(h, c.start))
                rest = text[c.start + len(head):c.end]
                if head == _COMMUNITY and not rest.startswith(_ADMIN_CUES) and lex.places.get(key(rest)) and \
                        all(p.kind in ("district", "commune", "village") for p in lex.places[key(rest)]):
                    continue  # ``សហគមន៍រុងរឿង``: a neighbourhood named by a local place, not a body
                if _generic_re().match(text, c.start + len(head)) is not None and \
                        text.startswith(_LOCAL, c.start + len(head)):
                    continue  # ``អាជ្ញាធរមូលដ្ឋានខណ្ឌ…``: the local authorities, generic
            if c.rule == "org.acronym" and _CAPS_WORD_RE.fullmatch(text, c.start, c.end) and \
                    (_CAPS_BEFORE_RE.search(text, 0, c.start) or _CAPS_AFTER_RE.match(text, c.end)) and \
                    text[c.start:c.end] not in _known_latin_orgs():
                continue  # ``V-STRIKING DESIGN``: a word of an all-caps phrase, not an acronym
            if c.rule == "org.acronym" and "." in text[c.start:c.end] and \
                    text.startswith(_AGE_WORDS, c.end + (text[c.end:c.end + 1] == " ")):
                # ``ហ.ល.ណ អាយុ ១៤ឆ្នាំ``: a person's initials (the guidelines count partial names)
                out.append(_Cand("person", c.start, c.end, "person.initials", None, priority=c.priority))
                continue
            if text.startswith(_WORKING_GROUP, c.start) and c.start + len(_WORKING_GROUP) < c.end and \
                    any(o.start == c.start + len(_WORKING_GROUP) and o.end == c.end for o in orgs):
                continue  # the body found at the same end is the organization
            if text.startswith(_CHANNEL, c.start) and text.endswith(_CHANNEL_MEDIA, 0, c.start) and \
                    c.start not in soft:
                media = next(w for w in _CHANNEL_MEDIA if text.endswith(w, 0, c.start))
                c = _Cand("org", c.start - len(media), c.end, c.rule, c.value, priority=c.priority)
            place = places.get(c.end)
            if place is not None and c.rule != "org.known" and text.startswith(_UPPER_ADMIN_CUES, c.end) and \
                    any(p.end == c.end and p.start > c.start for p in places.values()) and \
                    c.end not in soft:
                # ``កងរាជអាវុធហត្ថស្រុកកែវសីមាខេត្តមណ្ឌលគិរី``: its province glued after its district
                c = _Cand("org", c.start, place.end, c.rule, c.value, priority=c.priority)
        out.append(c)
    for a in added:
        place = places.get(a.end)
        if place is not None and text.startswith(_UPPER_ADMIN_CUES, a.end) and a.end not in soft:
            a.end = place.end
    cands[:] = out + added


def _find_company_repeats(text: str, cands: list, soft: frozenset[int]) -> None:
    """A company named glued to ``ក្រុមហ៊ុន`` is the same company where the name is written after a space or
    after a misspelled head (``ក្រុមហ៊ុនថាច់វូត`` … ``ក្រុមហ៊ុន ថាច់វូត``, ``ក្រហ៊ុនថាច់វូត``)."""
    size = len(_COMPANY)
    names = {text[c.start + size:c.end] for c in cands
             if c.kind == "org" and c.rule == "org.head" and text.startswith(_COMPANY, c.start)
             and c.end - c.start > size and text[c.start + size] != " "}
    names = {n for n in names if _clusters_in(n) >= 2}
    if not names:
        return
    taken = [(c.start, c.end) for c in cands if c.kind == "org"]
    for name in names:
        for head in (_COMPANY + " ",) + _COMPANY_VARIANTS:
            at = text.find(head + name)
            while at >= 0:
                end = at + len(head) + len(name)
                if (end >= len(text) or end in soft or text[end] in _PLACE_BOUNDARY_AFTER) and \
                        not any(s0 <= at < e0 for s0, e0 in taken):
                    cands.append(_Cand("org", at, end, "org.repeat", None, priority=3))
                at = text.find(head + name, end)


@functools.cache
def _KNOWN_KEYS() -> frozenset[str]:
    lex = lexicon()
    keys = {k for k, ps in lex.places.items() if any(p.kind in _FREE_PLACE_KINDS for p in ps)}
    keys.update(lex.orgs)
    keys.update(lex.org_heads)
    keys.update(fold(c) for c in _PLACE_CUES)
    keys.update(fold(c) for c in _NAME_CUES)
    return frozenset(keys)


@functools.cache
def _HEAD_PREFIXES() -> tuple[str, ...]:
    return tuple(lexicon().org_heads)


@functools.cache
def _CUE_KEYS() -> frozenset[str]:
    return frozenset(fold(c) for c in _PLACE_CUES)


@functools.cache
def _HEAD_KEYS() -> frozenset[str]:
    return frozenset(lexicon().org_heads)


@functools.cache
def _NAME_CUE_KEYS() -> frozenset[str]:
    return frozenset(fold(c) for c in _NAME_CUES)


_DEPARTMENT = fold("មន្ទីរ")
_OFFICE = fold("ការិយាល័យ")  # a district office named by its domain, followed by its district
_DOMAIN_HEADS = (_DEPARTMENT, _OFFICE)
#: provincial departments whose name is not their ministry's (``មន្ទីរសុរិយោដី``: land management)
_EXTRA_DEPARTMENTS = ("សុរិយោដី", "រៀបចំដែនដី នគរូបនីយកម្ម សំណង់ និងសុរិយោដី", "ព័ត៌មាន", "សុខាភិបាល",
                      "កសិកម្ម", "អប់រំ", "បរិស្ថាន", "ទេសចរណ៍", "ពាណិជ្ជកម្ម", "ធម្មការ និងសាសនា",
                      "ធម្មការសាសនា", "អប់រំ យុវជន និងកីឡា", "រ៉ែ និងថាមពល", "ផែនការ")


@functools.cache
def _department_re() -> re.Pattern:
    """Ministry domains (``អប់រំ យុវជន និងកីឡា``): every ministry has a department named after it in
    each province, so ``មន្ទីរ`` + a domain is a specific body even with no province after it."""
    prefix = fold("ក្រសួង")
    domains = {fold(name)[len(prefix):] for name in (o.name for o in lexicon().orgs.values())
               if fold(name).startswith(prefix) and "នៃ" not in name}
    domains = {d for d in domains if d and not d.replace(" ", "").endswith(_COUNTRY_ENDS)}
    domains.update(fold(d) for d in _EXTRA_DEPARTMENTS)
    domains.update(d.replace("និង", "និង ").replace("  ", " ") for d in list(domains) if "និង" in d)
    return re.compile(trie_pattern(sorted(domains)))


_COUNTRY_ENDS = tuple(fold(c) for c in ("កម្ពុជា", "អាមេរិក", "ចិន", "ថៃ", "វៀតណាម", "ជប៉ុន", "បារាំង"))


def _department_end(text: str, pos: int, end: int, soft: frozenset[int], lex: Lexicon,
                    place_at: dict[int, _Cand], need_place: bool = False) -> int | None:
    """``មន្ទីរសុរិយោដី``, ``មន្ទីរកសិកម្ម រុក្ខាប្រមាញ់ និងនេសាទ``: the end of a department named by
    its ministry's domain, when the domain is the whole name (a boundary or a function word after it)."""
    match = _department_re().match(text, pos)
    if match is None or match.end() < end:
        return None
    stop = match.end()
    if not _at_cluster_end(text, stop):
        return None
    after = stop + 1 if text.startswith(" ", stop) else stop
    place = place_at.get(after)
    if place is not None and text.startswith(_ADMIN_CUES, after):
        return place.end  # ``មន្ទីរអប់រំ យុវជន និងកីឡាខេត្តកំពត``: its province stays inside
    if need_place:
        return None
    if stop < len(text) and stop not in soft and _KHMER_LETTER_OR_MARK(text[stop]) and \
            _stop_at(text, stop, lex.function_words) is None:
        return None
    return stop


def _latin_inside_word(text: str, s: int, e: int) -> bool:
    """A listed Latin-script name is a whole word: ``Grab`` is not in ``GrabFood``, ``facebook`` is
    not in ``www.facebook.com/...``."""
    if not text[s].isascii():
        return False
    if s > 0 and (text[s - 1].isascii() and text[s - 1].isalnum() or text[s - 1] in "./@_"):
        return True
    return e < len(text) and (text[e].isascii() and text[e].isalnum() or text[e] in "/_@" or
                              text[e] == "." and e + 1 < len(text) and text[e + 1].isalnum())


def _latin_after_place_cue(text: str, s: int) -> bool:
    """``ទីក្រុង Barcelona`` is the city, not the club listed under the same Latin name."""
    if not text[s].isascii():
        return False
    before = text[max(0, s - 16):s].rstrip(" ")
    return before.endswith(tuple(_LATIN_PLACE_CUES))


def _digit_at(text: str, pos: int) -> bool:
    return pos < len(text) and ("0" <= text[pos] <= "9" or "០" <= text[pos] <= "៩")


def _address_word_end(text: str, pos: int, next_cues: tuple[str, ...], soft: frozenset[int]) -> int:
    """End of the word written at ``pos`` (to a space or a zero-width space) when the next type word
    of an address follows it; ``pos`` if none (or if it is longer than eight clusters)."""
    run = _CLUSTER_RUN_RE.match(text, pos)
    if run is None or _stop_at(text, pos, lexicon().function_words) is not None:
        return pos  # ``ស្រុកមួយចំនួននៅ...``
    ends = list(_soft_between(soft, pos, run.end())) + [run.end()]
    for end in ends:
        if _clusters_in(text[pos:end]) > 8:
            break
        after = end + 1 if end < len(text) and text[end] == " " else end
        if text.startswith(next_cues, after):
            return end
    return pos


def _ends_at_name_boundary(text: str, end: int, soft: frozenset[int]) -> bool:
    """A small place name must end where a word ends: a space, punctuation, a zero-width space or
    the next place type word."""
    if end >= len(text) or end in soft or not _CLUSTER_RE.match(text, end):
        return True
    # (or a word that never continues a name: ``ឃុំមង់រៀវវិញ``, ``ភូមិ…ដែល…``)
    return text.startswith(_PLACE_CUE_WORDS, end) or text.startswith(_AFTER_NAME_WORDS, end)


#: words glued after a village or commune name that end it (they never continue a name)
_AFTER_NAME_WORDS = tuple(fold(w) for w in ("វិញ", "ដែល", "នៅ", "បាន", "និង", "ផងដែរ", "ហើយ", "ទេ", "នោះ",
                                             "នេះ", "ក្នុង", "ត្រូវ", "មាន"))


def _ends_at_boundary(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in _PLACE_BOUNDARY_AFTER or not _CLUSTER_RE.match(text, end) or \
        _stop_at(text, end, lexicon().name_stops) is not None


def _nationality_before(text: str, s: int) -> bool:
    if s and not text[s - 1].isspace():  # (nothing to strip: no slice to make; ~15 calls per article)
        return text.endswith(_NATIONALITY_BEFORE, max(0, s - 8), s)
    before = text[max(0, s - 8):s].rstrip()
    return before.endswith(_NATIONALITY_BEFORE)


def _org_value(org) -> dict:
    value = {"name": org.name}
    if org.english:
        value["en"] = org.english
    if org.acronym:
        value["acronym"] = org.acronym
    return value


#: (twentieth pass) heads whose name may end in "in" a country (``សមាគមរោងចក្រកាត់ដេរនៅកម្ពុជា``)
_IN_COUNTRY_HEADS = tuple(fold(h) for h in ("សមាគម", "ទីភ្នាក់ងារ", "វិទ្យាស្ថាន", "សហព័ន្ធ", "សហភាព"))


def _org_end(text: str, head_end: int, place_at: dict[int, _Cand], stops: frozenset[str],
             max_clusters: int = 30, places_only: bool = False, org_at: dict[int, int] | None = None,
             connectors: bool = False) -> tuple[int, bool]:
    """Where an organization name that starts with a head word ends, and whether a place ends it.

    The name runs over glued Khmer text up to a space, punctuation or a function word; a place
    reached on the way ends it (``រដ្ឋបាលរាជធានីភ្នំពេញ``), and so does ``នៃ`` + a place
    (``ក្រសួងមហាផ្ទៃនៃប្រទេសវៀតណាម``). With ``places_only`` only an attached place is added.
    """
    pos = head_end
    end = head_end
    count = 0
    n = len(text)
    saw_place = False
    while count < max_clusters and pos < n:
        place = place_at.get(pos)
        if place is not None and place.end > pos:
            if connectors and count and not places_only and _spaced_connector_at(text, place.end, stops):
                pos = end = place.end  # ``សមាគមនារីកម្ពុជា ដើម្បីសន្តិភាព...``: the name runs on
                count += 1
                saw_place = True
                continue
            return place.end, True
        ch = text[pos]
        # (``នៅ``, ``នៃ`` and ``និង`` all begin with ``ន``: one comparison spares the other tests)
        of = ch == "ន" and text.startswith("នៃ", pos)
        if ch == "ន" and text.startswith("នៅ", pos) and not places_only:
            nxt = place_at.get(pos + 2)
            if nxt is not None and _acronym_follows(text, nxt.end):
                return nxt.end, True  # ``វិទ្យាស្ថានភាសាបារាំងនៅកម្ពុជា (IFC)``
            if nxt is not None and count >= 2 and nxt.value and nxt.value.get("type") == "country" and \
                    nxt.start == pos + 2 and text.endswith(_IN_COUNTRY_HEADS, 0, head_end):
                return nxt.end, True  # (twentieth pass) ``សមាគមរោងចក្រកាត់ដេរនៅកម្ពុជា``: "in" a country
        if org_at and count and not places_only:
            # a unit of a known body: ``នាយកដ្ឋានព្រហ្មទណ្ឌក្រសួងមហាផ្ទៃ``, ``...នៃក្រសួងសុខាភិបាល``
            at = pos + 2 if of else pos
            if at < n and text[at] == " " and at == pos + 2:
                at += 1
            if org_at.get(at, 0) > at:
                return org_at[at], True
        if of and not places_only and text.startswith(_HEAD_PREFIXES(), pos + 2):
            break  # ``...នៃអធិការដ្ឋាននគរបាល...``: another organization begins
        if of or ch == " " and text.startswith(" នៃ", pos):
            after = pos + (3 if text[pos] == " " else 2)
            if after < n and text[after] == " ":
                after += 1
            nxt = place_at.get(after)
            if nxt is not None:
                return nxt.end, True
        if connectors and count and not places_only and _spaced_connector_at(text, pos, stops):
            word = next(w for w in _SPACED_CONNECTORS if text.startswith(w, pos + 1))
            pos += 1 + len(word)  # ``គណៈកម្មការជាតិ ដើម្បីទប់ស្កាត់ និងបង្ក្រាប...``
            end = pos
            count += _clusters_in(word)
            continue
        if ch == " ":
            nxt = place_at.get(pos + 1)
            if nxt is not None and text.startswith(_ADMIN_CUES, pos + 1) and count + (not places_only) > 0:
                return nxt.end, True
            if not places_only:
                spaced = _spaced_org_end(text, pos, place_at, stops)
                if spaced is not None:
                    return spaced, True
                if count:
                    joined = _and_part_end(text, pos, stops, 18 if connectors else 10,
                                           place_at if connectors else None)
                    if joined is not None:
                        return joined, any(p.end == joined for p in (place_at.get(j) for j in
                                                                     range(pos, joined)) if p)
            break
        match = _CLUSTER_RE.match(text, pos)
        if not match or places_only:
            break
        if count and not places_only and ch == "ន" and text.startswith("និង", pos) and _CLUSTER_RE.match(text, pos + 3) \
                and not text.startswith(_HEAD_PREFIXES(), pos + 3) and not text.startswith(_NOT_AFTER_AND, pos + 3) \
                and _stop_at(text, pos + 3, stops) is None:
            pos += 3  # ``មន្ទីរសាធារណការនិងដឹកជញ្ជូន...``: domains joined by a glued ``និង``
            end = pos
            count += 2
            continue
        if connectors and (0 < count or text.startswith(_FIRST_CONNECTORS, pos)) and count <= 5 and \
                text.startswith(_CONNECTORS, pos):
            # (fourteenth pass: ``គ្រប់គ្រង``, ``ប្រឆាំង`` right after the head, ``គណៈកម្មាធិការគ្រប់គ្រង…``)
            # ``គណៈកម្មាធិការជាតិដើម្បីទប់ស្កាត់...``, ``មូលនិធិអន្តរជាតិសម្រាប់ការអភិវឌ្ឍ...``
            word = next(w for w in _CONNECTORS if text.startswith(w, pos))
            if _CLUSTER_RE.match(text, pos + len(word)):
                pos += len(word)
                end = pos
                count += _clusters_in(word)
                continue
        compound = _ORG_COMPOUND_RE.match(text, pos) if ch in _ORG_COMPOUND_FIRST else None
        if compound is not None:
            # (twelfth pass) a word of a unit's domain that holds a stop word (``ចំណេះដឹង``,
            # ``ឃ្លាំមើល``, ``នគរូបនីយកម្ម``): the name runs over it
            pos = end = compound.end()
            count += _clusters_in(compound.group())
            continue
        if not of and _stop_at(text, pos, stops) is not None:
            break
        pos = match.end()
        end = pos
        count += 1
    return end, saw_place


#: (twelfth pass) words of organization names that contain a stop word (``ដឹង``, ``មើល``, ``រូប``, ``វិល``)
_ORG_COMPOUNDS = tuple(sorted((fold(w) for w in (
    "ចំណេះដឹង", "ឃ្លាំមើល", "ត្រួតមើល", "នគរូបនីយកម្ម", "នគររូបនីយកម្ម", "ស៊ីវិល", "រូបវិទ្យា",
    "ចុះបញ្ជី", "ព័ត៌មាន", "ព័ត៍មាន",
    "គ្រុនចាញ់")), key=len, reverse=True))  # (fourteenth pass: malaria, since ``ចាញ់`` ends a name)
_ORG_COMPOUND_RE = re.compile("|".join(_ORG_COMPOUNDS))
_ORG_COMPOUND_FIRST = frozenset(w[0] for w in _ORG_COMPOUNDS)


_ACRONYM_ONLY_RE = re.compile(r"[A-Z0-9&]{2,}")
_UNIT_NUMBER_RE = re.compile("[០-៩0-9]{1,2}(?![០-៩0-9])")


def _spaced_known_end(text: str, start: int, pos: int, lex: Lexicon, max_words: int = 3) -> int | None:
    """The end of a listed organization written with spaces where the list has none, starting with
    its head at ``start`` (``ក្រសួងមុខងារ សាធារណៈ``): the longest such end, or None."""
    best = None
    run = _CLUSTER_RUN_RE.match(text, pos)
    i = run.end() if run else pos
    for _ in range(max_words):
        if i >= len(text) - 1 or text[i] != " ":
            break
        if text.startswith("និង", i + 1) and _CLUSTER_RE.match(text, i + 4) is None and \
                i + 4 < len(text) and text[i + 4] == " ":
            i += 4  # ``... និង សំណង់``
        run = _CLUSTER_RUN_RE.match(text, i + 1)
        if run is None:
            break
        prefix = text[start:i].replace(" ", "")
        prefixes = _org_prefixes()
        if prefix not in prefixes:
            break
        for end in _cluster_ends(text, i + 1, 20):  # the name may end inside the glued run
            joined = prefix + text[i + 1:end]
            if joined not in prefixes:
                break
            if joined in lex.orgs:  # (``សាធារណៈ·កម្ពុជា``)
                best = end
        i = run.end()
    return best


@functools.cache
def _org_prefixes() -> frozenset[str]:
    """Every prefix of every listed organization key (to give up early on a spaced name)."""
    return frozenset(k[:i] for k in lexicon().orgs for i in range(1, len(k) + 1))
#: words that join the parts of a long institution name (``...ជាតិដើម្បីទប់ស្កាត់...``)
_CONNECTORS = tuple(sorted((fold(w) for w in ("ដើម្បី", "សម្រាប់", "ស្តីពី", "ប្រឆាំង", "គ្រប់គ្រង",
                                              "ទទួលបន្ទុក", "ការពារ")), key=len, reverse=True))
#: connectors that may follow the head directly (``គណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយខេត្ត``)
_FIRST_CONNECTORS = tuple(fold(w) for w in ("គ្រប់គ្រង", "ប្រឆាំង", "ទទួលបន្ទុក"))
#: connectors that also join a name across a space (the purpose of an association)
_SPACED_CONNECTORS = tuple(fold(w) for w in ("ដើម្បី", "សម្រាប់"))
def _spaced_connector_at(text: str, pos: int, stops: frozenset[str]) -> bool:
    """A space, ``ដើម្បី``/``សម្រាប់`` and a word that is not a verb of a purpose clause
    (``... ដើម្បីសន្តិភាព``, not ``... ដើម្បីផ្ដល់``)."""
    if not text.startswith(" ", pos) or not text.startswith(_SPACED_CONNECTORS, pos + 1):
        return False
    word = next(w for w in _SPACED_CONNECTORS if text.startswith(w, pos + 1))
    after = pos + 1 + len(word)
    return _CLUSTER_RE.match(text, after) is not None and _stop_at(text, after, stops) is None


#: heads of committees, councils and institutions whose names run on over connectors
_CONNECTOR_HEADS = frozenset(fold(h) for h in _with_misspellings((
    "គណៈកម្មាធិការ", "គណៈកម្មការ", "គណៈកម្មាការ", "ក្រុមប្រឹក្សា", "ឧត្តមក្រុមប្រឹក្សា", "មូលនិធិ", "អង្គការ",
    "មជ្ឈមណ្ឌល", "វិទ្យាស្ថាន", "សមាគម", "អាជ្ញាធរ", "អគ្គលេខាធិការដ្ឋាន", "ទីភ្នាក់ងារ",
    "វេទិកា", "សហព័ន្ធ", "បណ្ឌិត្យសភា",
)))


_MEDIA_HEADS = frozenset(fold(h) for h in ("គេហទំព័រ", "សារព័ត៌មាន", "កាសែត", "វិទ្យុ", "ទូរទស្សន៍",
                                           "ទីភ្នាក់ងារព័ត៌មាន", "បណ្តាញព័ត៌មាន"))
_COMPANY = fold("ក្រុមហ៊ុន")
#: misspellings of ``ក្រុមហ៊ុន`` seen in news text: a company found once is found again after them
_COMPANY_VARIANTS = (fold("ក្រហ៊ុន"), fold("ក្រុមហ៊ន"))
#: offices and departments named at length without their province
_LONG_NAME_HEADS = frozenset(fold(h) for h in _with_misspellings(("ការិយាល័យ", "នាយកដ្ឋាន", "មន្ទីរ", "មជ្ឈមណ្ឌល", "សមាគម",
                                               "មូលនិធិ", "ទីភ្នាក់ងារ", "វិទ្យាស្ថាន")))
#: heads whose name may follow after a space (``គេហទំព័រ មាតុភូមិ``, ``ក្រុមហ៊ុន ថាច់វូត``)
_SPACED_NAME_HEADS = _MEDIA_HEADS | {_COMPANY}
#: ``ឯ.ក`` (``ឯកជន`` limited), ``ខូអិលធីឌី`` (Co., Ltd): the end of a company name written in words
_COMPANY_SUFFIX_RE = re.compile(r" ?(?:ឯ ?\. ?ក|ខូ ?អិល ?ធី ?ឌី|ឯកជន ?ទទួលខុសត្រូវ)")


def _company_name_end(text: str, pos: int, max_words: int = 4) -> int | None:
    """``ក្រុមហ៊ុន ចេហ្គ្រេន អ៊ិនវេសមិន ឯ.ក``: the words of a company name up to its legal suffix."""
    i = pos
    for _ in range(max_words):
        if i >= len(text) - 1 or text[i] != " ":
            return None
        run = _CLUSTER_RUN_RE.match(text, i + 1)
        if run is None:
            return None
        i = run.end()
        suffix = _COMPANY_SUFFIX_RE.match(text, i)
        if suffix or text.startswith("ឯ", i):
            if i <= pos + 1:
                return None
            # ``... ខូអិលធីឌី`` (Co., Ltd. written in words) is part of the name; ``ឯ.ក`` is not
            return suffix.end() if suffix and text.startswith("ខូ", suffix.end() - len(suffix.group().lstrip())) \
                else i
    return None


#: words after which a one-word company name written after a space ends (``ក្រុមហ៊ុន ថាច់វូត ដែល…``)
_AFTER_COMPANY_WORD = tuple(fold(w) for w in ("ដែល", "បាន", "នេះ", "នោះ", "គឺ", "មាន", "ត្រូវ", "ក៏", "ជា",
                                              "និង", "ហើយ", "របស់", "នៅ", "ក្នុង", "ពាក់ព័ន្ធ", "ទៅ", "មក"))


def _company_word_end(text: str, pos: int, lex: Lexicon, second: bool = False) -> int | None:
    """``ក្រុមហ៊ុន ថាច់វូត ពាក់ព័ន្ធ…``: one spaced word after ``ក្រុមហ៊ុន`` is its name when the word is not
    a listed word and what follows it cannot continue a name (punctuation, or a function word after a
    space). (Any spaced word was tried before: as often a verb or half a name as a name.)"""
    if pos >= len(text) - 1 or text[pos] != " ":
        return None
    start = pos + 1
    run = _CLUSTER_RUN_RE.match(text, start)
    if run is None or not 2 <= _clusters_in(run.group()) <= 6:
        return None
    end = run.end()
    if _stop_at(text, start, lex.name_stops) is not None or _starts_generic(text, start, lex) or \
            text.startswith(_BUSINESS_WORDS, start) or key(run.group()) in lex.places or \
            key(run.group()) in lex.orgs or _stop_at(text, end, lex.name_stops) is not None:
        return None
    if end >= len(text) or (text[end] in _PLACE_BOUNDARY_AFTER and text[end] != " "):
        return end
    if text[end] == " " and text.startswith(_AFTER_COMPANY_WORD, end + 1):
        return end
    if second or text[end] != " ":
        return None
    # (eighth pass) a name of two spaced words ends the same way (``ក្រុមហ៊ុន សុខ អ៊ីនធឺប្រាយ បាន…``)
    return _company_word_end(text, end, lex, second=True)


#: words that describe what a company does (``ក្រុមហ៊ុនសាងសង់``, ``ក្រុមហ៊ុនផលិតរថយន្ត``): a company
#: named only by them (and a country) is a description, not a name
_BUSINESS_WORDS = tuple(sorted({fold(w) for w in """
ផលិត សាងសង់ រថយន្ត ឡាន អាកាសចរណ៍ អចលនទ្រព្យ អចលទ្រព្យ យក្ស ចំណុះ ឧបត្ថម្ភ កំពូល ឈានមុខ លំដាប់
អ៊ីនធើណេត អ៊ីនធឺណិត អ៊ីនធ័រនិត អ៊ីនធឺណេត បច្ចេកវិទ្យា បច្ចេកវិជ្ជា ទូរស័ព្ទ ទូរស័ព្ទដៃ វិនិយោគ វិនិយោគិន
បោកប្រាស់ ភ្នាក់ងារ ភាពយន្ត បណ្តាញ សង្គម ប្រេង អវកាស អេឡិចត្រូនិក ថែម សុទ្ធ រំលោភ បុត្រសម្ព័ន្ធ
បដិសណ្ឋារកិច្ច ធានារ៉ាប់រង ចម្ការ ចំការ កៅស៊ូ អគ្គិសនី ដឹកជញ្ជូន ទេសចរណ៍ ពាណិជ្ជកម្ម នាំចូល នាំចេញ នាំ
សម្អាង គ្រឿងសម្អាង ឯកជន ធំ តូច បំផុត ក្នុងស្រុក បរទេស អន្តរជាតិ សព្វាវុធ យន្តហោះ ដឹកអ្នកដំណើរ អ្នកដំណើរ
ត្រាក់ទ័រ ម៉ូតូ ស្រាបៀរ ភេសជ្ជៈ ឱសថ ថ្នាំ ស្លៀកពាក់ កាត់ដេរ រោងចក្រ អាហារ ម្ហូប ហិរញ្ញវត្ថុ អភិវឌ្ឍ
មីក្រូហិរញ្ញវត្ថុ ឥណទាន ផ្តល់ កម្ចី ដឹក លក់ ទិញ ជួល ក្លែងក្លាយ ខុសច្បាប់ ល្បី ឧបករណ៍ ទូរគមនាគមន៍
ផ្គត់ផ្គង់ សេវា សេវាកម្ម ដឹកទំនិញ ទំនិញ ដែក ស៊ីម៉ង់ត៍ រ៉ែ ជីក ថាមពល វារីអគ្គិសនី ព័ត៌មាន កសិកម្ម
កសិ ឧស្សាហកម្ម ដី ឈើ កាត់ឈើ ជលផល សន្តិសុខ យាម កម្សាន្ត កាស៊ីណូ ល្បែង ហ្គេម កីឡា តន្ត្រី
ម៉ូដ ដូចគ្នា ជាច្រើន ទាំងនោះ ទាំងអស់ មួយ ពីរ ទាំងពីរ ដទៃ ផ្សេង ផ្សេងៗ គូប្រជែង ដៃគូ ម្ចាស់ ពាក់ព័ន្ធ
""".split()}, key=len, reverse=True))


def _spaced_company_name_end(text: str, pos: int, lex: Lexicon) -> int | None:
    """The end of one to three whole Khmer words at ``pos`` that name a company: none a function word,
    a role, a title, a listed province or country or a generic word, the last followed by a space,
    punctuation or the end; None otherwise."""
    end, words = pos, 0
    while words < 3:
        word = _WORD_RUN_RE.match(text, end)
        if word is None or not 1 <= _clusters_in(word.group()) <= 6:
            break
        w = word.group()
        if _stop_at(text, end, lex.name_stops) is not None or w in lex.generic_words or \
                _free_place(w, lex) or _patterns().titles.match(text, end) or key(w) in lex.orgs:
            break
        end, words = word.end(), words + 1
        if not text.startswith(" ", end):
            break
        end += 1
    if words == 0:
        return None
    end = end - 1 if text[end - 1] == " " else end
    if end < len(text) and text[end] not in _NAME_WORD_BREAK:
        return None
    return end


def _describes_business(text: str, start: int, end: int, place_at: dict[int, _Cand]) -> bool:
    """``ក្រុមហ៊ុនផលិតរថយន្តជប៉ុន``, ``ក្រុមហ៊ុនសាងសង់``: the words after ``ក្រុមហ៊ុន`` only say
    what the company does (and where it is from); ``ក្រុមហ៊ុនអាកាសចរណ៍អ៊ែមមឺរឹត`` (a name after the
    description) and ``ក្រុមហ៊ុនចម្ការកៅស៊ូបឹងកេត`` (a place) are names."""
    pos = start
    while pos < end:
        word = next((w for w in _BUSINESS_WORDS if text.startswith(w, pos)), None) \
            if text.startswith(_BUSINESS_WORDS, pos) else None  # (one C call first: mostly none)
        if word is not None and _at_cluster_end(text, pos + len(word)):
            pos += len(word)
            while pos < end and text[pos] in " ៗ":
                pos += 1
            continue
        place = place_at.get(pos)
        return place is not None and place.end >= end and place.value is not None and \
            place.value.get("type") == "country" and pos > start
    return True


_PLURAL_RE = re.compile(" ?ទាំង ?(?:[0-9០-៩]+ ?(?:ខេត្ត|រាជធានី|ក្រុង|ស្រុក|ខណ្ឌ|ប្រទេស)|អស់|នោះ)")


def _plural_after(text: str, end: int) -> bool:
    """``... ទាំង ២៤ខេត្ត``, ``... ទាំងអស់``: the name stands for every body of its kind."""
    return _PLURAL_RE.match(text, end) is not None


_STATE = fold("រដ្ឋ")
_PROGRAMME = fold("កម្មវិធី")
_LOCAL_CUES = tuple(fold(c) for c in ("ឃុំ", "សង្កាត់", "ភូមិ"))
#: units named by the body they belong to, written after a space
_UNIT_HEADS = frozenset(fold(h) for h in ("អគ្គលេខាធិការដ្ឋាន", "លេខាធិការដ្ឋាន", "នាយកដ្ឋាន", "អគ្គនាយកដ្ឋាន",
                                          "ការិយាល័យ", "អគ្គស្នងការដ្ឋាន", "ស្នងការដ្ឋាន", "ទីស្តីការ"))


def _word_starts(text: str, pos: int, soft: frozenset[int]) -> bool:
    """A word begins at ``pos``: after a space, punctuation, a zero-width space or a short word
    that glues to the next one (``ឲ្យ``, ``ជូន``...), not inside a word (``ពលរដ្ឋ``)."""
    if pos == 0 or pos in soft or not _KHMER_LETTER_OR_MARK(text[pos - 1]):
        return True
    return text[max(0, pos - 6):pos].endswith(_GLUE_BEFORE)


_NAMED_INSTITUTIONS = frozenset(fold(h) for h in ("មន្ទីរពេទ្យ", "មន្ទីពេទ្យ", "វិទ្យាល័យ"))


#: platforms: ``គេហទំព័រ ហ្វេសប៊ុក`` is the platform alone (the head word is generic there)
_PLATFORMS = frozenset(("Facebook", "YouTube", "Google", "Telegram", "Instagram", "TikTok", "Twitter",
                        "WhatsApp", "WeChat"))


def _media_name_end(text: str, pos: int, lex: Lexicon) -> int | None:
    """``គេហទំព័រ មាតុភូមិ``: a media head, a space and one short name word ending at a boundary."""
    if pos >= len(text) or text[pos] != " ":
        return None
    start = pos + 1
    known = _patterns().free_names.match(text, start)
    if known:
        org = lex.orgs.get(known.group().replace(" ", ""))
        if org is None or org.english in _PLATFORMS:
            return None  # ``គេហទំព័រ ហ្វេសប៊ុក``: the known name alone
        end = known.end()  # ``ទូរទស្សន៍ ហង្សមាស``: an outlet with its head word
    else:
        end = _open_place_end(text, start, lex.function_words, 5)
    if end <= start or _starts_generic(text, start, lex) or not (end >= len(text) or text[end] in " ,។៕៖:)"):
        return None
    return end


def _first_place_start(text: str, start: int, end: int, place_at: dict[int, _Cand]) -> int | None:
    for i in range(start, end):
        place = place_at.get(i)
        if place is not None and place.end <= end:
            return i
    return None


def _local_unit_end(text: str, start: int, end: int, soft: frozenset[int], lex: Lexicon) -> int | None:
    """The longest cut of ``text[start:end]`` (at its end or at a zero-width space) that ends with a
    commune or district name (``ប៉ុស្តិ៍នគរបាលរដ្ឋបាល·វត្តភ្នំ·សហការ`` -> ``...វត្តភ្នំ``)."""
    cuts = [end, *reversed(_soft_between(soft, start, end))]
    for cut in cuts:
        if _ends_with_local_unit(text, start, cut, lex):
            return cut
    return None


def _ends_with_local_unit(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True if ``text[start:end]`` ends with a commune or district name (``នគរបាលប៉ុស្តិ៍ស្រះចក``)."""
    for i in range(start, end - 1):
        if _at_cluster_start(text, i) and _CLUSTER_RE.match(text, i):
            places = lex.places.get(text[i:end].replace(" ", ""))
            if places and any(p.kind in ("commune", "district") for p in places) and \
                    _clusters_in(text[i:end]) >= 3:
                return True
    return False


_NOT_AFTER_AND = tuple(fold(w) for w in ("ប្រជាជន", "ពលរដ្ឋ", "ប្រជាពលរដ្ឋ", "មន្ត្រី", "សមាជិក", "ដៃគូ",
                                          "បុគ្គលិក", "អ្នក", "ក្រុមគ្រួសារ", "សហគមន៍", "វិស័យ", "ស្ថាប័ន"))


def _and_part_end(text: str, pos: int, stops: frozenset[str], max_clusters: int = 10,
                  place_at: dict[int, _Cand] | None = None) -> int | None:
    """``... និងសហប្រតិបត្តិការអន្តរជាតិ``: institution names join their domains with ``និង``. At a
    space followed by ``និង`` and one glued word (not another organization, not people), the end
    of that word when it ends at a space or punctuation; else None."""
    i = pos + 1
    if not text.startswith("និង", i):
        return None
    i += len("និង")
    if i < len(text) and text[i] == " ":
        i += 1
    if text.startswith(_HEAD_PREFIXES(), i) or text.startswith(_NOT_AFTER_AND, i):
        return None
    end = _open_place_end(text, i, stops, max_clusters)
    if _clusters_in(text[i:end]) < 2:
        return None
    if place_at:  # ``...និងបង្ក្រាបបទល្មើសព្រៃឈើខេត្តមណ្ឌលគិរី``: the province ends the name
        for j in range(i + 1, end + 1):
            place = place_at.get(j)
            if place is not None and text.startswith(_ADMIN_CUES, j):
                return place.end
    if end < len(text) and text[end] not in " ,។៕៖:;)(\n\"”»":
        return None
    return end


def _spaced_org_end(text: str, pos: int, place_at: dict[int, _Cand], stops: frozenset[str],
                    max_words: int = 5) -> int | None:
    """A name written in words separated by spaces that ends with its province or district
    (``មន្ទីរសាធារណការ និងដឹកជញ្ជូន ខេត្តក្រចេះ``): the end of that place, or None."""
    words = 0
    i = pos
    n = len(text)
    while words < max_words and i < n and text[i] == " ":
        i += 1
        words += 1
        first = True
        while i < n:
            place = place_at.get(i)
            if place is not None and text.startswith(_UPPER_ADMIN_CUES, i):
                return place.end
            match = _CLUSTER_RE.match(text, i)
            if not match:
                break
            if first and not text.startswith("និង", i) and (_stop_at(text, i, stops) is not None or
                                                           text.startswith(_HEAD_PREFIXES(), i)):
                return None
            first = False
            i = match.end()
    return None


def _is_generic(extension: str, lex: Lexicon) -> bool:
    """True if ``extension`` is made only of generic words (``ក្រៅរដ្ឋាភិបាល``, ``ពាក់ព័ន្ធ``...)."""
    rest = extension
    generic = _generic_re()
    while rest:
        match = generic.match(rest)  # the longest listed word at the start
        if match is None:
            return False
        rest = rest[match.end():].lstrip(" ៗ")
    return True


@functools.cache
def _generic_re() -> re.Pattern:
    return re.compile(trie_pattern(_sorted_generic(), space=" "))


@functools.cache
def _sorted_generic() -> tuple[str, ...]:
    return tuple(sorted(lexicon().generic_words, key=len, reverse=True))


def _starts_generic(text: str, pos: int, lex: Lexicon, always_only: bool = False) -> bool:
    """A place type word followed by a generic word (``ប្រទេសនានា``, ``ភូមិគំរូ``) names no place."""
    if always_only:
        if not text.startswith(_ALWAYS_GENERIC, pos):  # (one C call for the usual answer)
            return False
        words = _ALWAYS_GENERIC
    else:
        match = _generic_re().match(text, pos)
        if match is None:
            return False
        # the longest listed word, unless it ends inside a cluster (then the shorter ones)
        words = (match.group(),) if _at_cluster_end(text, match.end()) else _sorted_generic()
    for word in words:
        if text.startswith(word, pos) and _at_cluster_end(text, pos + len(word)):
            rest = pos + len(word)
            if rest >= len(text) or not _CLUSTER_RE.match(text, rest) or rest < len(text) and text[rest] == "ៗ":
                return True
            return _stop_at(text, rest, lex.function_words) is not None or word in _ALWAYS_GENERIC
    return False


_ALWAYS_GENERIC = tuple(fold(w) for w in ("សាស្ត្រ", "កំណើត", "ជិតខាង", "សមាជិក", "គំរូ"))


_CITY_STATES = frozenset(key(w) for w in ("ហុងកុង", "សិង្ហបុរី", "ម៉ាកាវ", "ម៉ាកាវ៉"))
_AIRPORT_RE = re.compile(fold("(?:ព្រលានយន្តហោះ|អាកាសយានដ្ឋាន)(?:អន្តរជាតិ)? ?"))
_PLANE = fold("យន្តហោះ")
_INTERNATIONAL = fold("អន្តរជាតិ")
_STADIUM_RE = re.compile("(?:ពហុ)?កីឡា?ដ្ឋាន(?:ជាតិ|អូឡាំពិក)? ?")  # (also ``កីឡាដ្ឋាន``: eighteenth pass)
#: words every match of the two patterns above holds (a cheap test before a scan of the text)
_AIRPORT_WORDS = tuple(fold(w) for w in ("ព្រលានយន្តហោះ", "អាកាសយានដ្ឋាន"))
_STADIUM_WORDS = ("កីឡដ្ឋាន", "កីឡាដ្ឋាន")


def _find_facilities(text: str, cands: list[_Cand], lex: Lexicon) -> None:
    """Airports and stadiums: ``ព្រលានយន្តហោះអន្តរជាតិភ្នំពេញ``, ``អាកាសយានដ្ឋាន Guarulhos`` (the
    Latin name alone), ``ពហុកីឡដ្ឋានជាតិមរតកតេជោ``, ``កីឡដ្ឋាន MetLife Stadium``."""
    kinds = ("city", "province", "region", "district", "commune")  # ``ព្រលានយន្តហោះប្រេស៊ីល``: a Brazilian
    # airport; (twentieth pass) a commune: ``អាកាសយានដ្ឋានកងកេង``
    if "ដ្ឋាន" not in text and _PLANE not in text:
        return
    for match in (_AIRPORT_RE.finditer(text) if any(w in text for w in _AIRPORT_WORDS) else ()):
        pos = match.end()
        if pos < len(text) and "A" <= text[pos] <= "Z":
            name = _LATIN_NAME_RE.match(text, pos)
            end = _trim_latin(text, pos, name.end())
            if end - pos >= 3:
                cands.append(_Cand("loc", pos, end, "loc.airport", None, priority=1))
            continue
        found = _lookup_place(text, pos, kinds, lex)
        if found is None:
            # (twentieth pass) a city-state (``អាកាសយានដ្ឋានហុងកុង``) names its airport, not its nationality
            state = _lookup_place(text, pos, ("country",), lex)
            if state is not None and key(text[pos:state[0]]) in _CITY_STATES:
                found = state
        if found is not None and _ends_at_boundary(text, found[0]):
            cands.append(_Cand("loc", match.start(), found[0], "loc.airport", None, priority=2))
        elif found is None and match.group().rstrip().endswith(_INTERNATIONAL) and pos < len(text) and \
                _stop_at(text, pos, lex.name_stops) is None:
            # (eighteenth pass) ``ព្រលានយន្តហោះអន្តរជាតិ ឆាងសួយ``: an unlisted name after "international"
            end = _open_place_end(text, pos, lex.name_stops, 6)
            if _clusters_in(text[pos:end]) >= 2 and _ends_at_boundary(text, end):
                cands.append(_Cand("loc", match.start(), end, "loc.airport", None, priority=1))
    for match in (_STADIUM_RE.finditer(text) if any(w in text for w in _STADIUM_WORDS) else ()):
        pos = match.end()
        if pos < len(text) and "A" <= text[pos] <= "Z":
            name = _LATIN_NAME_RE.match(text, pos)
            end = _trim_latin(text, pos, name.end())
            if end - pos >= 3 and " " in text[pos:end]:
                cands.append(_Cand("loc", pos, end, "loc.stadium", None, priority=1))
            continue
        head = text[match.start():match.end()].rstrip()
        if not head.startswith("ពហុ"):
            # (eighteenth pass) ``កីឡដ្ឋានខេត្តសៀមរាប``: a stadium named by the province it stands in
            place = next((c for c in cands if c.kind == "loc" and c.start == pos and
                          text.startswith(_ADMIN_CUES, pos)), None)
            if place is not None and pos == match.start() + len(head):
                cands.append(_Cand("loc", match.start(), place.end, "loc.stadium", None, priority=2))
            continue
        end = _open_place_end(text, match.end(), lex.function_words, 6) if match.end() == match.start() + len(head) \
            else match.end()
        if end > match.end() and _ends_at_boundary(text, end):
            cands.append(_Cand("loc", match.start(), end, "loc.stadium", None, priority=1))
        elif head.endswith("ជាតិ") and _ends_at_boundary(text, match.start() + len(head)):
            cands.append(_Cand("loc", match.start(), match.start() + len(head), "loc.stadium", None, priority=1))


_BORDER_CROSSING_RE = re.compile(fold("(?:ច្រកទ្វារ|ច្រកព្រំដែន)(អន្តរជាតិ)? ?"))
_BORDER_PLACE_KINDS = ("city", "province", "district", "commune", "village")


def _border_crossings(text: str, cands: list[_Cand], lex: Lexicon, soft: frozenset[int]) -> None:
    """Fifteenth pass: a border crossing is a place (the guidelines' landmarks), with its type word:
    ``ច្រកព្រំដែនអន្តរជាតិបាវិត`` (a listed place after the type word), ``ច្រកទ្វារអន្តរជាតិព្រំ`` (an
    unlisted name, only after ``អន្តរជាតិ``: ``ច្រកព្រំដែនមួយ`` is no name)."""
    for match in _BORDER_CROSSING_RE.finditer(text):
        pos = match.end()
        found = _lookup_place(text, pos, _BORDER_PLACE_KINDS, lex)
        if found is not None and _ends_at_name_boundary(text, found[0], soft):
            end = found[0]
        elif match.group(1) and pos == match.start() + len(match.group().rstrip(" ")):
            end = _open_place_end(text, pos, lex.function_words, 5)
            if end == pos or not _ends_at_name_boundary(text, end, soft) or \
                    _starts_generic(text, pos, lex) or text[pos:end] in lex.generic_words:
                continue
        else:
            continue
        cands.append(_Cand("loc", match.start(), end, "loc.border", None, priority=2))


#: kinds of area after ``តំបន់`` (rural, urban, suburbs): a description, not a region's name
_KINDS_OF_AREA = tuple(fold(w) for w in ("ជនបទ", "ទីប្រជុំជន", "ជាយក្រុង", "ទីក្រុង"))
_IN_WORD = fold("នៅ")


def _region_end(text: str, pos: int, free_place_ends: set[int], max_clusters: int = 10) -> int:
    """``តំបន់`` + glued words ending in a known place (``តំបន់ដីសណ្តទន្លេមេគង្គ``); ``pos`` if none."""
    i = pos
    best = pos
    for _ in range(max_clusters):
        match = _CLUSTER_RE.match(text, i)
        if not match:
            break
        i = match.end()
        if i in free_place_ends:
            best = i
    if best > pos and best < len(text) and _CLUSTER_RE.match(text, best):
        return pos
    return best
#: (fourteenth pass) a name in dotted capitals (``ក្រុមហ៊ុនS.K``), which _LATIN_NAME_RE cuts after the first
_INITIALS_RE = re.compile(r"[A-Z](?:\.[A-Z]){1,4}(?![A-Za-z])")
#: heads after which a country, then a Latin name, may be written (``ក្រុមហ៊ុនជប៉ុន Sony``)
_COUNTRY_LATIN_HEADS = frozenset(fold(h) for h in ("ក្រុមហ៊ុន", "ធនាគារ", "សាកលវិទ្យាល័យ", "អង្គការ", "ក្រុមចម្រៀង"))
_LATIN_START = frozenset(string.ascii_uppercase + " ")
_ACRONYM_AFTER_RE = re.compile(r" ?\( ?(?:[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9] ?\)|[ក-អ] ?[.\-])")


def _acronym_follows(text: str, end: int) -> bool:
    return bool(_ACRONYM_AFTER_RE.match(text, end))


def _trim_latin(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".-'":
        end -= 1
    return end


_MARK_CHARS = frozenset(map(chr, [*range(0x17b4, 0x17d4), 0x17dd]))  # (the characters of _MARKS)


def _khmer_acronym_matches(text: str) -> list[re.Match]:
    """``list(_KHMER_ACRONYM_RE.finditer(text))``, the pattern tried only where a match can start: at
    the letter before each dot or hyphen (its signs and a space between), not at every letter of the
    text. A match is kept when it starts after the previous one ends, as in ``finditer``."""
    starts = set()
    for mark in ".-":
        at = text.find(mark)
        while at >= 0:
            letter = at - 1
            if letter >= 0 and text[letter] == " ":
                letter -= 1
            while letter >= 0 and text[letter] in _MARK_CHARS:
                letter -= 1
            if letter >= 0 and "\u1780" <= text[letter] <= "\u17a2":
                starts.add(letter)
            at = text.find(mark, at + 1)
    return _matches_from(_KHMER_ACRONYM_RE, text, starts)


def _find_acronyms(text: str, cands: list[_Cand], latin: bool = True) -> None:
    spans = []
    for match in (_ACRONYM_RE.finditer(text) if latin else ()):
        if match.start() and text[match.start() - 1] in _NOT_BEFORE_ACRONYM:
            continue
        word = match.group()
        letters = [c for c in word if c.isalpha()]
        uppers = sum(c.isupper() for c in letters)
        if uppers < 2 or uppers * 2 < len(letters) or len(word) > 12 or word.upper() in _NOT_ACRONYMS or \
                (_MODEL_CODE_RE.fullmatch(word) and sum(c.isdigit() for c in word) >= 3) or \
                len(word) >= 8 and any(c.islower() for c in word) and any(c.isdigit() for c in word):
            # (the last: a video or post id, ``ExuwUV2Z1BA``; nineteenth pass)
            continue
        spans.append(match.span())
    # (half the texts hold no dot nor hyphen: two substring tests cost less than the hint's scan)
    if ("." in text or "-" in text) and _KHMER_ACRONYM_HINT_RE.search(text):
        spans.extend(match.span() for match in _khmer_acronym_matches(text))
    # join adjacent acronyms (``UCLG ASPAC``)
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and text[merged[-1][1]:s] == " " and text[s].isascii():
            merged[-1][1] = e
        else:
            merged.append([s, e])
    for s, e in merged:
        attrs = {}
        long_form = _long_form_before(text, s, cands)
        if long_form is None and _in_parentheses(text, s, e) and _names_a_thing(text, s, e):
            continue  # ``ប្រព័ន្ធទូទាត់រហ័ស (FAST System)``: the name of a thing, not an organization
        if text[max(0, s - 12):s].rstrip(" ").endswith(_BRAND_WORDS):
            continue  # ``ច្បាប់ GAFA``, ``ម៉ាក HYUNDAI``: a law, a brand of a product
        if _HOUSE_NUMBER_BEFORE_RE.search(text, max(0, s - 16), s):
            continue  # ``ផ្ទះលេខ៤៥៧ EA``: the letters of a house number (final21)
        if long_form is not None:
            attrs = {"acronym": text[s:e], "long_form": text[long_form.start:long_form.end]}
            long_form.attrs = {"acronym": text[s:e], "long_form": text[long_form.start:long_form.end]}
        cands.append(_Cand("org", s, e, "org.acronym", None, attrs=attrs, priority=3))


_HOUSE_NUMBER_BEFORE_RE = re.compile(f"{_NUMBER_WORD} ?[0-9០-៩]+ ?$")


def _in_parentheses(text: str, s: int, e: int) -> bool:
    before = text[max(0, s - 2):s].rstrip(" ")
    return before.endswith("(")


_THING_WORDS = tuple(fold(w) for w in ("ប្រព័ន្ធ", "កម្មវិធី", "គម្រោង", "ច្បាប់", "ផែនការ", "យ៉ាម៉ា", "ម៉ាក",
                                        "ថ្នាំ", "ម៉ូតូ", "រថយន្ត", "ឧបករណ៍", "បច្ចេកវិទ្យា", "ជំងឺ", "វីរុស",
                                        "ផ្កាយរណប", "យានអវកាស", "កែវយឹត"))  # (fifteenth pass: ``ផ្កាយរណប TESS``)


#: words right before an acronym that make it a product, a law or a tax (``ម៉ាក HYUNDAI``, ``ច្បាប់ GAFA``)
_BRAND_WORDS = _THING_WORDS + (fold("ពន្ធ"),)


def _names_a_thing(text: str, s: int, e: int, window: int = 40) -> bool:
    """A parenthesized acronym that glosses a system, a programme, a product... rather than a body:
    more Latin words inside the parentheses, or a thing word just before them."""
    close = text.find(")", e)
    if close >= 0 and text[e:close].strip(" "):
        return True
    start = max(0, s - window)
    stop = max(text.rfind("។", start, s), text.rfind(",", start, s))
    return any(text.find(word, max(start, stop + 1), s) >= 0 for word in _THING_WORDS)


def _long_form_before(text: str, s: int, cands: list[_Cand]) -> _Cand | None:
    """The organization written just before ``(ACRONYM)``, if any."""
    i = s - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] != "(":
        return None
    i -= 1
    while i >= 0 and text[i] == " ":
        i -= 1
    best = None
    for cand in cands:
        if cand.kind == "org" and cand.end == i + 1:
            if best is None or cand.end - cand.start > best.end - best.start:
                best = cand
    return best


#: the share button's words glued after a credit (``thmeynewsSharing is caring!``)
_SHARE_BUTTON = "Sharing"


def _find_sources(text: str, cands: list[_Cand], stops: frozenset[str]) -> None:
    """Credited sources: ``ប្រភព៖ VNA``, ``ប្រភព៖ Property Areas``, and a short Khmer name alone on the
    rest of its line (``ប្រភព : កោះសន្តិភាព``)."""
    for match in _matches_at(text, "ប្រភព", _SOURCE_RE):
        pos = match.end()
        name = _SOURCE_NAME_RE.match(text, pos)
        if name and name.end() > pos:
            # (fifteenth pass) a hyphen that joins the credit to the text after it stays outside
            # (``ប្រភព៖ Khmer Note-ថ្មីៗ…``)
            end = len(name.group().rstrip(".-")) + pos
            if text.endswith(_SHARE_BUTTON, pos, end) and end - pos > len(_SHARE_BUTTON):
                end -= len(_SHARE_BUTTON)  # (eighteenth pass) ``ប្រភព៖ thmeynewsSharing is caring!``
            cands.append(_Cand("org", pos, end, "org.source", None, priority=1))
            continue
        if not text[match.start():pos].rstrip().endswith(("៖", ":")):
            continue
        while pos < len(text) and text[pos] == " ":
            pos += 1
        run = _CLUSTER_RUN_RE.match(text, pos)
        if run is None or not 2 <= _clusters_in(run.group()) <= 8:
            continue
        rest = text[run.end():text.find("\n", run.end()) if "\n" in text[run.end():] else len(text)]
        if not rest.strip(" ។៕.") and _stop_at(text, pos, lexicon().function_words) is None:
            cands.append(_Cand("org", pos, run.end(), "org.source", None, priority=1))


# --- persons --------------------------------------------------------------------------------------

_ADDRESS_PAIR = fold("លោក លោកស្រី")


#: (nineteenth pass) words never the first word of a name after a title or ``ឈ្មោះ``: verbs of saying,
#: thinking and feeling that follow the pronoun ``លោក`` ("he"; as given names they stand second: ``សុខ
#: សង្ឃឹម``), adjectives of a name, and nouns after a form of address
_NOT_A_NAME_START_RE = re.compile("|".join(sorted((fold(w) for w in (
    "សង្ឃឹម", "ព្រួយបារម្ភ", "សង្កត់ធ្ងន់", "សន្និដ្ឋាន", "រីករាយ", "ត្រៀម", "ច្រានចោល", "ស្វែងយល់", "រមែង",
    "ជឿជាក់", "ចាត់ទុក", "ទទួលស្គាល់", "កោតសរសើរ", "លើកទឹកចិត្ត", "សោកស្តាយ", "ភ្ញាក់ផ្អើល", "ត្អូញត្អែរ",
    "សារភាព", "រៀបរាប់", "ស្នើសុំ", "ប្រទាន", "ស្វាគមន៍", "រក្សាទុក", "ក្តាប់", "តទៅ", "ពពរពោះ", "កំពូល",
    # adjectives after ``មានឈ្មោះ`` ("has a … name": ``លេចធ្លោ``, prominent; twentieth pass:
    # ``ឈ្មោះពិរោះ``, a nice name; ``ឈ្មោះផ្លូវការ``, the official name)
    "លេចធ្លោ", "ច្បាស់", "បោះសម្លេង", "បោះសំឡេង", "ល្អ", "ពិរោះ", "ផ្លូវការ",
    # and nouns after a form of address that name no one (``សម្តេចម៉ែ``, ``លោកតាលោកយាយចាស់ជរា``)
    "ម៉ែ", "ពុកម៉ែ", "ចាស់ជរា", "យាយ", "ពុក",
    # (twentieth pass) more verbs after the pronoun (``លោក​មមាញឹក``, busy; ``បណ្ឌិត​ផ្នែក``, a
    # doctor in the field of)
    "មមាញឹក", "ពេញចិត្ត", "គ្រោង", "រចនា", "សម្តែង", "សម្ដែង", "មេត្តា", "ជូនដល់", "ផ្នែក",
    "រំឭក", "រំលឹក", "បណ្តើរ", "ចោល", "ពិការ", "ណា", "ទ្រង់", "តុលាការ",
    "ញញឹម", "គំរាម", "ប្តេជ្ញា", "ណែនាំ", "គ្រប់គ្រង", "ចាត់ចែង", "ទទួលខុសត្រូវ", "រង់ចាំ", "ស្វែងរក",
    "ទស្សនា", "ធ្វើដំណើរ", "ចំណាយ", "សាងសង់", "បង្កើត", "អនុម័ត", "ចុះហត្ថលេខា", "សង្កេត", "កត់សម្គាល់",
    "ពិនិត្យ", "ចាប់ខ្លួន", "ដោះលែង", "កាត់ទោស", "វះកាត់", "សម្រាក", "បង្រៀន", "ហ្វឹកហាត់", "ប្រកួត",
    # and the roles of a costume or a contest (``ព្រះនាងនាគ``, the naga princess; ``កញ្ញាឯកចក្កវាឡ``)
    "នាគ", "ព្រាហ្មណ៍", "ចក្កវាឡ")),
    key=len, reverse=True)))


def _not_a_name_at(text: str, pos: int, stops: frozenset[str], soft: frozenset[int]) -> bool:
    """True if one of those verbs or nouns stands at ``pos`` as a whole word (``ម៉ែ`` but not ``ម៉ែន``)."""
    match = _NOT_A_NAME_START_RE.match(text, pos)
    if match is None:
        return False
    end = match.end()
    return _word_end_at(text, end, soft) or _stop_at(text, end, stops) is not None


def _find_persons(text: str, heads_at: list, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    pats = _patterns()
    persons: list[_Cand] = []
    for match in _trie_matches(pats.titles, text, _TITLES):  # (each starts with a title word)
        ts, te = match.span()
        if not _at_cluster_start(text, ts) or not _title_may_start(text, ts, match.group(), soft):
            continue
        if pats.blocked.match(text, ts):
            continue  # ``ប្រទេសលោកខាងលិច``, ``ពិភពលោក``: a word that begins like a title
        # the title regex is greedy over stacked titles; a title must end at a cluster boundary, and
        # what is left after backing off to one must still be titles (``ព្រះមហាក្សត្រ`` is not a title
        # inside ``ព្រះមហាក្សត្រី``: "queen", and ``រី`` no name)
        while te > ts and not _at_cluster_end(text, te):
            te -= 1
        if te <= ts or te < match.end() and pats.titles.fullmatch(text, ts, te) is None:
            continue
        if _ADDRESS_PAIR in text[ts:te]:
            continue  # (fifteenth pass) ``សូមលោក លោកស្រីមេត្តា…``: "ladies and gentlemen", no name follows
        if te < len(text) and text[te] != " " and te not in soft and \
                _last_title(text[ts:te]) in _PRONOUN_TITLES and not _glued_miss_before_name(text, ts, te):
            continue  # ``នាងប្រាកដជាដឹង``: the pronoun, not a title
        person = _name_after(text, te, stops, soft)
        if person is not None and _not_a_name_at(text, person[0], stops, soft):
            continue  # (nineteenth pass) ``លោក​សង្ឃឹមថា``: "he hopes that", the pronoun and a verb
        if person is not None and _unlikely_single_name(text, ts, te, person, soft):
            person = None
        if person is None:
            # ``លោកមេធាវី សំ ចំរើន``, ``លោកប្រធានាធិបតីអាមេរិក ដូណាល់ ត្រាំ``: an honorific, a role
            # (and a country), then the name: a person with no title (the role is not one)
            person = _name_after_role(text, te, stops, soft)
            if person is not None:
                persons.append(_Cand("person", person[0], person[1], "person.title_role", None, priority=2))
                continue
            person = _spaced_name_after(text, te, stops)
            if person is None:
                person = _function_word_surname(text, te, stops)  # (tenth pass)
            if person is not None and (_last_title(text[ts:te]) not in _WEAK_TITLES or
                                       _pair_again(text, person[0], person[1])):
                # (twenty-fourth pass) after a weak title (``កញ្ញា``: also the month) a pair of words
                # written again elsewhere is a name
                persons.append(_Cand("person", person[0], person[1], "person.title", None,
                                     title_span=(ts, te), priority=2))
            continue
        ns, ne = person
        if _kinship_address(text, ns, ne):
            continue
        ne = _name_end_before_role(text, ns, ne, stops)
        cands_title = (ts, te)
        persons.append(_Cand("person", ns, ne, "person.title", None, title_span=cands_title, priority=2))
    for s, e, what in heads_at:
        if what != "name":
            continue
        if text[s:e] == _FAMOUS_CUE and (not text.startswith(" ", e) or pats.titles.match(text, e + 1)):
            continue  # ``ល្បីឈ្មោះតាមរយៈ…`` (famous through), ``ល្បីឈ្មោះកញ្ញា X`` (the title rule's)
        if _named_thing_before(text, s):
            # (nineteenth pass) ``ឧបករណ៍…ឈ្មោះ Reon Pocket``, ``នាវា…ឈ្មោះ``: a thing's name (but
            # ``ប្រធានរដ្ឋបាលក្រុមហ៊ុនទ្រីភាពឈ្មោះ សារុំ``: a person of the company)
            continue
        said = text.startswith(_THA, e) and text[s:e] in _FULL_NAME_CUES
        if said:
            e += len(_THA)  # (twentieth pass) ``ឈ្មោះពេញថា``: "whose full name is"
        person = _name_after(text, e, stops, soft)
        if person is None:
            person = _function_word_surname(text, e, stops)  # (tenth pass)
        if person is not None and (text.startswith(_NAMED_THINGS, person[0]) or
                                   _not_a_name_at(text, person[0], stops, soft)):
            continue  # (nineteenth pass) ``ប្ដូរឈ្មោះនាវានេះ``: "renamed the ship"; ``ឈ្មោះលេចធ្លោ``
        if person is not None and (said or text[s:e].endswith("ថា")) and \
                (" " not in text[person[0]:person[1]] or text[person[0]].isascii()) and \
                not _age_or_people_after(text, person[1]) and not _person_noun_before(text, s):
            continue  # ``ឈ្មោះថា`` also names things: only a two-word Khmer name there, or a name
            # with an age, a sex or a people after it (``ឈ្មោះថា Mabel Goo អាយុ ២៤ឆ្នាំ``)
        if person is not None:
            end = _third_name_word_end(text, person[0], person[1], stops)
            persons.append(_Cand("person", person[0], end or person[1], "person.cue", None, priority=2))
    for match in _matches_of(text, _BYLINE_WORDS, _BYLINE_RE):
        if match.group() in ("ដោយ", "ដោយ "):
            continue
        at = match.end()
        title = pats.titles.match(text, at)
        if title is not None and _at_cluster_end(text, title.end()) and \
                _KHMER_LETTER_OR_MARK(text[title.end():title.end() + 1]):
            at = title.end()  # (fifteenth pass) ``ដោយ៖ កញ្ញាដាលីស``: the writer's title, then the name
        else:
            title = None
        person = _name_after(text, at, stops, soft)
        if person is None:
            continue
        # (fifteenth pass) the desk words are looked for in the credit only, up to a ``/`` that
        # starts a dateline (``ដោយ៖ រ៉ូហ្សា / ភ្នំពេញ៖ …``), not in the story that follows
        line_end = text.find("\n", person[1]) % (len(text) + 1)
        slash = text.find("/", person[1], line_end)
        if not _names_a_desk(text[person[0]:slash if slash >= 0 else line_end]):
            persons.append(_Cand("person", person[0], person[1], "person.byline", None,
                                 title_span=None if title is None else title.span(), priority=1))
    if "By " in text:
        persons.extend(_latin_bylines(text))
    return persons


#: (fifteenth pass) a Latin-script by-line near the end of a Khmer article: ``By kosal``,
#: ``By Sok Chea`` (a lower-case user name too: the credit is what marks it)
_LATIN_BYLINE_RE = re.compile(r"(?<![A-Za-z])By ([A-Za-z][a-z]{2,14}(?: [A-Z][a-z]{1,14}){0,2})(?![A-Za-z0-9])")


def _latin_bylines(text: str) -> list:
    tail = max(0, len(text) - 400)
    found = []
    for match in _LATIN_BYLINE_RE.finditer(text, tail):
        if _KHMER_RUN_RE.search(text, max(0, match.start() - 80), match.start()) is None:
            continue  # an English sentence, not a credit in a Khmer article
        found.append(_Cand("person", match.start(1), match.end(1), "person.byline", None, priority=1))
    return found


def _name_end_before_role(text: str, start: int, end: int, stops: frozenset[str]) -> int:
    """Fifteenth pass: where a role noun follows, the name after a title runs to it. A second word
    cut at a glued function word is whole when the word is followed by a space and a role
    (``លោកវរសេនីយ៍ឯក ជឹម ស៊ីថា អធិការ…``), and a third spaced word of a foreign name is taken when a
    role follows it (``លោកជំទាវ អ៊ីណេ ម៉ារី អេរិកសិន រដ្ឋមន្ត្រីការបរទេស``)."""
    name = text[start:end]
    if name.count(" ") != 1 or name[0].isascii() or end >= len(text):
        return end
    if text[end] != " ":
        if _KHMER_LETTER_OR_MARK(text[end]):
            whole = _second_word_before_role(text, start + name.index(" ") + 1)
            if whole is not None and whole > end:
                return whole
        return end
    word = _WORD_RUN_RE.match(text, end + 1)
    if word is None or not 2 <= _clusters_in(word.group()) <= 6 or _stop_at(text, end + 1, stops) is not None or \
            key(word.group()) in lexicon().places:
        return end
    third = _second_word_before_role(text, end + 1)
    if third is None or _patterns().known_people.fullmatch(text, start + name.index(" ") + 1, third):
        return end  # (``សម្តេចព្រះ បរមនាថ នរោត្តម សីហមុនី``: a title word, then a listed name)
    return third


def _third_name_word_end(text: str, start: int, end: int, stops: frozenset[str]) -> int | None:
    """Eighth pass: after ``ឈ្មោះ`` a two-word Khmer name takes a third spaced word when that
    word is not a listed word (function word, role, title, place) and a function word or
    punctuation follows it (``ឈ្មោះ អៃស៍ ព្រីឆៃយ៉ា ផុងថាណានិកន ដែលជា…``): what follows ``ឈ្មោះ`` is
    a name, and foreign names are often written in three words. None when it does not apply."""
    name = text[start:end]
    if name.count(" ") != 1 or name[0].isascii() or not text.startswith(" ", end):
        return None
    word = _WORD_RUN_RE.match(text, end + 1)
    if word is None or not 2 <= _clusters_in(word.group()) <= 7 or _stop_at(text, end + 1, stops) is not None or \
            _patterns().titles.match(text, end + 1) or key(word.group()) in lexicon().places or \
            word.group() in _NOT_SECOND_NAMES:
        return None
    after = word.end()
    if after >= len(text) or text[after] in ",.។៕៖:;!?()\n\"'”»":
        return after
    if text[after] == " " and _stop_at(text, after + 1, lexicon().function_words) is not None:
        return after
    return None


_LOK = fold("លោក")
#: a Facebook account named in quotes after ``ឈ្មោះ`` (``ហ្វេសប៊ុកមួយមានឈ្មោះថា “Sin Sophea”``)
#: ``ឈ្មោះ`` (or ``ឈ្មោះថា``) then an opening quote, a few words after an account word
_NAMED_IN_QUOTES = f"[^\n]{{0,25}}?{fold('ឈ្មោះ')}(?:{fold('ថា')})? ?[“«\"]"
_NAMED_ACCOUNT_RE = re.compile(f"(?:{fold('ហ្វេសប៊ុក')}|{fold('គណនី')}|{fold('ខោន')}|{fold('ផេក')})"
                               + _NAMED_IN_QUOTES + r"([A-Za-z]{2,12}(?: [A-Za-z]{2,12}){1,2})[”»\"]")
#: (a page, ``ផេក``, named by two Khmer words is mostly a place's or a group's: left out)
_NAMED_KHMER_ACCOUNT_RE = re.compile(f"(?:{fold('ហ្វេសប៊ុក')}|{fold('គណនី')}|{fold('ខោន')})" + _NAMED_IN_QUOTES +
                                     f" ?([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]* "
                                     f"[{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*) ?[”»\"]")


def _find_named_accounts(text: str) -> list:
    """Eighth pass: a personal name in Latin script quoted after a Facebook account and ``ឈ្មោះ``
    (``គណនីហ្វេសប៊ុកឈ្មោះ «sin sophea»``) is a person (the fourth-pass convention: an account named
    by a personal name is a person). Not when a word of it names a thing or an outlet."""
    found = []
    for match in _NAMED_ACCOUNT_RE.finditer(text):
        words = match.group(1).split()
        if any(w.capitalize() in _SOURCE_MEDIA_WORDS or w.capitalize() in _NOT_NAME_WORDS for w in words) or \
                not (all(w[0].isupper() for w in words) or match.group(1).islower()):
            continue
        found.append(_Cand("person", match.start(1), match.end(1), "person.account", None, priority=1))
    stops = lexicon().name_stops
    for match in _NAMED_KHMER_ACCOUNT_RE.finditer(text):
        # (nineteenth pass) the same with a two-word Khmer name: ``គណនីហ្វេសប៊ុកឈ្មោះ «លីយ៉ត លីតា»``
        if _spaced_pair_end(text, match.start(1), stops, 6) == match.end(1):
            found.append(_Cand("person", match.start(1), match.end(1), "person.account", None, priority=1))
    return found
#: people nouns written before two coordinated names (``យុវជន គង់ រ៉ៃយ៉ា និង សួង នាគព័ន្ធ``)
_PEOPLE_BEFORE_PAIR = tuple(fold(w) for w in (
    "យុវជន", "យុវតី", "សកម្មជន", "ជនសង្ស័យ", "ជនរងគ្រោះ", "បុរស", "ស្ត្រី", "ប្តីប្រពន្ធ", "ប្ដីប្រពន្ធ",
    "កុមារ", "សិស្ស", "និស្សិត", "កសិករ", "កម្មករ", "ពលរដ្ឋ", "អ្នកភូមិ", "ឈ្មោះ", "ជនជាប់ចោទ", "ទណ្ឌិត",
    "អ្នកសារព័ត៌មាន", "មន្ត្រី", "ប្អូនប្រុស", "ប្អូនស្រី", "បងប្រុស", "បងស្រី", "កូនប្រុស", "កូនស្រី"))
_PAIR_NOT_PLACES = frozenset(("province", "country", "city", "region", "state", "area"))
_PAIR_WORDS_RE = re.compile(f"([{_KHMER_LETTER}{_MARKS}]+) ([{_KHMER_LETTER}{_MARKS}]+)")


def _find_people_pairs(text: str, stops: frozenset[str]) -> list:
    """Eighth pass: two two-word names joined by ``និង`` right after a word for people
    (``យុវជន គង់ រ៉ៃយ៉ា និង សួង នាគព័ន្ធ``): both are persons. Each word is short (one to four
    clusters) and no word is listed (function word, role, title, place, organization)."""
    lex = lexicon()
    found = []
    at = text.find(" និង ")
    while at >= 0:
        left = text[max(0, at - 60):at]
        words = left.rsplit(" ", 3)
        right = _PAIR_WORDS_RE.match(text, at + 5)
        if len(words) >= 3 and right is not None and words[-3].endswith(_PEOPLE_BEFORE_PAIR):
            w1, w2 = words[-2], words[-1]
            w3, w4 = right.group(1), right.group(2)
            end = right.end()
            ok = end >= len(text) or text[end] in " ,.។៕!?)\n\"'”»"
            for w, pos in ((w1, at - len(w2) - 1 - len(w1)), (w2, at - len(w2)), (w3, at + 5),
                           (w4, right.start(2))):
                if not ok:
                    break
                # (a surname may also be a word, ``គង់``: only grammar words and roles are refused)
                ok = _WORD_RUN_RE.fullmatch(w) is not None and 1 <= _clusters_in(w) <= 4 and \
                    w not in _NOT_SECOND_NAMES and w not in _role_words() and \
                    not any(p.kind in _PAIR_NOT_PLACES for p in lex.places.get(key(w), ())) and \
                    key(w) not in lex.orgs and not _patterns().titles.match(text, pos) and \
                    (_stop_at(text, pos, stops) is None or w in lex.function_words)
            if ok:
                first = at - len(w2) - 1 - len(w1)
                found.append(_Cand("person", first, at, "person.pair", None, priority=1))
                found.append(_Cand("person", at + 5, end, "person.pair", None, priority=1))
        at = text.find(" និង ", at + 5)
    return found
#: titles that are also ``she``/``a doctor``: a one-word Khmer name after them is mostly a word
_SINGLE_NAME_DOUBTFUL = frozenset(fold(t) for t in ("នាង", "គ្រូពេទ្យ"))


#: kinship words a speech addresses its audience with, one after another (``អ៊ុំ ពូ មីង បងប្អូន``)
_KINSHIP_ADDRESS = ("អ៊ុំ", "ពូ", "មីង", "មា", "បងប្អូន", "បង", "ប្អូន", "ក្មួយ")


def _kinship_address(text: str, ns: int, ne: int) -> bool:
    """(Session 17) ``លោកតា លោកយាយ អ៊ុំ ពូ មីង បងប្អូន…``, "grandfathers, grandmothers, uncles, aunts,
    brothers and sisters": the forms of address that open a speech, not a name after the titles.
    The "name" is kinship words only, or one of them with another right after it."""
    words = text[ns:ne].split()
    if len(words) > 1 and all(w in _KINSHIP_ADDRESS or w in _KINSHIP_PAIRS for w in words):
        return True
    if len(words) != 1 or words[0] not in _KINSHIP_ADDRESS:
        return False
    at = ne + (text[ne:ne + 1] == " ")
    after = text[at:text.find(" ", at) % (len(text) + 1)]
    return after in _KINSHIP_ADDRESS or after.startswith(_KINSHIP_PAIRS_LONG)


_KINSHIP_PAIRS = frozenset(a + b for a in _KINSHIP_ADDRESS for b in _KINSHIP_ADDRESS if a != b)
#: pairs long enough not to begin an ordinary word (``មាន`` begins like ``មា``), read glued to what follows
_KINSHIP_PAIRS_LONG = tuple(sorted(p for p in _KINSHIP_PAIRS if len(p) >= 5))


def _unlikely_single_name(text: str, ts: int, te: int, person: tuple[int, int], soft: frozenset[int]) -> bool:
    """A one-word Khmer "name" glued to the title before it and to the word after it
    (``លោកមើលទៅ``, ``លោកប្រឹងប្រែងដោយ``) is a verb after the pronoun ``លោក``, not a name."""
    ns, ne = person
    name = text[ns:ne]
    if " " in name or name[:1].isascii():
        return False
    if _last_title(text[ts:te]) in _SINGLE_NAME_DOUBTFUL:
        return True
    if _kinship_address(text, ns, ne):
        return True
    glued_before = ns == te and te not in soft
    if glued_before and _last_title(text[ts:te]) == _LOK and ts > 0 and ts not in soft and \
            "\u1780" <= text[ts - 1] <= "\u17d2" and (ne >= len(text) or text[ne] in "។៕,!?\n" or
                                                       (text[ne] == " " and (ne + 1 >= len(text) or
                                                        not "\u1780" <= text[ne + 1] <= "\u17b3" or
                                                        _stop_at(text, ne + 1, lexicon().name_stops)))) and \
            not text.startswith(_LOK, ts - len(_LOK) - 2 if ts >= len(_LOK) + 2 else 0):
        # (eighth pass) ``រង់ចាំលោកដោះស្រាយ ក្នុង…``, ``ព្រមទាំងលោកហៈ ។``: ``លោក`` glued to the word
        # before it and to one word after it, then the clause ends: the pronoun and a verb
        return True
    glued_after = ne < len(text) and ne not in soft and _CLUSTER_RE.match(text, ne) is not None
    if glued_after and (_person_role_re().match(text, ne) or text.startswith("ទី", ne) or
                        _stop_at(text, ne, lexicon().name_stops) in _role_words()):
        return False  # ``លោកគឹមធាសមាជិក...``, ``ព្រះបាទជ័យវរ្ម័នទី៧``: a role or a regnal number follows
    return glued_before and glued_after


_TITLE_BLOCK_BEFORE = ("ពិភព", "សកល", "មនុស្ស", "ទេវ", "ឋាន", "ព្រហ្ម", "ខែ", "ត្រៃ", "បរ", "ពួក")
#: titles that are also parts of ordinary words or names (``ស្រីនាង``): they need a word boundary
_WEAK_TITLES = frozenset(fold(t) for t in ("នាង", "កញ្ញា", "បណ្ឌិត", "ជំទាវ", "ព្រះមហា", "ព្រះអង្គ",
                                           "សាស្ត្រាចារ្យ", "វេជ្ជបណ្ឌិត", "គ្រូពេទ្យ", "នាយទាហាន",
                                           "ពលទាហាន", "ពលឯក", "ពលទោ"))
#: titles that are also common nouns or pronouns (``នាង`` she, ``នាយទាហាន`` officer): a name after
#: them must be written apart (a space or zero-width space), never glued
_PRONOUN_TITLES = frozenset(fold(t) for t in ("នាង", "នាយទាហាន", "ពលទាហាន", "ព្រះអង្គ", "គ្រូពេទ្យ", "កញ្ញា"))
_WEAK_TITLE_PREFIXES = tuple(_WEAK_TITLES)
_GLUE_BEFORE = tuple(fold(w) for w in ("ដោយ", "និង", "របស់", "ពី", "ជាមួយ", "ចំពោះ", "ឲ្យ", "ឱ្យ", "ថា",
                                        "ដល់", "ជូន", "ហើយ", "ក្រោម", "ទៅ", "មក", "នៃ", "ដែល", "គឺ",
                                        "ចំណែក", "រូប", "នាម", "តាម", "ព្រោះ", "ពេល", "ខណៈ", "នេះ"))


def _title_may_start(text: str, ts: int, title: str, soft: frozenset[int]) -> bool:
    before = text[max(0, ts - 6):ts]
    if before.endswith(_TITLE_BLOCK_BEFORE):
        return False
    if ts > 0 and "\u1780" <= text[ts - 1] <= "\u17dd" and ts not in soft and \
            title.startswith(_WEAK_TITLE_PREFIXES) and _first_title(title) in _WEAK_TITLES:
        if before.endswith(_GLUE_BEFORE):
            return True
        # (tenth pass) ``…២០ម៉ឺនរៀលកញ្ញា Eii Ling``: a Latin-script name after it (not the month ``ខែកញ្ញា``)
        return not before.endswith(_MONTH_WORD) and _LATIN_AFTER_TITLE_RE.match(text, ts + len(title)) is not None
    return True


_MONTH_WORD = fold("ខែ")
_MISS = fold("កញ្ញា")


def _glued_miss_before_name(text: str, ts: int, te: int) -> bool:
    """(twenty-third pass) ``តារាសម្តែងស្រី កញ្ញាដួង ម៉ានិច``: ``កញ្ញា`` (Miss) glued to a listed family
    name that a second word follows, written apart, is the title of that name (the month is written
    ``ខែកញ្ញា`` or after a day number, and no family name follows it)."""
    return text[ts:te] == _MISS and _khmer_surnames()[2].match(text, te) is not None

_LATIN_AFTER_TITLE_RE = re.compile(r" ?[A-Z][a-z]+ [A-Z][a-z]+")


@functools.lru_cache(maxsize=4096)
def _last_title(title: str) -> str:
    return next((t for t in lexicon().titles if title.endswith(t)), title)


@functools.lru_cache(maxsize=4096)
def _first_title(title: str) -> str:
    return next((t for t in lexicon().titles if title.startswith(t)), title)


def _name_after(text: str, pos: int, stops: frozenset[str],
                soft: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """The span of a personal name starting at or just after ``pos`` (after a title), or None."""
    n = len(text)
    if pos < n and text[pos] == " ":
        pos += 1
    if pos >= n:
        return None
    ch = text[pos]
    if "A" <= ch <= "Z":
        match = _LATIN_NAME_RE.match(text, pos)
        end = match.end()
        while end > pos and text[end - 1] in ".-'":
            end -= 1
        if end < n and text[end].isascii() and text[end].isdigit() and " " not in text[pos:end]:
            # (nineteenth pass) ``លោក K01``: the user name a person goes by on Facebook is that person
            # (the label files agree); letters and digits run together
            handle = _HANDLE_RE.match(text, pos)
            return (pos, handle.end()) if handle is not None else None
        if end - pos < 2 or (end < n and (text[end].isdigit() or text[end] == "_")):
            return None
        if any(word in _ORG_WORDS for word in text[pos:end].split()):
            return None  # ``ឈ្មោះ Premier League``
        return pos, end
    if not ("\u1780" <= ch <= "\u17b3"):
        return None
    first = _name_word(text, pos, stops, first=True, soft=soft)
    if first is None:
        return None
    end, cut = first
    if cut:  # glued to what follows
        return pos, _with_glued_tha(text, end)
    # a second word after one space (surname + given name)
    if end + 1 < n and text[end] == " " and "\u1780" <= text[end + 1] <= "\u17b3":
        # a long given name as one word only after a short surname written apart (``ឆាយ ច័ន្ទរិទ្ធីសូលីដា``)
        long_ok = _clusters_in(text[pos:end]) <= 3 and pos > 0 and text[pos - 1] == " "
        second = _name_word(text, end + 1, stops, first=False, soft=soft, long_ok=long_ok)
        if second is not None:
            if text.startswith(_AL, end + 1) and second[0] == end + 1 + len(_AL) and \
                    text.startswith(" ", second[0]):
                third = _name_word(text, second[0] + 1, stops, first=False, soft=soft)
                if third is not None:  # ``បាស្ហា អាល់ អាសាដ``: the Arabic article and the name after it
                    return pos, third[0]
            return pos, _with_glued_tha(text, second[0])
        confirmed = _second_word_before_role(text, end + 1)
        if confirmed is not None:
            return pos, confirmed
        stop = _stop_at(text, end + 1, stops)
        if stop is not None and _clusters_in(stop) <= 2 and _sex_or_age_after(text, end + 1 + len(stop)):
            # (twentieth pass) ``ឈ្មោះ អ៊ិត ថា អាយុ៤០ឆ្នាំ``: a given name that is also a function word
            # ("that"), confirmed by the age or the sex after it
            return pos, end + 1 + len(stop)
    return pos, end


_THA = fold("ថា")


def _with_glued_tha(text: str, end: int) -> int:
    """(twentieth pass) ``អ្នកមីង ប៊ុនថា អាយុ៦៧ឆ្នាំ``: ``ថា`` ("that") glued to a name and followed by
    an age or a sex is the name's last syllable (``ប៊ុនថា``), not the start of a quote."""
    if text.startswith(_THA, end) and _sex_or_age_after(text, end + len(_THA)):
        return end + len(_THA)
    return end


def _function_word_surname(text: str, pos: int, stops: frozenset[str]) -> tuple[int, int] | None:
    """Tenth pass: a surname that is also a function word (``លោក ទៀត សុថា ចៅក្រម…``,
    ``លោកជំទាវ បាន ស្រីមុំ ប្រធានសហភាព…``), written as a whole word between spaces after the title,
    then a second word with a role noun right after it (the apposition that confirms a name)."""
    if not text.startswith(" ", pos):
        return None
    first = _stop_at(text, pos + 1, stops)
    if first is None or _clusters_in(first) > 2 or not text.startswith(" ", pos + 1 + len(first)):
        return None
    second = pos + 2 + len(first)
    whole = _WORD_RUN_RE.match(text, second)
    if whole is None or _stop_at(text, second, stops) == whole.group() or _patterns().titles.match(text, second):
        return None  # (a second word that only begins like a function word is fine: ``ជួប មករា``)
    end = _second_word_before_role(text, second)
    if end is None:  # ``ជនសង្ស័យឈ្មោះ នៅ វណ្ណៈ ភេទប្រុស អាយុ១៨ឆ្នាំ``: a sex or an age confirms it too
        word = _WORD_RUN_RE.match(text, second)
        if word is not None and 1 <= _clusters_in(word.group()) <= 5 and word.group() not in _NOT_SECOND_NAMES \
                and _sex_or_age_after(text, word.end()):
            end = word.end()
        elif word is not None and 2 <= _clusters_in(word.group()) <= 5 and word.group() not in _NOT_SECOND_NAMES \
                and _pair_again(text, pos + 1, word.end()):
            end = word.end()  # (twenty-fourth pass) ``កញ្ញា បាន មុន្នីល័ក្ខ`` … ``បាន មុន្នីល័ក្ខ បាន…``
    return (pos + 1, end) if end is not None else None


def _pair_again(text: str, start: int, end: int) -> bool:
    """True if the two words at ``start:end`` stand again elsewhere in the text, as whole words: a
    function word and a word seldom meet twice so, a family name and a given name do."""
    pair = text[start:end]
    at = text.find(pair)
    while at >= 0:
        after = at + len(pair)
        if at != start and (at == 0 or not _KHMER_LETTER_OR_MARK(text[at - 1])) and \
                (after >= len(text) or not _KHMER_LETTER_OR_MARK(text[after])):
            return True
        at = text.find(pair, at + 1)
    return False


_SEX_OR_AGE = tuple(fold(w) for w in ("ភេទ", "អាយុ"))


def _sex_or_age_after(text: str, end: int) -> bool:
    """A space, then the sex or the age of the person named just before ``end``."""
    return text.startswith(" ", end) and text.startswith(_SEX_OR_AGE, end + 1)

_FULL_NAME_CUES = frozenset(fold(w) for w in ("ឈ្មោះពេញ", "ឈ្មោះពិត"))
_AGE_OR_PEOPLE = _SEX_OR_AGE + tuple(fold(w) for w in ("ជាជនជាតិ", "ជនជាតិ"))


def _age_or_people_after(text: str, end: int) -> bool:
    """A sex, an age or a people right after a name (one space or none between): a person's."""
    if text.startswith(" ", end):
        end += 1
    return text.startswith(_AGE_OR_PEOPLE, end)


def _second_word_before_role(text: str, pos: int) -> int | None:
    """Eighth pass: the second word of a name that begins like a function word or a verb
    (``លោក ងី មានហេង ប្រធានមន្ទីរ…``, ``លោកបណ្ឌិត ម៉ិញ បានកុសល ប្រធានសមាគម``, ``លោក ហេង សួរ
    រដ្ឋលេខាធិការ…``). The word rules cut such a word, but a whole word written between spaces
    with a role noun right after it is the rest of the name: the role is the apposition that
    follows a name in news text. Returns the end of the word, or None."""
    word = _WORD_RUN_RE.match(text, pos)
    if word is None:
        return None
    w = word.group()
    end = word.end()
    if end + 1 >= len(text) or text[end] != " " or w in _NOT_SECOND_NAMES or \
            not 1 <= _clusters_in(w) <= 5 or w in _role_words() or _patterns().titles.match(text, pos):
        return None
    if text.startswith(_ALIAS_OPENERS, end + 1):
        return end  # (nineteenth pass) ``លោកស្រី ជាវ ច័ន្ទថាវី (ហៅមុំ)``: a nickname follows a whole name
    role = _person_role_re().match(text, end + 1)
    if role is None or not _at_cluster_end(text, role.end()):
        return None
    return end


_ALIAS_OPENERS = ("(ហៅ", "( ហៅ")
_ROYAL_WORD = fold("ព្រះរាជ")


def _name_end_at_role(text: str, pos: int, first: bool) -> tuple[int, bool] | None:
    """The end of a name that a glued role noun cuts within four clusters of ``pos``, or None."""
    if not first or _ROYAL_WORD in text[max(0, pos - 30):pos]:
        return None  # (``សព្វព្រះរាជហឫទ័យស្ដេច…``: a verb of the royal register, not a name)
    i = pos
    for _ in range(4):
        role = _person_role_re().match(text, i)
        if role is not None and _at_cluster_end(text, role.end()):
            return i, True
        match = _CLUSTER_RE.match(text, i)
        if match is None:
            return None
        i = match.end()
    return None


def _name_word(text: str, pos: int, stops: frozenset[str], *, first: bool,
               soft: frozenset[int] = frozenset(), long_ok: bool = False) -> tuple[int, bool] | None:
    """One word of a name from ``pos``: (end, glued) where glued says more text follows unspaced.

    The word ends at a space or anything not Khmer, or where a stop word starts (role nouns,
    function words): ``ផារ័ត្នអភិបាលរង`` gives ``ផារ័ត្ន``. Six clusters with no stop is a phrase.
    """
    if _stop_at(text, pos, stops) is not None:
        if first and _surname_stop(text, pos, stops):
            return pos + len(_stop_at(text, pos, stops)), False
        if first:
            glued = _glued_surname_end(text, pos, stops)
            if glued is not None:
                return glued, False
        return None
    i = pos
    count = 0
    while True:
        match = _CLUSTER_RE.match(text, i)
        if not match:
            if count and text.startswith("-", i) and "\u1780" <= text[i + 1:i + 2] <= "\u17b3":
                # (nineteenth pass) an Arabic name joined by hyphens: ``អូមារ-អាល់-បាសៀរ``, ``ម៉ូហា-ម៉ាដ``
                i += 1
                count = 1
                continue
            return (i, False) if count else None
        if count >= 1:
            stop = _stop_at(text, i, stops)
            if stop is not None and (count >= 2 or _clusters_in(stop) >= 2 or i in soft):
                return i, True
        if count == 6:
            if not long_ok:
                # (nineteenth pass) a long name glued to the role after it (``លោកឌីរ័ត្នខេមរុណអភិបាលរង``):
                # a role noun starts within four more clusters
                return _name_end_at_role(text, i, first)
            # a long given name written as one word (``ច័ន្ទរិទ្ធីសូលីដា``): up to ten clusters when
            # it ends at a space, punctuation or a zero-width space with no stop word inside
            end = _long_word_end(text, i, stops, soft, 4)
            return (end, False) if end is not None else None
        i = match.end()
        count += 1


def _long_word_end(text: str, pos: int, stops: frozenset[str], soft: frozenset[int], more: int) -> int | None:
    """The end of a word that runs on from ``pos`` for at most ``more`` clusters with no stop word
    and ends at a boundary; None otherwise."""
    for _ in range(more + 1):
        if pos >= len(text) or pos in soft or not _CLUSTER_RE.match(text, pos):
            return pos
        if _stop_at(text, pos, stops) is not None:
            return None
        pos = _CLUSTER_RE.match(text, pos).end()
    return None


#: words written alone between spaces that are never the first word of a name after a title
_NOT_SURNAMES = frozenset(fold(w) for w in (
    "និង", "ដែល", "ក៏", "បាន", "នៅ", "ថា", "គឺ", "មិន", "នឹង", "ត្រូវ", "ទាំង", "ហើយ", "នេះ", "នោះ", "ពី",
    "ដោយ", "ដល់", "ក្នុង", "លើ", "ជាមួយ", "ព្រោះ", "តែ", "ក៏បាន", "ឬ", "ផង", "ទៀត", "វិញ", "ទេ", "ឡើយ",
    "មក", "ទៅ", "ពេល", "ខណៈ", "បើ", "ដូច", "ក្រោយ", "មុន", "ចំពោះ", "របស់", "គ្រប់", "ខ្លួន", "ថ្មី",
    "នាំគ្នា", "សូម", "ពន្យល់", "រំពឹង", "ប្រហែល", "កាលពី", "អស់", "នូវ", "ក៏ដូចជា", "ពិតជា", "តែងតែ",
))
_AL = fold("អាល់")
#: whole words that are never the second word of a name, even right before a role noun (eighth
#: pass), nor the first word of a domain after ``និង``
_NOT_SECOND_NAMES = _NOT_SURNAMES | frozenset(fold(w) for w in (
    "ជា", "មាន", "គឺជា", "ដែលជា", "ក្លាយជា", "ធ្វើជា", "ហៅ", "ឈ្មោះ", "អតីត", "ស្តីទី", "ស្ដីទី", "ជាង",
    "មកពី", "នាយ", "អ្នក", "ក្រុម", "គណៈ", "សហ", "រង", "ទី", "ប្រចាំ"))
_WORD_RUN_RE = re.compile(f"[{_KHMER_LETTER}{_MARKS}\u200c\u200d]+")


def _spaced_name_after(text: str, pos: int, stops: frozenset[str]) -> tuple[int, int] | None:
    """After a title and a space: two short words each written between spaces (``លោក ហាក់ ម៉ុងហួត``,
    ``លោក ទី ប៊ុនឡង់``), the first of which the word rules took for a function word. Spaces mark
    words in Khmer news, so two short spaced words right after a title are a surname and a name."""
    if pos >= len(text) or text[pos] != " ":
        return None
    first = _WORD_RUN_RE.match(text, pos + 1)
    if first is None or not 1 <= _clusters_in(first.group()) <= 3 or first.group() in _NOT_SURNAMES:
        return None
    end1 = first.end()
    if end1 >= len(text) - 1 or text[end1] != " ":
        return None
    second = _WORD_RUN_RE.match(text, end1 + 1)
    if second is None or not 1 <= _clusters_in(second.group()) <= 5:
        return None
    end2 = second.end()
    if end2 < len(text) and text[end2] not in " ,.។៕៖:;!?()\n\"'”»":
        return None
    if _stop_at(text, end1 + 1, stops) is not None or _patterns().titles.match(text, end1 + 1):
        return None
    if _person_role_re().match(text, pos + 1) or first.group() in _role_words():
        return None  # ``លោក ប្រធាន មន្ទីរ``
    return pos + 1, end2


@functools.cache
def _role_words() -> frozenset[str]:
    from sastra.extract._lexicon import _entities

    return frozenset(fold(w) for w in _entities("role_nouns.txt"))


#: (nineteenth pass) also ``ឬហៅថា``: ``លោកស្រី Li Yanxia ឬហៅថា Li Lijuan``
_ALIAS_RE = re.compile(f" ?(?:{fold('ឬ')} ?)?(?:\\( ?)?ហៅ ?(?:ថា ?)?(?:\\( ?)?")  # (tenth pass) also ``ហេង សុផាត (ហៅក្តិប)``, ``នុតផនហៅ(ញរ)``
#: high offices after which a name follows with no title (``ប្រធានាធិបតី ដូណាល់ ត្រាំ``)
#: stars and singers: after them a stage name of one word is a person (``តារាកំប្លែងស្រី នីឡា``)
_STAR_ROLES = tuple(fold(r) for r in (
    "តារាស្រី", "តារាប្រុស", "តារាចម្រៀងស្រី", "តារាចម្រៀងប្រុស", "តារាសម្តែងស្រី", "តារាសម្តែងប្រុស",
    "តារាកំប្លែង", "តារាកំប្លែងស្រី", "តារាកំប្លែងប្រុស", "អ្នកចម្រៀង", "តារាម៉ូដែល",
    # (twentieth pass) hosts, actors, dancers and players of entertainment and sports news
    "ពិធីការិនី", "ពិធីករ", "តួស្រី", "តួប្រុស", "តួឯក", "តួឯកស្រី", "តួឯកប្រុស", "អ្នកប្រដាល់",
    "កីឡាករប្រដាល់", "អ្នករបាំ", "អ្នកដឹកនាំរឿង", "ខ្សែប្រយុទ្ធ", "ខ្សែការពារ", "ខ្សែបម្រើ", "អ្នកចាំទី",
    "បេក្ខនារី",
    # (twenty-fourth pass) players, whose one-word ring or team names stand alone (``កីឡាករ មេឃា``)
    "កីឡាករ", "កីឡាការិនី",
    # (session 20) film and music people, opponents and teammates (``តារាកុនហុងកុង ជែគី ចាន់``,
    # ``ផលិតករភាពយន្ត រិទ្ធី ប៉ាន់``, ``មិត្តរួមក្រុម អ៊ុក សុធារី``)
    "តារាភាពយន្ត", "តារាកុន", "តារាល្ខោន", "តារារ៉េប", "អ្នករ៉េប", "ផលិតករ", "ផលិតករភាពយន្ត", "នាយកផលិតកម្ម",
    "គូប្រកួត", "មិត្តរួមក្រុម",
))
_NAME_ROLES = tuple(fold(r) for r in (
    "នាយករដ្ឋមន្ត្រី", "ឧបនាយករដ្ឋមន្ត្រី", "ទេសរដ្ឋមន្ត្រី", "រដ្ឋមន្ត្រី", "ប្រធានាធិបតី", "អនុប្រធានាធិបតី",
    "រដ្ឋលេខាធិការ", "អគ្គលេខាធិការ", "អ្នកនាំពាក្យ", "ព្រះមហាក្សត្រ", "ឯកអគ្គរដ្ឋទូត", "អភិបាលខេត្ត",
    "មេឃុំ", "មេភូមិ", "ចៅក្រម", "អ្នកវិភាគ", "តារាចម្រៀង", "តារាសម្តែង", "កីឡាករ", "កីឡាការិនី",
    # (tenth pass) people of court and crime reports, officials and players written with no title
    "ជនសង្ស័យ", "ជនត្រូវចោទ", "ជនជាប់ចោទ", "ទណ្ឌិត", "ជនរងគ្រោះ", "ព្រះរាជអាជ្ញា", "មេធាវី",
    "អភិបាលស្រុក", "អភិបាលក្រុង", "អភិបាលខណ្ឌ", "ចៅសង្កាត់", "មេបញ្ជាការ", "គ្រូបង្វឹក", "អ្នកនិពន្ធ",
    "អ្នកសារព័ត៌មាន", "យុវតី", "ក្មេងស្រី", "ក្មេងប្រុស", "កីឡាករបាល់ទាត់", "តារាបាល់ទាត់",
    "សកម្មជន", "អ្នកនយោបាយ", "មហាសេដ្ឋី", "សេដ្ឋី", "ស្ថាបនិក",
) + _STAR_ROLES)
_ROLE_RE = re.compile("(?:" + trie_pattern(_NAME_ROLES) + ") ")
_STAR_ROLE_RE = re.compile("(?:" + trie_pattern(_STAR_ROLES) + ") ")
_STAR_ROLE_STARTS = tuple(sorted({r[:3] for r in _STAR_ROLES}))  # (every match begins with one)
#: what follows a player's role and describes, not names (``កីឡាការិនី ផ្នែកល្បុក្កតោ``: in wrestling)
_NOT_STAGE_NAME_STARTS = tuple(fold(w) for w in ("ផ្នែក", "ជម្រើស", "ជើងឯក", "វ័យ", "ល្បី", "សញ្ជាតិ", "ជនជាតិ",
                                                  "ឆ្នើម", "ថ្មី", "វិញ្ញាសា"))
#: (session 19) words that praise or place a star or a player, written between the role and the name
#: (``តារាចម្រៀងល្បី ខេមរៈ សិរីមន្ត``, ``តារាថៃ Napat``, ``តារាចម្រៀងប្រុសវ័យក្មេង The Toys``)
_ROLE_MODIFIERS = frozenset(fold(w) for w in (
    "ល្បី", "ល្បីឈ្មោះ", "ដ៏ល្បីឈ្មោះ", "ល្បីល្បាញ", "ដ៏ល្បីល្បាញ", "វ័យក្មេង", "ជើងចាស់", "ជួរមុខ", "ឆ្នើម",
    "កំពូល", "ដ៏ឆ្នើម", "ស្រស់ស្អាត", "ដ៏ស្រស់ស្អាត", "មានប្រជាប្រិយ", "ដ៏មានប្រជាប្រិយ", "ជំនាន់ថ្មី",
    # the national team and the sport of a player (``កីឡាករជម្រើសជាតិកម្ពុជា``, ``កីឡាការិនីវាយកូនគោល``)
    "ជម្រើសជាតិ", "ជំរើសជាតិ", "បាល់ទាត់", "បាល់ទះ", "បាល់បោះ", "វាយកូនគោល", "ហែលទឹក", "ប្រដាល់", "តេក្វាន់ដូ",
    "ចំបាប់", "ប្រណាំង", "អុក", "វាយសី", "ល្បុក្កតោ", "គុនខ្មែរ", "ជិះកង់", "យូដូ", "ការ៉ាតេ", "វូស៊ូ", "អត្តពលកម្ម",
    "កាយសម្ព័ន្ធ", "បាល់ឱប", "វាយកូនឃ្លី", "កីឡាវាយកូនឃ្លី", "ប្រដាល់សកល", "ប្រដាល់គុនខ្មែរ",
    # (session 20) more sports, a singer's voice, and the nationality before a country
    # (``កីឡាករកង់``, ``កីឡាការិនីវ៉ូវីណាម``, ``តារាចម្រៀងសំនៀងពីរោះ``, ``គ្រូបង្វឹកជនជាតិកូរ៉េ``)
    "កង់", "វ៉ូវីណាម", "វូវីណាម", "ប៉េតង់", "សំនៀងពីរោះ", "សំឡេងពីរោះ", "សម្លេងពីរោះ", "ជនជាតិ", "សញ្ជាតិ",
    "ខ្មែរ",  # (``តារាសម្តែងស្រីខ្មែរ ហេង ដាវីន``)
))
#: the same, longest first (``ដ៏ល្បីឈ្មោះ`` before ``ល្បីឈ្មោះ``: one answer whatever the set's order)
_ROLE_MODIFIERS_LONGEST_FIRST = tuple(sorted(_ROLE_MODIFIERS, key=lambda w: (-len(w), w)))
_ROLE_MODIFIER_ENDINGS = tuple(sorted({w[-2:] for w in _ROLE_MODIFIERS}))
_ROLE_COUNTRY_RE = re.compile("(?:" + trie_pattern(_NAME_ROLES) + f")([{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]{{1,20}}) ")
#: every position where _ROLE_RE or _ROLE_COUNTRY_RE matches, found in one scan: a first letter of a
#: role, then (looking back at it) the role and what either pattern wants after it; each match is one
#: character long, so overlapping roles are all found (``_role_matches`` then rebuilds both scans)
_ROLE_AT_RE = re.compile(f"[{''.join(sorted({r[0] for r in _NAME_ROLES}))}]"
                         "(?<=(?=(?:" + trie_pattern(_NAME_ROLES) +
                         f")(?: |[{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]{{1,20}} )).)")


def _role_matches(text: str) -> tuple[list[re.Match], list[re.Match]]:
    """``list(_ROLE_RE.finditer(text))`` and ``list(_ROLE_COUNTRY_RE.finditer(text))``, from one scan
    (the two scans cost twice as much): each pattern is tried at every position where either may
    match, and a match is kept when it starts after the previous one of its pattern ends, as in
    ``finditer``."""
    roles: list[re.Match] = []
    with_country: list[re.Match] = []
    role_end = country_end = 0
    if len(text) < _GATE_MIN_LEN:
        starts = [at.start() for at in _ROLE_AT_RE.finditer(text)]
    else:  # (both patterns start with a role word: the gate's positions hold every start)
        starts = _patterns().gate.starts(text, _ROLES)
    for pos in starts:
        if pos >= role_end:
            match = _ROLE_RE.match(text, pos)
            if match is not None:
                roles.append(match)
                role_end = match.end()
        if pos >= country_end:
            match = _ROLE_COUNTRY_RE.match(text, pos)
            if match is not None:
                with_country.append(match)
                country_end = match.end()
    return roles, with_country
_END_LINE_RE = re.compile(r"\n[ \t]*(?:(?:ប្រែសម្រួល|រៀបរៀង|អត្ថបទ|សរសេរ)?ដោយ ?[៖:ៈ]? ?|(?:ប្រែសម្រួល|រៀបរៀង|អត្ថបទ|សរសេរ) ?[៖:ៈ] ?)?"
                          r"([^\n]{1,40})\s*$")  # (fifteenth pass: ``ប្រែសម្រួលដោយ ស្រេង លក្ខិណា``)
#: words of a by-line that credit a desk, a site or a team rather than a person
#: (``ដោយ៖ សហការី``, ``ដោយ៖ នយោបាយថ្ងៃនេះ``, ``ដោយ៖ ក្រុមការងារ``)
_DESK_WORDS = tuple(fold(w) for w in ("សហការី", "ក្រុមការងារ", "អ្នកយកព័ត៌មាន", "ព័ត៌មាន", "នយោបាយ", "ថ្ងៃនេះ",
                                       "ទស្សនាវដ្តី", "កាសែត", "គេហទំព័រ", "អនឡាញ", "ផ្នែក", "ការិយាល័យ",
                                       "ទូរទស្សន៍", "វិទ្យុ", "ប៉ុស្តិ៍", "ក្រុម", "បណ្តាញ"))


def _names_a_desk(line: str) -> bool:
    """True if a by-line credits a desk or a site (``សហការី``, ``នយោបាយថ្ងៃនេះ``), not a person."""
    return any(word in line for word in _DESK_WORDS)
_LIST_NAME_RE = re.compile(
    r"(?:(?:ទី|លេខ)[0-9០-៩]{1,4}|(?<![0-9០-៩])[0-9០-៩]{1,3}[.)]) ?"
    r"([A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,5}) [0-9០-៩$]")
_LIST_HINT_RE = re.compile(r"[0-9០-៩][.)]? ?[A-Za-z]")
_LIST_SPLIT_RE = re.compile(r" (?:and|And|AND|Joint|&) ")


def _find_aliases(text: str, persons: list[_Cand], stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """A nickname after ``ហៅ`` right after a person is a person too (``សឿន ជុំ ហៅ ខុម``)."""
    found = []
    for person in persons:
        match = _ALIAS_RE.match(text, person.end)
        if match:
            name = _name_after(text, match.end(), stops, soft) or _nickname_after(text, match.end(), stops, soft)
            if name is not None:
                found.append(_Cand("person", name[0], name[1], "person.alias", None, priority=1))
    return found


_HAU_RE = re.compile(f" ?\\(? ?{fold('ហៅ')}(?: ?{fold('ថា')})? ")


def _names_before_nicknames(text: str, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """(session 20) A listed family name and a given name right before ``ហៅ`` and a nickname are a
    person's (``សេង ពិសិដ្ឋ ហៅ ខ្លាធំ``), also when the family name is glued to the word before it
    (``កីឡាករអ៊ីស្ប៉តឡុង វណ្ណះ ហៅ Shadow``): ``ហៅ`` after a name says the name (on the development
    articles, 20 of 20 such pairs are persons)."""
    found: list[_Cand] = []
    if "ហៅ" not in text:
        return found
    for match in _HAU_RE.finditer(text):
        end = match.start()
        given = _KHMER_TAIL_RE.search(text, max(0, end - 24), end)
        if given is None or not 1 <= _clusters_in(given.group()) <= 4 or _stop_at(text, given.start(), stops):
            continue
        start = _listed_surname_before(text, given.start(), soft, glued=True)
        if start == given.start() or text[start:end] in lexicon().places:
            continue
        found.append(_Cand("person", start, end, "person.before_nickname", None, priority=1))
    return found


#: (session 20) what a writer glues between a player's or a star's role and the name: a position, an
#: age, a sport, a country, a word of praise (``កីឡាការិនីហែលទឹកវ័យ១៥ឆ្នាំស៊ីម ម៉ូលីកា``,
#: ``គ្រូបង្វឹកជនជាតិជប៉ុនកូជី ...``, ``អ្នកចាំទីវ័យ២០ឆ្នាំហុក សុធា``)
_POSITIONS = tuple(sorted((fold(w) for w in ("ខ្សែប្រយុទ្ធ", "ខ្សែការពារ", "ខ្សែបម្រើ", "អ្នកចាំទី", "ប្រធានក្រុម",
                                            "អ្នកវាយប្រហារ", "កីឡាករ", "កីឡាការិនី", "គុនខ្មែរ", "ប្រដាល់")),
                   key=len, reverse=True))
_AGE_AT_END_RE = re.compile(f"(?:{fold('វ័យ')}|{fold('អាយុ')})[0-9០-៩]{{1,3}}{fold('ឆ្នាំ')}$")
#: a role, a run glued to it (letters and digits, no space), a space: where a glued name may end the run
_ROLE_GLUED_RUN_RE = re.compile("(?:" + trie_pattern(_NAME_ROLES) + f")[{_KHMER_LETTER}{_MARKS}0-9០-៩]{{1,40}} ")


def _role_before_glued_name(words: str, lex: Lexicon) -> bool:
    """Whether a run written right before a glued name ends with a role once the age, the position,
    the sport, the country and the words of praise glued after that role are taken off."""
    for _ in range(5):
        if words.endswith(_NAME_ROLES) or words.endswith(_POSITIONS):
            return True
        age = _AGE_AT_END_RE.search(words)
        if age is not None:
            words = words[:age.start()]
            continue
        cut = _without_place_or_modifier(words, lex, rounds=1)
        if cut == words:
            cut = next((words[:-len(p)] for p in _POSITIONS if words.endswith(p) and len(words) > len(p)), words)
        if cut == words:
            return False
        words = cut
    return False


def _names_glued_after_roles(text: str, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """(session 20) A two-word name whose listed family name is glued to a role and the words a writer
    puts after it: ``អ្នកចាំទីវ័យ២០ឆ្នាំហុក សុធា``, ``កីឡាការិនីហែលទឹកវ័យ១៥ឆ្នាំស៊ីម ម៉ូលីកា``."""
    found: list[_Cand] = []
    lex = lexicon()
    for match in _trie_matches(_ROLE_GLUED_RUN_RE, text, _ROLES):
        start = _listed_surname_before(text, match.end(), soft, glued=True)
        if start == match.end() or start <= match.start() or start in soft or \
                not _role_before_glued_name(text[match.start():start], lex):
            continue  # (a name after a zero-width space is the other rules')
        name = _name_after(text, start, stops, soft)
        if name is None or name[0] != start or " " not in text[start:name[1]] or _clusters_in(text[start:name[1]]) > 8:
            continue
        found.append(_Cand("person", start, name[1], "person.glued_role", None, priority=1))
    return found


#: what may follow a nickname: a mark that ends the clause, or a space (then an age, a sex or a verb)
_CLAUSE_MARKS = frozenset("\n,.។៕)»”\"")
_NICKNAME_END_CHARS = _CLAUSE_MARKS | {" "}


def _word_at(text: str, pos: int, soft: frozenset[int]) -> int:
    """Where the Khmer word written at ``pos`` ends: at a space, a mark or a word breaker's zero-width space."""
    end = pos
    while end < len(text) and _KHMER_LETTER_OR_MARK(text[end]) and (end == pos or end not in soft):
        end += 1
    return end


def _nickname_after(text: str, pos: int, stops: frozenset[str], soft: frozenset[int]) -> tuple[int, int] | None:
    """(session 20) A nickname the name rules do not read because it is made of ordinary words
    (``ហៅ ខ្លាធំ``, "big tiger"; ``ហៅ ឆាយ ក្បាលឡាន``): one word written apart, or two when the second
    is short and the clause plainly goes on after it (an age, a sex, a verb, a mark)."""
    if text.startswith(" ", pos):
        pos += 1
    end = _word_at(text, pos, soft)
    if end == pos or _stop_at(text, pos, stops) is not None or not 1 <= _clusters_in(text[pos:end]) <= 6:
        return None
    if end < len(text) and text[end] not in _NICKNAME_END_CHARS and end not in soft:
        return None
    if text.startswith(" ", end) and _clusters_in(text[pos:end]) <= 3 and _stop_at(text, end + 1, stops) is None \
            and not text.startswith(_SEX_OR_AGE, end + 1):
        second = _word_at(text, end + 1, soft)
        if second > end + 1 and _clusters_in(text[end + 1:second]) <= 4 and (
                second >= len(text) or text[second] in _CLAUSE_MARKS or
                text.startswith(" ", second) and (_stop_at(text, second + 1, stops) is not None or
                                                  text.startswith(_SEX_OR_AGE, second + 1))):
            return pos, second
    return pos, end


#: (fifteenth pass) a nickname or a ring name in quotes: after ``រហស្សនាម`` or ``ឈ្មោះក្រៅ`` (a few
#: words may come between: ``ហៅឈ្មោះក្រៅនាងថា «Yoong»``), or after a person's name and ``ឬ``
_NICKNAME_CUES = tuple(fold(w) for w in ('រហស្សនាម', 'ឈ្មោះក្រៅ', 'ឈ្មោះហៅក្រៅ'))  # (a test before the scan)
_NICKNAME_CUE_RE = re.compile(f"(?:{'|'.join(_NICKNAME_CUES)})"
                              f"[{_KHMER_LETTER}{_MARKS} ]{{0,24}}?[«“] ?")
_QUOTED_NAME_RE = re.compile(f"([A-Z][A-Za-z'\\-]*(?: [A-Z][A-Za-z'\\-]*){{0,3}}|[{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*"
                             f"(?: [{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*)?) ?[»”]")
_OR_QUOTE_RE = re.compile(f" ?{fold('ឬ')} ?[«“] ?")


def _quoted_nicknames(text: str, persons: list[_Cand]) -> list[_Cand]:
    """A nickname in quotes is a person (the guidelines count nicknames), and so is the same quoted
    name elsewhere in the text (``រហស្សនាម «The Situ-Asian»`` … ``«The Situ-Asian» បាន…``)."""
    names: set[str] = set()
    found = []
    starts = [m.end() for m in _NICKNAME_CUE_RE.finditer(text)] if any(w in text for w in _NICKNAME_CUES) else []
    starts += [m.end() for p in persons for m in [_OR_QUOTE_RE.match(text, p.end)] if m is not None]
    for at in starts:
        match = _QUOTED_NAME_RE.match(text, at)
        if match is None or _clusters_in(match.group(1)) > 8 or not match.group(1).isascii() and \
                any(_stop_at(text, i, lexicon().function_words) for i in range(match.start(1), match.end(1))
                    if _at_cluster_start(text, i)):
            continue  # (``រហស្សនាម “ម្តាយជាទីស្រឡាញ់”``: an epithet, not a name)
        names.add(match.group(1))
        found.append(_Cand("person", match.start(1), match.end(1), "person.alias", None, priority=1))
    for name in names:
        at = text.find(name)
        while at >= 0:
            if text[at - 2:at].strip() in ("«", "“") and text[at + len(name):at + len(name) + 2].strip()[:1] in "»”":
                found.append(_Cand("person", at, at + len(name), "person.alias", None, priority=1))
            at = text.find(name, at + 1)
    return found


#: music genres written between a singer's role and a Latin-script name
_GENRE_BEFORE_NAME_RE = re.compile(r"(?:[KJCT]-?[Pp]op|K-POP|KPOP|Hip-?[Hh]op|Rap|Pop|Rock|R&B) ")


def _find_after_roles(text: str, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """A two-word name right after a high office and a space, with no title between; after a star
    (``តារាស្រី``, ``អ្នកចម្រៀង``) a one-word stage name standing between spaces too."""
    found = []
    roles, with_country = _role_matches(text)
    for match in roles:
        name = _name_after(text, match.end(), stops, soft)
        if name is not None:
            genre = _GENRE_BEFORE_NAME_RE.match(text, name[0], name[1])
            if genre is not None and genre.end() < name[1]:
                name = (genre.end(), name[1])  # (session 20) ``តារាចម្រៀង K-pop Jennie``: the genre is no name
        if name is not None and " " in text[name[0]:name[1]] and _clusters_in(text[name[0]:name[1]]) <= 8 and \
                not _patterns().titles.match(text, name[0]):
            found.append(_Cand("person", name[0], name[1], "person.role", None, priority=1))
    lex = lexicon()
    for match in with_country:
        # (eleventh pass) a country glued to the role: ``កីឡាករកម្ពុជា អេលីត សាន់``
        start = match.end()
        glued = match.group(1)
        if _only_modifiers(glued, lex):
            pass  # (session 19) words praising or placing the star: ``តារាចម្រៀងល្បី ខេមរៈ សិរីមន្ត``
        elif glued in _khmer_surnames()[0] and glued not in lex.function_words and \
                glued not in lex.generic_words:
            start = match.start(1)  # (session 19) the family name glued to the role: ``តារាចម្រៀងឱក សុគន្ធកញ្ញា``
        elif not any(p.kind == "country" for p in lex.places.get(key(glued), ())):
            # (twenty-second pass) the family name glued to the country too: ``អ្នកប្រដាល់កម្ពុជាប៉ោ ភារិទ្ធ``
            start = _surname_after_country(text, match.start(1), match.end(1), lex, stops)
            if start is None:
                continue
        name = _name_after(text, start, stops, soft)
        if name is not None and " " in text[name[0]:name[1]] and _clusters_in(text[name[0]:name[1]]) <= 8 and \
                not _patterns().titles.match(text, name[0]) and key(text[name[0]:name[1]]) not in lex.places:
            found.append(_Cand("person", name[0], name[1], "person.role", None, priority=1))
    # (twenty-fourth pass) every star or player role, not only in texts that hold តារា or អ្នកចម្រៀង
    for match in _matches_of(text, _STAR_ROLE_STARTS, _STAR_ROLE_RE):
        pos = match.end()
        run = _CLUSTER_RUN_RE.match(text, pos)
        if run is None:
            continue
        end = run.end()
        word = text[pos:end]
        if not (2 <= _clusters_in(word) <= 5) or end in soft and end < len(text) and \
                _CLUSTER_RE.match(text, end) or not (end >= len(text) or text[end] in _PLACE_BOUNDARY_AFTER
                                                     or end in soft):
            continue
        if _stop_at(text, pos, stops) is not None or key(word) in lex.places or key(word) in lex.orgs or \
                word in lex.generic_words or _starts_generic(text, pos, lex) or \
                text.startswith(_NOT_STAGE_NAME_STARTS, pos):
            continue
        if any(c.start == pos for c in found) or _patterns().titles.match(text, pos):
            continue  # (``តារាសម្តែងស្រី កញ្ញាដួង ម៉ានិច``: a title, the title rule takes it)
        found.append(_Cand("person", pos, end, "person.role", None, priority=1))
    return found


def _surname_after_country(text: str, start: int, end: int, lex: Lexicon, stops: frozenset[str]) -> int | None:
    """Where a family name of one to three clusters begins, glued after a country's name that runs
    from ``start`` (``កម្ពុជាប៉ោ``: Cambodia, then ``ប៉ោ``); None when ``text[start:end]`` is no
    country followed by such a word."""
    for cut in range(end - 1, start, -1):
        if not _at_cluster_start(text, cut):
            continue
        clusters = _clusters_in(text[cut:end])
        if clusters > 3:
            break  # (a longer tail never holds fewer clusters)
        if not clusters:
            continue
        if any(p.kind == "country" for p in lex.places.get(key(text[start:cut]), ())):
            return cut if _stop_at(text, cut, stops) is None else None
    return None


#: people nouns that are also the names of domains in a spaced list (``អប់រំ យុវជន កីឡា …``)
_NOT_NOUNS_BEFORE_NAMES = frozenset(fold(w) for w in ("យុវជន", "នារី", "ស្ត្រី", "កុមារ"))
#: words that end a company's name, not a person's (``អគ្គនាយក ប៊ែលធី គ្រុប``)
_NOT_NAME_ENDS = frozenset(fold(w) for w in ("គ្រុប", "ខូអិលធីឌី", "ហូលឌីង"))


def _names_after_person_nouns(text: str, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """Fifteenth pass: a two-word Khmer name written between spaces right after any noun for people
    (``មេឈ្មួញ សឹង សំអុល``, ``កីឡាករ អ៊ួង លីហេង``), not only after a high office. Both words are whole
    words (a space or punctuation after the name), and neither is a listed word (function word, role,
    title, place, organization), so ``កសិករ នៅ ភូមិ…`` gives nothing. A list of such names after the
    noun (``កីឡាការិនី រួមមាន ឆោម ស្រីវល្ល័ក្ខណ៍ កាំង មុយនីន … និង ឃឹន ប៊ុនពេជ្រមរកត``), pairs
    written between spaces and closed by ``និង``, gives one person per pair."""
    found = []
    for match in _person_noun_space_re().finditer(text):
        # (the pattern holds the space, if any, and looks at the Khmer letter after it)
        end = match.end() - 1 if text[match.end() - 1] == " " else match.end()
        if not _at_cluster_end(text, end) or not _word_starts(text, match.start(), soft) or \
                text[match.start():end] in _NOT_NOUNS_BEFORE_NAMES:
            continue
        before = text[max(0, match.start() - 12):match.start()].rstrip(" ")
        if before != text[max(0, match.start() - 12):match.start()] and \
                (before.endswith(_AND) or before.endswith(_person_roles())):  # (a tuple: one C call)
            continue  # ``កម្មករ ពលករ ចាស់ជរា``, ``មន្ទីរ និង មន្ត្រី សូរិយោដី``: a list of nouns, not a name
        pos = match.end()
        intro = text.startswith(_LIST_INTROS, pos)
        if intro:  # ``កីឡាការិនី រួមមាន …``
            pos = text.index(" ", pos) + 1
        pair = _spaced_pair_end(text, pos, stops, 8)
        if pair is None:
            continue
        alone = not intro and _clusters_in(text[text.index(" ", pos) + 1:pair]) <= 6
        if alone:
            found.append(_Cand("person", pos, pair, "person.noun", None, priority=1))
        chain, closed = [(pos, pair)], False
        at = pair
        while len(chain) < 12:
            if text.startswith(_SPACED_AND, at):
                at += len(_SPACED_AND)
                closed = True
            elif text.startswith(" ", at) and not closed:
                at += 1
            else:
                break
            nxt = _spaced_pair_end(text, at, stops, 8)
            if nxt is None:
                break
            chain.append((at, nxt))
            at = nxt
        if closed and len(chain) >= 2:
            found.extend(_Cand("person", s, e, "person.noun", None, priority=1) for s, e in chain[1 if alone else 0:])
    return found


@functools.cache
def _person_noun_space_re() -> re.Pattern:
    # (nineteenth pass) a country may stand glued between the noun and the name: ``អ្នកប្រដាល់កម្ពុជា ទេស ជីវ៉ា``
    countries = sorted({k for k, places in lexicon().places.items() if any(p.kind == "country" for p in places)
                        and " " not in k})
    # (twentieth pass) and the name may be glued to the country: ``អ្នកប្រដាល់ថៃប៉ែត សេនឡេក (Pert Senlek)``
    # (session 20) and whose the person is, or "one (more)": ``ម្តាយរបស់ក្មេង ឆាយ សុខលាភ``, ``អ្នកភូមិម្នាក់ ប៉ាង សុខា``
    return re.compile("(?:" + trie_pattern(_person_roles(), space=" ") + ")(?:(?:" + trie_pattern(countries) +
                      f") ?|{_WHOSE_OR_ONE} | )(?=[{_KHMER_LETTER}])")


_WHOSE_OR_ONE = "(?:" + fold("របស់") + "(?:" + "|".join(fold(w) for w in ("គាត់", "គេ", "នាង", "ខ្លួន", "ក្មេង", "ជនរងគ្រោះ",
                                                                       "ជនសង្ស័យ")) + ")|" + \
    fold("ម្នាក់") + "(?:" + fold("ទៀត") + ")?)"


_LIST_INTROS = tuple(fold(w) + " " for w in ("រួមមាន", "ដូចជា"))
_SPACED_AND = " " + fold("និង") + " "


def _spaced_pair_end(text: str, pos: int, stops: frozenset[str], longest: int) -> int | None:
    """The end of a two-word name at ``pos``: a short word, a space and a word of at most
    ``longest`` clusters, followed by a space, punctuation or the end; neither word a listed word."""
    first = _WORD_RUN_RE.match(text, pos)
    if first is None or first.end() >= len(text) or text[first.end()] != " ":
        return None
    second = _WORD_RUN_RE.match(text, first.end() + 1)
    if second is None:
        return None
    w1, w2 = first.group(), second.group()
    e2 = second.end()
    if e2 < len(text) and text[e2] not in _NAME_WORD_BREAK or _clusters_in(w2) > longest:
        # (twentieth pass) the second word glued to the next word (``ទេស ជីវ៉ាដែលកន្លងមក``): it ends
        # where a function word or a role noun starts
        cut = _glued_stop_in(text, first.end() + 1, e2, stops)
        if cut is None:
            return None
        w2, e2 = text[first.end() + 1:cut], cut
    if not (1 <= _clusters_in(w1) <= 4 and 1 <= _clusters_in(w2) <= longest):
        return None
    lex = lexicon()
    titles = _patterns().titles
    roles = _person_roles()
    if w2 in _NOT_NAME_ENDS or w1 in roles or w2 in roles or w1 in _NOT_SECOND_NAMES or w2 in _NOT_SECOND_NAMES or \
            _stop_at(text, pos, stops) is not None or _stop_at(text, first.end() + 1, stops) is not None or \
            titles.match(text, pos) or titles.match(text, first.end() + 1) or \
            _free_place(w1, lex) or _free_place(w2, lex) or key(w1 + w2) in lex.places or \
            key(w1) in lex.orgs or key(w2) in lex.orgs or \
            w1 in lex.generic_words or w2 in lex.generic_words or w1 in _role_words() or w2 in _role_words():
        return None
    return e2


def _glued_stop_in(text: str, start: int, end: int, stops: frozenset[str]) -> int | None:
    """Where, after one to four clusters of a word at ``start``, a function word or a role noun of
    two clusters or more starts before ``end``; None if none does."""
    pos, clusters = start, 0
    while pos < end and clusters < 5:
        cluster = _CLUSTER_RE.match(text, pos)
        if cluster is None:
            return None
        pos, clusters = cluster.end(), clusters + 1
        stop = _stop_at(text, pos, stops)
        if stop is not None and _clusters_in(stop) >= 2 and pos < end:
            return pos
    return None


def _free_place(word: str, lex: Lexicon) -> bool:
    """True if ``word`` names a province, country, city, region or state (names of villages and
    communes are also personal names: ``សឹង``)."""
    return any(p.kind in _FREE_PLACE_KINDS for p in lex.places.get(key(word), ()))


#: role nouns that describe people (the role list also holds place and organization words, which
#: stop a name but do not introduce one)
_NOT_PERSON_ROLES = frozenset(fold(w) for w in (
    "អ្នក", "គាត់", "ខ្លួន", "ពួក", "ក្រុម", "ក្រុមហ៊ុន", "ក្រសួង", "ខេត្ត", "ក្រុង", "ស្រុក", "ខណ្ឌ", "ឃុំ",
    "សង្កាត់", "ភូមិ", "ប្រទេស", "ទីក្រុង", "រាជធានី", "រដ្ឋាភិបាល", "អគ្គ", "ការ", "រង", "បង", "ពេទ្យ",
    "គ្រូ", "អតិថិជន", "ប្រជាពលរដ្ឋ", "ពលរដ្ឋ", "ជនសង្ស័យ", "ជនរងគ្រោះ", "នាយ", "កូន", "ប្អូន", "ម្ចាស់",
    "អតីត", "តំណាង", "សមាជិក", "សមាជិកា",
))
#: more words for people written before a Latin-script name (``មហាសេដ្ឋីចិន Jack Ma``)
_EXTRA_PERSON_ROLES = tuple(fold(w) for w in (
    "មហាសេដ្ឋី", "សេដ្ឋី", "តារា", "តារាកំប្លែង", "តារាបាល់ទាត់", "កីឡាករបាល់ទាត់", "កីឡាការិនីបាល់ទាត់",
    "អ្នកដឹកនាំ", "អ្នកដឹកនាំកម្មវិធី", "ស្ត្រីទីមួយ", "អ្នកគ្រប់គ្រង", "ខ្សែប្រយុទ្ធ", "ខ្សែការពារ",
    "ខ្សែបម្រើ", "អ្នកចាំទី", "អ្នកវិទ្យាសាស្ត្រ", "អ្នកប្រាជ្ញ", "ព្រះរាជិនី", "ម្ចាស់ក្សត្រី", "ព្រះអង្គម្ចាស់",
    "នាយករដ្ឋមន្ត្រី", "អភិបាលក្រុង", "អភិបាលស្រុក", "អភិបាលខេត្ត", "អ្នកនាំពាក្យ", "វិចិត្រករ", "អ្នករចនាម៉ូដ",
    "អ្នកលេង", "អ្នកប្រដាល់", "កីឡាករប្រដាល់", "គ្រូបង្វឹក", "ចៅហ្វាយក្រុង",
    "មេឈ្មួញ", "ឈ្មួញ", "ពលករ",  # (fifteenth pass: ``មេ​ឈ្មួញ សឹង សំអុល``)
    "តារាសំដែង", "យុវតី", "យុវជន", "ក្មេងស្រី", "ក្មេងប្រុស", "នារី", "បុរស", "ស្ត្រី", "ព្រះមហាក្សត្រី",
    "ម្ចាស់ក្សត្រី", "ព្រះមហាក្សត្រ", "ប្រធានាធិបតី", "អ្នកសកម្មភាព", "សកម្មជន", "អ្នកសារព័ត៌មាន",
    # stars and singers with their sex written after the noun (``តារាស្រី Woonsen``)
    "តារាស្រី", "តារាប្រុស", "តារាសម្តែងស្រី", "តារាសម្តែងប្រុស", "តារាចម្រៀងស្រី", "តារាចម្រៀងប្រុស",
    "តារាម៉ូដែល", "អ្នកចម្រៀង", "អ្នកចម្រៀងស្រី", "អ្នកចម្រៀងប្រុស", "បវរកញ្ញា",
))


@functools.cache
def _person_roles() -> tuple[str, ...]:
    from sastra.extract._lexicon import _entities

    roles = {fold(w) for w in _entities("role_nouns.txt")} - _NOT_PERSON_ROLES
    roles.update(_EXTRA_PERSON_ROLES)
    return tuple(sorted(roles, key=len, reverse=True))


def _named_thing_before(text: str, at: int) -> bool:
    """Whether a thing that bears names (a ship, a device, a film, a company...) is written shortly
    before ``at`` in the same sentence, with no person noun closer: what follows names that thing."""
    return _THING_BEFORE_NAME_RE.search(text, max(0, at - 30), at) is not None and \
        not _person_role_re().search(text, max(0, at - 40), at)


def _person_noun_before(text: str, at: int) -> bool:
    """Whether a person noun (a role such as ``អ្នកប្រដាល់``, ``តារាចម្រៀង``) ends at ``at``, or before it
    with at most a glued country or province: ``អ្នកប្រដាល់ថៃឈ្មោះថា Nun Tanun`` names a person; or
    (twenty-third pass) with ``ម្នាក់`` (one person) and ``ដែលមាន`` (who has) between them:
    ``ក្មេងប្រុសម្នាក់ ដែលមានឈ្មោះថា Yangzhe``."""
    start = max(0, at - 60)
    for match in _person_role_re().finditer(text, start, at):
        rest = text[match.end():at].replace("\u200b", "").replace(" ", "")
        if not rest or rest in lexicon().places or rest in _ONE_WHO_HAS:
            return True
    return False


#: what may stand between a person noun and ``ឈ្មោះ``: one (person), who, has
_ONE_WHO_HAS = frozenset(fold(w) for w in ("ម្នាក់", "ម្នាក់ដែលមាន", "ម្នាក់មាន", "ដែលមាន"))


@functools.cache
def _person_role_re() -> re.Pattern:
    return re.compile(trie_pattern(_person_roles(), space=" "))


def _name_after_role(text: str, pos: int, stops: frozenset[str], soft: frozenset[int]) -> tuple[int, int] | None:
    """After an honorific: a role (``មេធាវី``), an optional glued country or province, a space and a
    Latin-script name or a two-word Khmer name. The span of the name, or None."""
    match = _person_role_re().match(text, pos)
    if match is None or not _at_cluster_end(text, match.end()):
        return None
    end = match.end()
    place = _patterns().free_names.match(text, end)
    if place is not None and place.group().replace(" ", "") in lexicon().places:
        end = place.end()
    if end >= len(text) or text[end] != " ":
        return None
    name = _name_after(text, end, stops, soft)
    if name is None:
        return None
    words = text[name[0]:name[1]]
    if words[0].isascii() and " " not in words:
        return None
    if not words[0].isascii() and (" " not in words or _clusters_in(words) > 8):
        return None
    return name


#: (no look-behind: the Khmer letter and the space before the name are checked in Python)
_LATIN_PERSON_RE = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
                              r"(?: (?:bin |van |de |al-)?[A-Z][a-z']+(?:-[A-Z]?[a-z']+)*-?){1,3}(?![A-Za-z0-9])")
# (twentieth pass: a hyphenated given name after the family name, ``Kim Hyun-Joong``)


@functools.lru_cache(maxsize=1)
def _latin_person_matches(text: str) -> tuple[re.Match, ...]:
    """``_LATIN_PERSON_RE`` over the whole text: scanned once for the two passes that read it (the
    last text's matches are kept)."""
    return tuple(_LATIN_PERSON_RE.finditer(text))


def _find_latin_after_roles(text: str, cands: list[_Cand]) -> None:
    """A Latin-script name written after a role word (and a country): ``ប្រធានាធិបតីចិន Xi Jinping``,
    ``កីឡាករបាល់ទាត់ព័រទុយហ្គាល់ Cristiano Ronaldo``, ``តារាសម្តែង Angelina Jolie``."""
    lex = lexicon()
    for match in _latin_person_matches(text):
        if match.start() < 2 or text[match.start() - 1] != " " or \
                not "\u1780" <= text[match.start() - 2] <= "\u17ff":
            continue
        name = match.group()
        if any(word in _ORG_WORDS for word in name.split()):
            continue
        before = text[max(0, match.start() - 41):match.start() - 1]
        run = _KHMER_TAIL_RE.search(before)
        if run is None:
            continue
        words = _without_place_or_modifier(run.group(), lex)
        whole_place = any(p.kind in _FREE_PLACE_KINDS for p in lex.places.get(words, ()))
        if words == _NATIONALITY_WORD or (whole_place and before[:run.start()].endswith(_NATIONALITY_WORD + " ")):
            # (eighth pass) ``គ្រូបង្វឹកសញ្ជាតិ អៀរឡង់ Conor Nestor``: the role before ``សញ្ជាតិ`` + country
            prev = _KHMER_TAIL_RE.search(before[:run.start()].rstrip(" "))
            words = prev.group()[:-len(_NATIONALITY_WORD)] if prev is not None else ""
        elif words.endswith(_NATIONALITY_WORD) and len(words) > len(_NATIONALITY_WORD):
            words = words[:-len(_NATIONALITY_WORD)]  # ``កីឡាករសញ្ជាតិបារាំង Paul Pogba``
        if words.endswith(_person_roles()) or _office_before(words):
            cands.append(_Cand("person", match.start(), match.end(), "person.role_latin", None, priority=1))


def _only_modifiers(words: str, lex: Lexicon) -> bool:
    """Whether a run glued after a role holds nothing but words of praise, the national team, a sport
    and countries or cities (``ជម្រើសជាតិកម្ពុជា``): no name begins inside it."""
    for _ in range(3):
        if words in _ROLE_MODIFIERS or any(p.kind in _FREE_PLACE_KINDS for p in lex.places.get(key(words), ())):
            return True
        cut = _without_place_or_modifier(words, lex, rounds=1)
        if cut == words:
            return False
        words = cut
    return False


def _without_place_or_modifier(words: str, lex: Lexicon, rounds: int = 3) -> str:
    """A run of Khmer words before a Latin-script name without the country or city (``ចិន``,
    ``ព័រទុយហ្គាល់``) and the word of praise (``វ័យក្មេង``, session 19) written after the role, so that the
    role itself ends the run: ``តារាចម្រៀងប្រុសវ័យក្មេង``, ``តារាថៃ``."""
    for _ in range(rounds):  # (``តារាថៃវ័យក្មេង``, ``កីឡាករបាល់ទាត់ជម្រើសជាតិកម្ពុជា``: in any order)
        cut = words
        if words.endswith(_ROLE_MODIFIER_ENDINGS):
            for modifier in _ROLE_MODIFIERS_LONGEST_FIRST:
                if words.endswith(modifier) and len(words) > len(modifier):
                    cut = words[:-len(modifier)]
                    break
        if cut == words:
            for i in range(1, len(words)):  # the longest place at the end (not a village ``ក``)
                places = lex.places.get(words[i:].replace(" ", "")) if _at_cluster_start(words, i) else None
                if places and any(p.kind in _FREE_PLACE_KINDS for p in places):
                    cut = words[:i]
                    break
        if cut == words:
            return words
        words = cut
    return words


_KHMER_TAIL_RE = re.compile(f"[{_KHMER_LETTER}{_MARKS}]+$")
_NATIONALITY_WORD = fold("សញ្ជាតិ")
#: high offices followed by their portfolio (``រដ្ឋមន្ត្រីការបរទេស``, ``អគ្គលេខាធិការអង្គការ...``)
_OFFICE_RE = re.compile("(?:" + "|".join(fold(w) for w in ("រដ្ឋមន្ត្រី", "អគ្គលេខាធិការ", "ប្រធាន", "អភិបាល",
                                                         "អគ្គនាយក", "នាយក", "ឯកអគ្គរដ្ឋទូត", "អ្នកនាំពាក្យ"))
                        + f")[{_KHMER_LETTER}{_MARKS}]{{0,14}}$")


def _office_before(words: str) -> bool:
    """``រដ្ឋមន្ត្រីការបរទេស`` before a Latin-script name: an office and its portfolio."""
    match = _OFFICE_RE.search(words)
    return match is not None and (match.start() == 0 or not _KHMER_LETTER_OR_MARK(words[match.start() - 1]) or
                                  words[max(0, match.start() - 4):match.start()].endswith(("អតីត", "ជា", "លោក")))
#: one capitalized Latin word right after a Khmer word: ``កីឡាករ Bale``, ``គ្រូបង្វឹក Zidane``
#: (no look-behind: a pattern that starts with a capital letter is scanned far faster; the Khmer
#: word before it is checked in Python)
#: (eighth pass: stage names written in camel case, ``YoonA``, ``BamBam``, are single names too)
_LATIN_SINGLE_RE = re.compile(r"[A-Z][a-z]{2,}(?:[A-Z][a-z]*)?(?![A-Za-z0-9]| [A-Z])")
#: an age written between a role and a name (``តារាចម្រៀងស្រីវ័យ២៩ឆ្នាំ YoonA``)
_AGE_BEFORE_NAME_RE = re.compile(f"(?:{fold('វ័យ')}|{fold('អាយុ')}) ?[0-9០-៩]{{1,3}} ?{fold('ឆ្នាំ')}$")
#: music genres and the like written after ``តារាចម្រៀង``
_KING = fold("ស្តេច")
_NOT_SINGLE_NAMES = frozenset("Pop Kpop Rock Rap Hip Jazz Idol Youtuber YouTuber Facebook Page".split())


def _find_latin_single_after_roles(text: str, cands: list[_Cand]) -> None:
    """A one-word Latin-script name right after a role word for people (``កីឡាករ Bale``,
    ``កីឡាការិនី Smith``): a partial name, a person by the guidelines."""
    lex = lexicon()
    roles = _person_roles()
    found: set[str] = set()
    for match in _LATIN_SINGLE_RE.finditer(text):
        start = match.start()
        before_at = start - 2 if start >= 2 and text[start - 1] == " " else start - 1
        if before_at < 0 or not "\u1780" <= text[before_at] <= "\u17ff":
            continue
        name = match.group()
        if name in _NOT_SINGLE_NAMES or name in _ORG_WORDS or name in lex.orgs or name in lex.places:
            continue
        before = text[max(0, before_at - 29):before_at + 1]
        age = _AGE_BEFORE_NAME_RE.search(before) if "ឆ្នាំ" in before else None
        if age is not None:  # the role before the age
            cut = before_at + 1 - len(age.group())
            before = text[max(0, cut - 29):cut].rstrip(" ")
        if not before.endswith(roles):  # (session 19) a country or a word of praise after it: ``តារាថៃ Napat``
            run = _KHMER_TAIL_RE.search(before)
            if run is None:
                continue
            before = before[:run.start()] + _without_place_or_modifier(run.group(), lex)
        if before.endswith(roles) and not before.endswith(_KING):  # ``ស្តេច Dahshur``: a place
            found.add(name)
    for name in found:  # the name again elsewhere, as a whole word (``Bale បាននិយាយថា``)
        # (with a first name written before it: ``Leroy Sane``)
        for match in re.finditer(rf"(?<![A-Za-z0-9@/.\-])(?:[A-Z][a-z'\-]+ )?{name}(?![A-Za-z0-9\-]| [A-Z])", text):
            cands.append(_Cand("person", match.start(), match.end(), "person.role_latin", None, priority=0))

#: verbs of saying and doing written right after a person's name (``Diego Costa រកបាន…``, ``X បានប្រាប់``)
_VERBS_AFTER_NAME = tuple(sorted((fold(w) for w in (
    "បាន", "ថ្លែង", "និយាយ", "ប្រាប់", "បញ្ជាក់", "លើកឡើង", "សរសេរ", "បង្ហោះ", "ឆ្លើយ", "អះអាង", "ទទួលស្គាល់",
    "យល់ថា", "ត្រូវបាន", "កំពុង", "ធ្លាប់", "នឹង", "រកបាន", "ឈឺចិត្ត", "សម្តែង", "ចង់", "មិនបាន", "ក៏បាន",
    # (twentieth pass) "is a star / a player / a singer" (``Ice Apissada ជាតារាស្រីមានប្រជាប្រិយ``)
    "ជាតារា", "ជាកីឡាករ", "ជាកីឡាការិនី", "ជាអ្នកចម្រៀង", "ជាតួ", "ដែលជាតារា", "ដែលជាកីឡាករ")),
    key=len, reverse=True))
#: words before a Latin-script name that make it a team, a band, a brand or a company
_NOT_PERSON_BEFORE_LATIN = tuple(fold(w) for w in ("ក្រុម", "ក្រុមហ៊ុន", "ម៉ាក", "ក្លឹប", "ក្រុមតន្ត្រី", "ហាង",
                                                    "កម្មវិធី", "គេហទំព័រ", "ទំព័រ", "កាសែត", "ទូរទស្សន៍", "វិទ្យុ",
                                                    "ប្រព័ន្ធ", "ស៊េរី", "ម៉ូដែល", "ផលិតផល", "ខ្សែភាពយន្ត", "រឿង",
                                                    "បទ", "អាល់ប៊ុម", "ពានរង្វាន់", "ព្រឹត្តិការណ៍", "កម្មវិធី",
                                                    # (twentieth pass) devices and vehicles, and the
                                                    # group a member belongs to (``សមាជិក Red Velvet``)
                                                    "ឧបករណ៍", "ម៉ាស៊ីន", "ទូរស័ព្ទ", "កាមេរ៉ា", "រថយន្ត", "ម៉ូតូ",
                                                    "សមាជិក", "សមាជិកក្រុម"))


#: (twentieth pass) music genres written after a band word (``ក្រុមចម្រៀង Kpop``): no band's name
_GENRES = frozenset("Kpop K-pop K-Pop KPOP Jpop J-pop Pop Rock Hip-hop Hip-Hop EDM".split())
#: capitalized words of Latin-script names of things (media, products, events, features), not of people
_NOT_NAME_WORDS = frozenset("""
The A An Mail Daily Dail Tube Vlog Channel Zoom Hybrid Championships Championship World Bay Gorges Lake River
Mountain Island Beach Park Hotel Resort Restaurant Cafe Coffee Pro Plus Max Mini Lite Edition Series Cup Tour
Open Awards Festival Phone Galaxy Smart Online Live Music Studio Official Page Fan Fans Shop Store Mall Center
Centre Tower Bridge Road Street Avenue Airport Station Ocean Sea Gulf Strait Valley Hill Hills Square Plaza
Spring Summer Winter Autumn Day Night Week Year
""".split())


@functools.cache
def _VERB_AFTER_LATIN_RE() -> re.Pattern:
    """The last letter of a Latin-script word right before one of those verbs (a cheap first scan)."""
    return re.compile("[a-z](?= ?(?:" + trie_pattern(_VERBS_AFTER_NAME) + "))")


@functools.cache
def _latin_place_words() -> frozenset[str]:
    words: set[str] = set()
    for places in lexicon().places.values():
        for place in places:
            if place.kind in _FREE_PLACE_KINDS and place.english and place.english.isascii() and \
                    " " not in place.english:
                words.add(place.english)  # (one-word names only: ``Costa`` is not ``Costa Rica``)
    return frozenset(words)


def _find_latin_before_verbs(text: str, cands: list[_Cand]) -> None:
    """A Latin-script name of two or three capitalized words with no title or role before it, right
    before a verb of saying or doing (``Diego Costa រកបាន៤គ្រាប់``), and its last word standing alone
    elsewhere (``Costa បាន…``). Teams, brands, places and organizations are left out."""
    lex = lexicon()
    place_words = _latin_place_words()
    surnames: set[str] = set()
    for verb in _VERB_AFTER_LATIN_RE().finditer(text):
        e0 = verb.start() + 1
        match = next((m for m in _LATIN_PERSON_RE.finditer(text, max(0, e0 - 60), e0) if m.end() == e0), None)
        if match is None:
            continue
        s0 = match.start()
        if s0 and text[s0 - 1].isascii() and (text[s0 - 1].isalpha() or text[s0 - 1] in "-'&.@/_"):
            continue
        after = e0 + 1 if e0 < len(text) and text[e0] == " " else e0
        if not text.startswith(_VERBS_AFTER_NAME, after):
            continue
        name = match.group()
        words = name.split()
        if any(_latin_thing_word(w) or w in place_words
               for w in words) or \
                key(name) in lex.orgs or name in _PLATFORMS:
            continue
        before = text[max(0, s0 - 14):s0].rstrip(" ")
        if before.endswith(_NOT_PERSON_BEFORE_LATIN) or _named_thing_before(text, s0):
            continue
        cands.append(_Cand("person", s0, e0, "person.latin_verb", None, priority=0))
        surnames.add(words[-1])
    for name in surnames:  # the surname again where it stands alone (``Zidane យល់ថា…``)
        for start, end in _standalone_latin_word(text, name):
            cands.append(_Cand("person", start, end, "person.latin_verb", None, priority=0))


_NOT_BEFORE_STANDALONE = _ASCII_ALNUM | frozenset("@/.-")
_NOT_AFTER_STANDALONE = _ASCII_ALNUM | frozenset("-")
_LATIN_WORD_CHARS_RE = re.compile(r"[A-Za-z'\-]+")


def _standalone_latin_word(text: str, name: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(rf"(?<![A-Za-z0-9@/.\\-])(?<![A-Za-z] ){name}(?![A-Za-z0-9\\-]| [A-Z])",
    text)``: ``name`` standing alone as a whole Latin word. Found with ``str.find`` when ``name`` is
    plain letters (always, from the name patterns): compiling one regex per name cost more than the
    whole search."""
    if not _LATIN_WORD_CHARS_RE.fullmatch(name):
        return [m.span() for m in
                re.finditer(rf"(?<![A-Za-z0-9@/.\-])(?<![A-Za-z] ){name}(?![A-Za-z0-9\-]| [A-Z])", text)]
    spans = []
    size, length = len(name), len(text)
    at = text.find(name)
    while at >= 0:
        end = at + size
        if (at == 0 or text[at - 1] not in _NOT_BEFORE_STANDALONE) and \
                not (at >= 2 and text[at - 1] == " " and text[at - 2] in _ASCII_LETTERS) and \
                not (end < length and (text[end] in _NOT_AFTER_STANDALONE or
                                       text[end] == " " and end + 1 < length and "A" <= text[end + 1] <= "Z")):
            spans.append((at, end))
            at = text.find(name, end)  # (matches do not overlap)
        else:
            at = text.find(name, at + 1)
    return spans


#: last words of Latin-script organization names (``Prachachat Party``, ``Volkswagen Group``)
_LATIN_ORG_LAST = frozenset("""
League Party Group United FC Bank University Institute Association Company Corporation Corp Inc Ltd
Ltd. LTD Club Foundation Agency Council Ministry Fund Times Post Journal Airlines Airways Motors
Holdings Organization Organisation Federation Union Committee Commission Academy College Hospital
Network Television Press Herald Tribune Gazette Watch Alliance Society Authority Department
Bureau Service Services Studios Entertainment Records Media Telecom Mobile Group. Co. Co Partners
Bank. Insurance Capital Investment Investments Industries Enterprises Trading Construction
Publishing Pictures Productions Production
""".split())  # (twentieth pass: publishers and film studios, ``JYP Publishing``, ``Red Spark Production``)


def _latin_thing_word(word: str) -> bool:
    """A word of a Latin-script name of an organization, a product, a medium or an event, never of a
    person's (``Bank``, ``Times``, ``Galaxy``, ``Cup``)."""
    return word in _ORG_WORDS or word in _LATIN_ORG_LAST or word in _NOT_NAME_WORDS


def _behind_first_letter(words: Iterable[str], behind: str) -> str:
    """``(?<=behind)(?:trie of words)`` written as ``W(?<=behindW)(?:trie of the rest)`` for each first
    letter ``W``: the same matches, but a pattern that starts with a letter is scanned fast, one that
    starts with a look-behind tries it at every position."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    if not all(all(rest) for rest in groups.values()):
        raise ValueError("one-letter words are not handled")
    return "(?:" + "|".join(f"{re.escape(c)}(?<={behind}{re.escape(c)})(?:{trie_pattern(sorted(rest))})"
                            for c, rest in sorted(groups.items())) + ")"


_LATIN_ORG_LAST_RE = re.compile(_behind_first_letter(_LATIN_ORG_LAST, "[A-Za-z.’'] ") + r"(?![A-Za-z0-9]| [A-Z])")
_LATIN_WORD_BEFORE_RE = re.compile(r"(?<![A-Za-z0-9&'’.\-])[A-Za-z&][A-Za-z&'’.\-]*\Z")
_LATIN_WORD_CHARS = _ASCII_LETTERS | frozenset("&'’.-")  # its last class
_LATIN_ORG_INNER = frozenset(("of", "and", "for", "de", "&", "the"))
#: ``ក្រុម Real Madrid``, ``ក្រុម Big Bang``: a team or band named in Latin script (the word stays outside)
_TEAM_LATIN_RE = re.compile(r"(?:ក្រុម|ក្រុមតន្ត្រី|ក្រុមបាល់ទាត់) ?(?=[A-Z])")


_LATIN_OF_TAIL_RE = re.compile(r" (?:of|for) (?:the )?[A-Z][a-z][A-Za-z]*(?:-[A-Z]?[a-z]+)*"
                               r"(?: [A-Z][a-z][A-Za-z]*(?:-[A-Z]?[a-z]+)*){0,3}(?![A-Za-z0-9])")
#: (fifteenth pass) a Latin name after a head word, with French and English joining words inside it
#: (``អង្គការ Terre des Hommes``, ``École Nationale Supérieure d’Architecture de Paris-Malaquais``)
#: (Latin letters only after the capital: ``\w`` also takes Khmer consonants, so a name glued to a
#: Khmer word by a zero-width space took its first consonant: ``Paris-Sud\u200bន``)
_LATIN_JOINED_NAME_RE = re.compile(r"[A-ZÀ-Ý][A-Za-z0-9À-ÖØ-öø-ÿ_'’\-]*(?: (?:(?:des|de|du|la|le|of|for|and|the|et) |d[’'])"
                                   r"[A-ZÀ-Ý][A-Za-z0-9À-ÖØ-öø-ÿ_'’\-]*| [A-ZÀ-Ý][A-Za-z0-9À-ÖØ-öø-ÿ_'’\-]*){1,7}")


def _find_latin_orgs(text: str, cands: list[_Cand]) -> None:
    """Latin-script names that end with an organization word, and Latin names after ``ក្រុម``."""
    for match in _LATIN_ORG_LAST_RE.finditer(text):
        # walk back over capitalized words (and ``of``, ``and``, ``&``...) written before the last word
        start = match.start()
        capitals = 0
        while start >= 2 and text[start - 1] == " ":
            # (the only start the pattern can match is where the run of word characters before
            # ``start - 1`` begins: search from there, not from the top of the article)
            run_start = start - 1
            while run_start > 0 and text[run_start - 1] in _LATIN_WORD_CHARS:
                run_start -= 1
            word = _LATIN_WORD_BEFORE_RE.search(text, run_start, start - 1)
            if word is None:
                break
            if word.group()[0].isupper():
                capitals += 1
            elif word.group() not in _LATIN_ORG_INNER:
                break
            start = word.start()
        while text[start:start + 4] in ("of ", "and ", "for ", "de ", "& ", "the "):
            start = text.index(" ", start) + 1
        if capitals:
            # (fifteenth pass) ``Poly-Technic Institute of Preah Sihanouk``: the name goes on after
            # the organization word with ``of`` and capitalized words
            after = _LATIN_OF_TAIL_RE.match(text, match.end())
            cands.append(_Cand("org", start, after.end() if after else match.end(), "org.latin", None, priority=2))
    for match in _TEAM_LATIN_RE.finditer(text):
        name = _LATIN_NAME_RE.match(text, match.end())
        if name is None:
            continue
        end = _trim_latin(text, match.end(), name.end())
        if end - match.end() >= 2 and not _ACRONYM_ONLY_RE.fullmatch(text[match.end():end]):
            cands.append(_Cand("org", match.end(), end, "org.team_latin", None, priority=1))


_REPEATABLE_ORG_RULES = frozenset(("org.head_latin",))


def _find_org_repeats(text: str, cands: list[_Cand]) -> None:
    """A Latin-script organization name found after a head word (``សហគមន៍ Southside``) is the same
    organization where it stands again alone, as a whole word (not when the same words were also
    found as a person, and not credited sources: they are often a person's Facebook page)."""
    people = {text[c.start:c.end] for c in cands if c.kind == "person"}
    names = {text[c.start:c.end] for c in cands if c.rule in _REPEATABLE_ORG_RULES and c.end - c.start >= 4}
    for name in names - people:
        if name in _NOT_SINGLE_NAMES or " " not in name and not name[:1].isupper():
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not _latin_inside_word(text, at, end) and not _latin_after_place_cue(text, at) and \
                    not _product_line_after(text, end):
                cands.append(_Cand("org", at, end, "org.repeat", None, priority=0))
            at = text.find(name, end)


def _find_coordinated(text: str, persons: list[_Cand], stops: frozenset[str],
                      soft: frozenset[int]) -> list[_Cand]:
    """``លោក ខេមរៈ សិរីមន្ត និង ពេជ្រ សោភា``: a two-word Khmer name (or a Latin one) joined by
    ``និង`` to a person found by a title is a person too."""
    found = []
    for person in persons:
        match = _AND_RE.match(text, person.end)
        listed = match is None and _AGE_IN_LIST_RE.match(text, person.end)
        if listed:
            # (session 20) a list of people each with an age or a sex: ``សុខ ពិសិដ្ឋ អាយុ ១០ឆ្នាំ និង
            # សុខ ពិសាល អាយុ ១២ឆ្នាំ``; the next name must be followed by its own age, sex or nickname
            name = _name_after(text, listed.end(), stops, soft)
            if name is not None and " " in text[name[0]:name[1]] and not text[name[0]].isascii() and \
                    _clusters_in(text[name[0]:name[1]]) <= 8 and \
                    (_sex_or_age_after(text, name[1]) or _ALIAS_RE.match(text, name[1]) is not None) and \
                    not _patterns().titles.match(text, name[0]) and not _ROLE_RE.match(text, name[0]):
                found.append(_Cand("person", name[0], name[1], "person.and", None, priority=1))
            continue
        if match is None:
            continue
        pos = match.end()
        if _patterns().titles.match(text, pos) or _person_role_re().match(text, pos) or _ROLE_RE.match(text, pos):
            continue  # a title (found by the title rule) or a role noun (``និងតួឯកស្រី អ៊ុក ម៉ានិកា``)
        name = _name_after(text, pos, stops, soft)
        if name is None:
            continue
        words = text[name[0]:name[1]]
        if words[0].isascii() != text[person.start].isascii():
            continue  # a list of names is written in one script
        if (words[0].isascii() and " " in words) or (" " in words and _clusters_in(words) <= 8 and
                                                      text[match.start():match.end()].strip() in ("និង", ",")):
            found.append(_Cand("person", name[0], name[1], "person.and", None, priority=1))
    return found


_AND_RE = re.compile(" ?និង ?| ?, ?(?=[A-Z\u1780-\u17b3])")  # (twentieth pass: Khmer names listed with commas)
#: an age or a sex after a person in a list, then the next one (``អាយុ ២៤ឆ្នាំ``, ``ភេទប្រុស អាយុ៣០ឆ្នាំ និង``)
_AGE_IN_LIST_RE = re.compile(f"(?: ?(?:{fold('អាយុ')} ?[0-9០-៩]{{1,3}} ?{fold('ឆ្នាំ')}|{fold('ភេទ')} ?(?:{fold('ប្រុស')}|{fold('ស្រី')}))"
                             f" ?,?)+ ?(?:{fold('និង')} ?)?")


def _find_end_byline(text: str, stops: frozenset[str], soft: frozenset[int]) -> list[_Cand]:
    """A by-line: a last line holding only a short name (``\n រស្មី``, ``ដោយ យ៉ន សុខន``)."""
    stripped = text.rstrip()
    # (the pattern holds one line break, its first character, and runs to the end: only the last
    # line break can start it, so search from there instead of trying every line)
    last_break = stripped.rfind("\n")
    match = _END_LINE_RE.search(stripped, last_break) if last_break >= 0 else None
    if not match:
        return []
    line = match.group(1).strip()
    start = match.start(1) + match.group(1).find(line)
    if not line or _clusters_in(line) > 8 or not all(_CLUSTER_RE.fullmatch(ch) or ch == " " for ch in
                                                    _CLUSTER_RE.findall(line) + [c for c in line if c == " "]):
        return []
    if not _KHMER_RUN_RE.fullmatch(line.replace(" ", "")) or line.count(" ") > 1:
        return []
    title = _patterns().titles.match(text, start)
    if title is not None and _at_cluster_end(text, title.end()) and \
            _KHMER_LETTER_OR_MARK(text[title.end():title.end() + 1]):
        # (fifteenth pass) ``ដោយ៖ កញ្ញាដាលីស``: the writer's title, then the name
        name = _name_after(text, title.end(), stops, soft)
        if name is None or name[1] != start + len(line) or _names_a_desk(line):
            return []
        return [_Cand("person", name[0], name[1], "person.byline", None, title_span=title.span(), priority=1)]
    name = _name_after(text, start, stops, soft)
    if name is None or name[1] - name[0] != len(line) or _names_a_desk(line):
        return []
    return [_Cand("person", name[0], name[1], "person.byline", None, priority=1)]


_LATIN_LIST_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_LATIN_LIST_NAME = _LATIN_LIST_WORD + r"(?: " + _LATIN_LIST_WORD + r"){0,2}"
_LATIN_LIST_NAME_RE = re.compile(_LATIN_LIST_NAME)
#: what separates the names of a list: a comma or ``និង`` ("and"), with or without spaces
_LIST_SEPARATOR = " ?, ?| ?" + fold("និង") + " ?"
#: (twentieth pass) three or more Latin-script names in a row, joined by commas or ``និង``
assert _LATIN_LIST_NAME.startswith("[A-Z]")  # (the look-behind goes after that first letter: a faster scan)
_LATIN_NAME_LIST_RE = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])" + _LATIN_LIST_NAME[5:] + "(?:(?:" + _LIST_SEPARATOR + ")" +
                                 _LATIN_LIST_NAME + r"){2,}(?![A-Za-z0-9])")


@functools.cache
def _latin_known_names() -> frozenset[str]:
    """Latin-script names of listed places and organizations, and their words: a list that holds one
    of them is a list of places, clubs or brands, not of people."""
    lex = lexicon()
    names = {place.english for places in lex.places.values() for place in places
             if place.english and place.kind in _FREE_PLACE_KINDS}  # (not villages: ``Chen``, ``Lu``)
    names |= {org.english for org in lex.orgs.values() if org.english}
    names |= {org.name for org in lex.orgs.values() if org.name.isascii()}
    return frozenset(names)


def _latin_first_names_alone(text: str, cands: list[_Cand]) -> None:
    """(twentieth pass) The first or the last word of a Latin-script person's name standing alone
    elsewhere is the same person, a partial name (``Pope`` after ``Pope Thanawat``, ``Mint`` after
    ``Mint Chalida``, ``McIntyre`` after ``Taymor McIntyre``); not a word of an organization, a thing
    or a listed place or organization."""
    known = _latin_known_names()
    names = [text[c.start:c.end].split(" ") for c in cands
             if c.kind == "person" and text[c.start].isascii() and " " in text[c.start:c.end]]
    for word in {w for name in names for w in (name[0], name[-1])}:
        if len(word) < 3 or not word[0].isupper() or word.isupper() or not word.isalpha() or word in known or \
                _latin_thing_word(word):
            continue
        for start, end in _standalone_latin_word(text, word):
            cands.append(_Cand("person", start, end, "person.latin_first", None, priority=0))


_LATIN_PERSON_RULES = frozenset(("person.latin_verb", "person.latin_list", "person.role_latin",
                                 "person.latin_given"))


def _find_latin_name_lists(text: str, cands: list[_Cand]) -> None:
    """Twentieth pass: Latin-script names listed with commas or ``និង`` (``Hu Ge, Chen Kun និង Yang
    Yang``), most of them of two or three words, none a listed place or organization and none holding
    an organization word, are people (film casts, squads); lists of brands or places are written with
    one-word names or hold a listed one."""
    if ", " not in text and "," not in text:
        return
    known = _latin_known_names()
    taken = [(c.start, c.end) for c in cands if c.kind != "person"]
    for match in _LATIN_NAME_LIST_RE.finditer(text):
        items = [(m.start() + match.start(), m.end() + match.start())
                 for m in _LATIN_LIST_NAME_RE.finditer(match.group())]
        names = [text[a:b] for a, b in items]
        if len(items) < 3 or 3 * sum(" " in n for n in names) < 2 * len(items):
            continue
        if any(n in known or any(w in known or w in _ORG_WORDS for w in n.split()) for n in names):
            continue
        for start, end in items:
            if not any(a < end and start < b for a, b in taken):
                cands.append(_Cand("person", start, end, "person.latin_list", None, priority=1))


def _find_latin_lists(text: str, cands: list[_Cand]) -> None:
    """Enumerated Latin-script names (``ទី១២៧ Saing Sarin ៥០ដុល្លារ``): three or more in one text
    make a list of names, each a person (or an organization when it says so: ``... Branch``)."""
    if len(_LIST_HINT_RE.findall(text)) < 3:
        return  # (a cheap test first: the full pattern is slow to scan)
    items = list(_LIST_NAME_RE.finditer(text))
    if len(items) < 3:
        return
    for match in items:
        offset = match.start(1)
        for part in _LIST_SPLIT_RE.split(match.group(1)):
            start = text.index(part, offset)
            end = start + len(part)
            offset = end
            words = part.split()
            if part.startswith("H.E ") or part.startswith("H.E. "):
                start += len(words[0]) + 1
            if not any(w[:1].isupper() for w in words):
                continue
            kind = "org" if any(w in _ORG_WORDS for w in words) else "person"
            cands.append(_Cand(kind, start, end, f"{kind}.list", None, priority=1))


def _find_glosses(text: str, cands: list[_Cand]) -> None:
    """A Latin-script gloss in parentheses after a mention names the same thing:
    ``បូរីស ចនសុន (Boris Johnson)``, ``ហ្គារ៉ាល់ហូស (Guarulhos)``."""
    if "(" not in text:
        return  # (every gloss is in parentheses: the pattern starts with an optional space, a slow scan)
    ends: dict[int, _Cand] = {}
    for cand in cands:
        if cand.kind in ("person", "org", "loc"):
            best = ends.get(cand.end)
            if best is None or cand.end - cand.start > best.end - best.start:
                ends[cand.end] = cand
    for match in _matches_of(text, _GLOSS_STARTS, _GLOSS_RE):
        before = ends.get(match.start())
        if before is None or _ACRONYM_ONLY_RE.fullmatch(match.group(1)):
            continue
        start = match.start(1)
        first = match.group(1).split(" ", 1)
        if before.kind == "person" and first[0] in _LATIN_HONORIFICS and len(first) > 1:
            start += len(first[0]) + 1  # (fourteenth pass) ``(Khunying Sudarat Keyuraphan)``: a title
        cands.append(_Cand(before.kind, start, match.end(1), f"{before.kind}.gloss", None, priority=1))


def _transliterated_names(text: str, cands: list[_Cand], soft: frozenset[int]) -> None:
    """(Eighteenth pass) A Khmer name and its Latin spelling in parentheses, word for word
    (``សឺជី រ៉ូបឺតូ (Sergi Roberto)``, ``ហ្វ្រែងគី ដឺ ចុង (Frenkie de Jong)``): a Latin gloss of two to
    four capitalized words (particles such as ``de`` allowed) that names no listed place or
    organization and holds no organization word, after as many Khmer words, none a stop word or a
    title, is a person twice: both spellings."""
    stops = lexicon().name_stops
    titles = _patterns().titles
    places = _latin_places()[0]
    not_persons = [(c.start, c.end) for c in cands if c.kind != "person"]
    for match in _matches_of(text, _GLOSS_STARTS, _TRANSLITERATION_GLOSS_RE):
        latin = match.group(1)
        words = latin.split(" ")
        ls, le = match.span(1)
        if words[0] in _LATIN_HONORIFICS and len(words) > 2:  # ``(Oknha Paul Blanche-Horgan)``: a title
            ls += len(words[0]) + 1
            latin, words = latin[len(words[0]) + 1:], words[1:]
        kind = "org" if any(w in _ORG_WORDS or w in _GLOSSED_ORG_WORDS for w in words) else "person"
        if not 2 <= len(words) <= 4 or kind == "person" and any(
                w in _NOT_NAME_WORDS or w in _NOT_GLOSSED_NAME_WORDS for w in words) or latin in places or \
                key(latin) in lexicon().orgs or any(s <= ls < e for s, e in not_persons):
            continue
        end = match.start()
        start, found = end, 0
        # as many Khmer words as Latin ones, or as the parts of its hyphenated words (``Saint-Maximin``:
        # ``ស៊ាំង ម៉ាហ្ស៊ីមីន``, session 19)
        parts = len(latin.replace("-", " ").split())
        while found < parts:
            # (from the line break or space before the word: the text before it cannot hold the match)
            floor = max(text.rfind(" ", 0, max(0, start - 2)), text.rfind("\n", 0, max(0, start - 2))) + 1
            word = _WORD_BEFORE_RE.search(text, floor, start)
            if word is None or _clusters_in(word.group(1)) > 6 or \
                    _stopped_word(text, word.start(1), word.group(1), stops, found in (len(words) - 1, parts - 1)) or \
                    titles.match(text, word.start(1)) or _person_role_re().match(text, word.start(1)):
                break
            start, found = word.start(1), found + 1
            if found == len(words):
                full_start = start  # (the words of the name, if the parts do not all stand apart)
            if start == 0 or text[start - 1] != " ":
                break
        if found != parts and found >= len(words):
            start, found = full_start, len(words)
        if found in (len(words), parts) and not any(s < end and start < e for s, e in not_persons):
            khmer = _Cand(kind, start, end, f"{kind}.transliterated", None, priority=1)
            cands.append(khmer)
            cands.append(_Cand(kind, ls, le, f"{kind}.transliterated", None, priority=1))
            if kind == "person":
                _find_repeats(text, [khmer], cands, soft)  # (the name, or its last word, again further on)


def _stopped_word(text: str, start: int, word: str, stops: frozenset[str], first: bool) -> bool:
    """Whether a Khmer word before a Latin gloss cannot be part of the name: it is a function word, or
    begins with one; a later word of the name may begin with a one-cluster one (``យ៉ត ពីឈីត (Yorth
    Pichhit)``), the first may not (``និង…``, ``ដោយ…``)."""
    stop = _stop_at(text, start, stops)
    if stop is None:
        return False
    return first or stop == word or _clusters_in(stop) > 1


#: words that make a glossed name an organization's (``វីដា ហូថែល (Vida Hotels)``: final21)
_GLOSSED_ORG_WORDS = frozenset("Hotel Hotels Resort Resorts Hospitality Airlines Airways Motors".split())
#: words of buildings and streets that never stand in a personal name (beside ``_NOT_NAME_WORDS``)
_NOT_GLOSSED_NAME_WORDS = frozenset("Hotels Boulevard Street Road Avenue Tower Towers Centre City Plaza Residence "
                                    "Garden Gardens Square Bridge Airport Port Market Village Hospital School "
                                    "Academy Award".split())
#: a Latin-script name of capitalized words (and name particles) in parentheses after a Khmer word
# (the look-behind after the space or the parenthesis, not before: a pattern that starts with a literal
# is scanned far faster than one tried at every position)
# (session 19: accented letters, ``Jean-François``)
_TRANSLITERATION_GLOSS_RE = re.compile(r"(?: (?<=[\u1780-\u17d3] )\(|\((?<=[\u1780-\u17d3]\()) ?"
                                       r"((?:[A-ZÀ-Ý][a-zß-ÿ'\-]+(?:-[A-ZÀ-Ý][a-zß-ÿ']+)*|de|van|der|da|di|bin|al|dos|del)"
                                       r"(?: (?:[A-ZÀ-Ý][a-zß-ÿ'\-]+(?:-[A-ZÀ-Ý][a-zß-ÿ']+)*|de|van|der|da|di|bin|al|dos|del)){1,3}) ?\)")
#: the Khmer word that ends where the search stops, after a space or at a line's start (session 19: with
#: the zero-width spaces a publisher's word breaker put between its syllables, ``ម៉ា\u200bហ្ស៊ី\u200bមីន``)
_WORD_BEFORE_RE = re.compile(f"(?:^|(?<=[ \n]))([{_KHMER_LETTER}](?:\u200b?[{_KHMER_LETTER}{_MARKS}])*)\u200b? ?$")


#: honorifics written before a Latin-script name in a gloss (they are titles, outside the name)
_LATIN_HONORIFICS = frozenset(("Khunying", "Khun", "Oknha", "Samdech", "Excellency", "Mr", "Mrs", "Ms", "Dr"))


#: surnames that are also function words (``តែ ប៊ុនថេង``, ``ជា ស៊ីម``): a name only when written
#: alone and followed by a space and a word that is not a stop word
_SURNAME_STOPS = frozenset(fold(w) for w in ("តែ", "ជា", "មាន", "ទេ", "ឯក", "គិត", "រស់", "សួរ", "មាស",
                                              "ស", "ពេជ្រ", "យស", "ដួង", "ខៀវ"))


def _glued_surname_end(text: str, pos: int, stops: frozenset[str]) -> int | None:
    """``ថាច់ ដាវី``: a short first word that only begins like a one-cluster function word, written
    alone before a space and a second name word: the end of that first word, or None."""
    run = _CLUSTER_RUN_RE.match(text, pos)
    if run is None:
        return None
    end = run.end()
    count = _clusters_in(text[pos:end])
    if not 2 <= count <= 3 or _clusters_in(_stop_at(text, pos, stops) or "") != 1:
        return None
    first_end = _CLUSTER_RE.match(text, pos).end()
    if any(_stop_at(text, i, stops) for i in range(first_end, end) if _at_cluster_start(text, i)):
        return None
    if end + 1 >= len(text) or text[end] != " " or not _CLUSTER_RE.match(text, end + 1) or \
            _stop_at(text, end + 1, stops) is not None:
        return None
    return end


def _surname_stop(text: str, pos: int, stops: frozenset[str]) -> bool:
    word = _stop_at(text, pos, stops)
    end = pos + len(word) if word else pos
    if word not in _SURNAME_STOPS or end + 1 >= len(text) or text[end] != " ":
        return False
    return _CLUSTER_RE.match(text, end + 1) is not None and _stop_at(text, end + 1, stops) is None


_CAPITALIZED_BEFORE_RE = re.compile(r"[A-Z][A-Za-z'\-]* $")
_CAPITALIZED_AFTER_RE = re.compile(r" [A-Z][a-z]")


#: capitalized words that begin a credit or a phrase, not a name (``By Kosal``, ``Photo Reuters``)
_NOT_GIVEN_NAMES = frozenset(("By", "And", "Or", "Of", "The", "With", "From", "For", "To", "In", "On", "At",
                              "Photo", "Photos", "Source", "Via", "Credit", "Mr", "Mrs", "Ms", "Dr", "Team",
                              "Club", "Coach", "Captain", "President", "King", "Queen", "Prince", "Princess"))


def _given_name_before(text: str, start: int, end: int) -> int:
    """Where a Latin surname at ``start:end`` begins with its given name: the start of the one
    capitalized word before it (``Manny`` of ``Manny Pacquiao``), when no other capitalized word is
    next to the two; ``start`` otherwise."""
    before = _CAPITALIZED_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is None or before.group()[:-1] in _NOT_GIVEN_NAMES or _CAPITALIZED_AFTER_RE.match(text, end) or \
            _CAPITALIZED_BEFORE_RE.search(text, max(0, before.start() - 30), before.start()) or \
            (before.start() and text[before.start() - 1].isascii() and text[before.start() - 1].isalnum()):
        return start
    return before.start()


def _inside_latin_name(text: str, start: int, end: int) -> bool:
    """Whether the Latin words at ``start:end`` are part of a longer run of capitalized words
    (``Boram`` in ``Boram Tube Vlog``, ``Pacquiao`` in ``Manny Pacquiao``): that run is another name."""
    return _CAPITALIZED_BEFORE_RE.search(text, max(0, start - 30), start) is not None or \
        _CAPITALIZED_AFTER_RE.match(text, end) is not None


def _find_repeats(text: str, persons: list[_Cand], cands: list[_Cand],
                  soft: frozenset[int] = frozenset()) -> None:
    """Names already found after a title or cue, found again where they stand without one.

    Only names of two words or of three clusters or more, so that a short given name alone
    (a common word as often as not) is not taken everywhere. The given name alone after the full
    name (``សុវណ្ណតារា`` after ``អេង សុវណ្ណតារា``) is a partial name, a person by the guidelines:
    taken when it has three clusters or more, is not a listed word, and stands as a whole word.
    """
    names = set()
    given_names: dict[str, tuple[int, str]] = {}  # given name -> (where it may start, surname)
    short_given: dict[str, tuple[int, str]] = {}  # two-cluster given names: only before a verb of speech
    stage_names: set[str] = set()  # one-word names found after a star's or a player's role
    titled_words: dict[str, tuple[int, set[str], set[int]]] = {}  # one-word names after a title -> (end,
    # titles, where they stand)
    lex = lexicon()
    for person in persons:
        name = text[person.start:person.end]
        if person.title_span is not None and " " not in name and "\u200b" not in name and not name.isascii() and \
                _clusters_in(name) >= 2 and name not in lex.name_stops and key(name) not in lex.places and \
                name not in lex.orgs:
            end, titles, starts = titled_words.get(name, (person.end, set(), set()))
            titled_words[name] = (min(end, person.end), titles | {text[slice(*person.title_span)].strip()},
                                  starts | {person.start})
        if person.rule == "person.role" and " " not in name and not name.isascii() and \
                name not in lex.name_stops and name not in lex.places and name not in lex.orgs:
            stage_names.add(name)  # (twenty-fourth pass) ``កីឡាករ មេឃា``: a one-word name after a role
        if " " in name or (name.isascii() and len(name) >= 4) or \
                (person.rule == "person.cue" and _clusters_in(name) >= 3):
            names.add(name)
            if " " in name and not name.isascii():
                names.add(name.replace(" ", ""))  # the same name written without its space
                surname, _, given = name.partition(" ")
                if " " not in given and _clusters_in(given) >= 3 and given not in lex.name_stops and \
                        given not in lex.places and given not in lex.orgs and \
                        given_names.get(given, (len(text),))[0] > person.end:
                    given_names[given] = (person.end, surname)
                elif " " not in given and _clusters_in(given) == 2 and given not in lex.name_stops and \
                        given not in lex.places and given not in lex.orgs and given not in short_given:
                    short_given[given] = (person.end, surname)  # (tenth pass)
    # (eighth pass) a repeat that begins where a title rule took a shorter name keeps that title
    # (``លោក ឡាក់ ហាក់ បានឱ្យដឹងថា`` after ``លោក ឡាក់ ហាក់ កសិករ…``)
    titled = {p.start: p.title_span for p in persons if p.title_span is not None}
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            start = at
            if name.isascii() and " " not in name and name[:1].isupper():
                start = _given_name_before(text, at, end)  # (``Manny Pacquiao`` after ``Pacquiao``)
            if _at_cluster_start(text, at) and _at_cluster_end(text, end) and \
                    not (name[-1].isascii() and text[end:end + 1].isascii() and text[end:end + 1].isalnum()) and \
                    not (name.isascii() and start == at and _inside_latin_name(text, at, end)):
                # (fifteenth pass) a Latin name is not repeated inside a longer word (``«Yoong»`` is not
                # in ``«Yoongphrodite»``)
                cands.append(_Cand("person", start, end, "person.repeat", None, title_span=titled.get(start),
                                   priority=1))
            at = text.find(name, end)
    for name, (after, surname) in given_names.items():
        if name in names:
            continue
        at = text.find(name, after)
        while at >= 0:
            end = at + len(name)
            if _word_ends(text, at, end, soft) and not _other_surname_before(text, at, surname):
                cands.append(_Cand("person", at, end, "person.given", None, priority=0))
            at = text.find(name, end)
    for name in stage_names - names - given_names.keys():
        # (twenty-fourth pass) the stage name wherever it stands as a word, before the role too (a
        # headline); with a listed family name written before it, the full name (``ម៉ឺន មេឃា``)
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if _word_ends(text, at, end, soft):
                cands.append(_Cand("person", _listed_surname_before(text, at, soft), end, "person.given", None,
                                   priority=0))
            at = text.find(name, end)
    for name, (_, titles, starts) in titled_words.items():
        # (session 18) a one-word name read after a title at two places at least (``កញ្ញា រ៉ូស``), again
        # after one of its titles where the rules could not tell where it ends (``កញ្ញារ៉ូស\u200bបង្ហើបថា``),
        # or alone between a break and a verb (``គួរជម្រាបថា រ៉ូស ជាតារា…``). (Once is not enough: ``លោក``
        # is also "he", and a word after it is read as a name before the later passes drop it.)
        if len(starts) < 2 or name in names or name in given_names or name in short_given or name in stage_names:
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if _at_cluster_start(text, at) and _word_end_at(text, end, soft) or \
                    _SHORT_GIVEN_AFTER_RE.match(text, end) and _at_cluster_end(text, end):
                window = max(0, at - 80)
                before = text[window:at].rstrip(" \u200b")
                before_end = window + len(before)
                title = next((t for t in titles if before.endswith(t)), None)
                if title is not None:
                    cands.append(_Cand("person", at, end, "person.repeat", None,
                                       title_span=(before_end - len(title), before_end), priority=1))
                elif (at == 0 or text[at - 1] in _SHORT_GIVEN_BEFORE) and _SHORT_GIVEN_AFTER_RE.match(text, end) or \
                        before_end == at and before.endswith(_NAME_PREPOSITIONS) and _word_end_at(text, end, soft):
                    # (also glued after a preposition: ``សម្រាប់រ៉ូស។``)
                    cands.append(_Cand("person", at, end, "person.given", None, priority=0))
            at = text.find(name, end)
    for name, (after, surname) in short_given.items():
        # (tenth pass) ``សុខា បាននិយាយថា`` after ``លោក ហេង សុខា``: a two-cluster given name standing
        # alone between a break and a verb of speech or action
        if name in names or name in given_names:
            continue
        at = text.find(name, after)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or text[at - 1] in _SHORT_GIVEN_BEFORE) and _SHORT_GIVEN_AFTER_RE.match(text, end) and \
                    not _other_surname_before(text, at, surname):
                cands.append(_Cand("person", at, end, "person.given", None, priority=0))
            at = text.find(name, end)


_SHORT_GIVEN_BEFORE = frozenset(" \n។៕“\"«")
#: words a name confirmed by two titled writings may stand glued after (``សម្រាប់រ៉ូស``: "for Rose")
_NAME_PREPOSITIONS = tuple(fold(w) for w in ("សម្រាប់", "របស់", "ដល់", "ជាមួយ", "ឲ្យ", "ឱ្យ", "អោយ", "ពី",
                                             "ចំពោះ", "ដោយ", "នៃ", "និង"))
_SHORT_GIVEN_AFTER_RE = re.compile(" ?(?:" + "|".join(fold(w) for w in (
    "បាន", "ថា", "ក៏", "និយាយ", "បញ្ជាក់", "មិន", "នឹង", "ត្រូវ",
    "មាន", "គឺ", "ធ្លាប់", "កំពុង", "ទទួល", "ជា")) + ")")  # (the last six: nineteenth pass, ``ជីវ៉ា មានប្រវត្តិ``)


def _listed_surname_before(text: str, at: int, soft: frozenset[int], glued: bool = False) -> int:
    """Where a listed family name written one space before ``at`` begins (``ម៉ឺន`` of ``ម៉ឺន មេឃា``),
    at a word's start or after a zero-width space (``ចំពោះ\u200bម៉ឺន មេឃា``), and with ``glued`` at any
    cluster's start inside the word before (``កីឡាករអ៊ីស្ប៉តឡុង វណ្ណះ``); ``at`` when there is none."""
    if at < 2 or text[at - 1] != " ":
        return at
    run = _KHMER_TAIL_RE.search(text, max(0, at - 24), at - 1)
    if run is None:
        return at
    surnames = _khmer_surnames()[0]
    for start in range(run.start(), at - 1):
        if (start == run.start() or start in soft or glued and _at_cluster_start(text, start)) and \
                text[start:at - 1] in surnames:
            return start
    return at


def _other_surname_before(text: str, at: int, surname: str) -> bool:
    """``សាដាំ ហូសេន`` after ``សាដំា ហូសេន``: the full name again in another spelling, not the
    given name alone (the word before begins like the surname)."""
    if at < 2 or text[at - 1] != " ":
        return False
    run = _KHMER_TAIL_RE.search(text, max(0, at - 24), at - 1)
    return run is not None and run.group()[:1] == surname[:1]


def _word_ends(text: str, start: int, end: int, soft: frozenset[int]) -> bool:
    """A given name standing alone must be a whole word on both sides."""
    before = start == 0 or start in soft or not _KHMER_LETTER_OR_MARK(text[start - 1])
    return before and _word_end_at(text, end, soft)


def _word_end_at(text: str, end: int, soft: frozenset[int]) -> bool:
    """A Khmer word ends at ``end``: the text ends, or a zero-width space, Khmer punctuation (``។``)
    or a non-Khmer character stands."""
    return end >= len(text) or end in soft or not _KHMER_LETTER_OR_MARK(text[end])


def _KHMER_LETTER_OR_MARK(ch: str) -> bool:
    """A letter or a mark of a Khmer word: the Khmer block without its punctuation and currency signs
    (U+17D4-U+17DC: ``។ ៕ ៖ ៗ ៘ ៙ ៚ ៛ ៜ``), which end a word."""
    return "\u1780" <= ch <= "\u17d3" or ch == "\u17dd"




# --- sixteenth pass: errors of the development splits, final11 included ----------------------------

_K = f"{_KHMER_LETTER}{_MARKS}\u200c\u200d"
#: a club of a sports report (``ក្លិបគីសែមានរិទ្ធ``, ``ក្លិបទ័ពឆ័ត្រយោង៩១១``) or a boxing association,
#: right after a two-word Khmer name: ``ថន ភឿត ក្លិបឃ្លាំងមឿងកីឡា`` (the fighter and the club)
_CLUB_LINE_RE = re.compile(
    f"(?:(?<=[ \\n])|^)([{_K}]+ [{_K}]+) ((?:{fold('ក្លិប')}|{fold('ក្លឹប')})[{_K}0-9០-៩]+|{fold('សមាគមប្រដាល់')})"
    f"(?=[ \\n។.,;:៖]|$)")
_CLUB_LINE_WORDS = (fold("ក្លិប"), fold("ក្លឹប"), fold("សមាគមប្រដាល់"))
_K_CHARS = frozenset(map(chr, [*range(0x1780, 0x17d4), 0x17dd, 0x200c, 0x200d]))  # (the characters of _K)


def _club_line_matches(text: str) -> list[re.Match]:
    """``list(_CLUB_LINE_RE.finditer(text))``, the pattern tried only where a match can start: two
    words back from a club word written after a space (the pattern starts with a look-behind, so a
    scan tries it at every position, ten times the cost). A match is kept when it starts after the
    previous one ends, as in ``finditer``."""
    starts = set()
    for word in _CLUB_LINE_WORDS:
        at = text.find(word)
        while at >= 0:
            space = at - 1
            if space > 0 and text[space] == " ":
                second = space
                while second > 0 and text[second - 1] in _K_CHARS:
                    second -= 1
                if second < space and second > 0 and text[second - 1] == " ":
                    first = second - 1
                    while first > 0 and text[first - 1] in _K_CHARS:
                        first -= 1
                    if first < second - 1:
                        starts.add(first)
            at = text.find(word, at + 1)
    return _matches_from(_CLUB_LINE_RE, text, starts)


#: words that make a club word generic: ``ចាកចេញពីក្លិបដោយសេរី``, ``ក្លឹបម្ចាស់ជើងឯក``
_CLUB_NOT_NAMES = tuple(fold(w) for w in ("ដោយ", "ម្ចាស់", "ដ៏", "ដែល", "របស់", "នេះ", "នោះ", "ទាំង", "ថ្មី",
                                          "ចាស់"))
#: state bodies whose club or boxing association follows after a space (``ក្លិបការិយាល័យទី៥ កងទ័ពជើងគោក``,
#: ``សមាគមប្រដាល់ ក្រសួងការពារជាតិ``)
_CLUB_PARENTS = tuple(fold(w) for w in ("ក្រសួង", "កងទ័ព", "កងរាជអាវុធហត្ថ", "កងយោធពល", "នគរបាល", "កងពល",
                                        "អគ្គស្នងការដ្ឋាន", "ស្នងការដ្ឋាន"))
#: ``ឈ្មោះ ម៉ា.បញ្ញា ភេទប្រុស``, ``ឈ្មោះថុល មករា ភេទប្រុស``: after ``ឈ្មោះ``, the words up to the sex
#: or the age are the name (a month name or a stop word inside it does not end it there)
_NAME_BEFORE_SEX_RE = re.compile(
    f"{fold('ឈ្មោះ')}(?:{fold('ថា')})? ?([{_KHMER_LETTER}][{_K}]*?(?:(?: |\\. ?)[{_KHMER_LETTER}][{_K}]*?){{0,2}}?) ?"
    f"(?:{fold('ភេទ')}|{fold('អាយុ')})")
_NAME_WORD = fold("ឈ្មោះ")
_SEXES = frozenset(fold(w) for w in ("ប្រុស", "ស្រី"))
_NOT_IN_SEX_NAME = tuple(fold(w) for w in ("ហៅ", "និង", "ឈ្មោះ", "ជា", "លោក", "ភេទ", "អាយុ"))
#: ``លោក ឡុង.យោធាវីរ``: a family name, a dot and the given name make one name
_DOTTED_REST_RE = re.compile(f"\\. ?([{_KHMER_LETTER}][{_K}]*?)(?=\u17c8?(?:[ :៖,\\n)]|$))")
#: after the pronoun ``លោក`` ("he"), verbs and quantities are no name (``លោកប្រឆាំងនឹង…``, ``លោកក្លាយជា…``)
_NOT_NAME_AFTER_TITLE = tuple(fold(w) for w in ("ប្រឆាំង", "ប្រសិន", "រាប់", "ក្លាយ", "បន្ថែម", "ព្យាយាម"))
#: fields of state officers: ``មន្ត្រី បរិស្ថាន នគរបាល និងអាវុធហត្ថ`` lists services, not a name
_SERVICE_WORDS = frozenset(fold(w) for w in ("បរិស្ថាន", "នគរបាល", "អាវុធហត្ថ", "យោធា", "គយ", "ព្រៃឈើ",
                                             "កសិកម្ម", "សុខាភិបាល", "ជលផល", "ពន្ធដារ", "អប់រំ"))
#: a Facebook page credited in quotes: ``គណនីFacebook «ប្រជាជន ខេត្តព្រះសីហនុ»``
_PAGE_RE = re.compile(f"{fold('គណនី')} ?(?:{fold('ហ្វេសប៊ុក')}|{fold('ហ្វេសបុក')}|Facebook|facebook) ?"
                      f"[«\"“] ?([{_KHMER_LETTER}][{_K} ]{{2,40}}?) ?[»\"”]")
_SHARE_TAIL = " Share"


@functools.cache
def _latin_given_names() -> frozenset[str]:
    """Words that start a Latin-script personal name: given names, the family names that Korean,
    Chinese and Vietnamese names write first (twentieth pass), and the one-word names of world figures
    (``Jennie Kim``, session 19)."""
    return frozenset(w for name in ("latin_given_names.txt", "latin_family_first.txt", "latin_known_persons.txt")
                     for line in _entities(name) for w in line.split())


@functools.cache
def _latin_known_persons_re() -> re.Pattern:
    """A pattern of the people named by one Latin-script word (``latin_known_persons.txt``)."""
    return re.compile(trie_pattern({w for line in _entities("latin_known_persons.txt") for w in line.split()}))


#: a place of entertainment named right before a famous name names itself after it (``ក្លិបកំសាន្ត Obama``)
_VENUE_BEFORE_RE = re.compile("(?:" + "|".join(fold(w) for w in (
    "ក្លិប", "ក្លឹប", "ខារ៉ាអូខេ", "បារ", "ភោជនីយដ្ឋាន", "ហាង", "សណ្ឋាគារ", "ហាងកាហ្វេ")) + ")" +
    "(?:" + "|".join(fold(w) for w in ("កំសាន្ត", "កម្សាន្ត", "រាត្រី")) + ")? ?[\u200b]?$")


def _latin_known_persons_alone(text: str, cands: list) -> None:
    """(Session 19) ``Neymar``, ``Jennie``, ``Putin``: a listed one-word name of a world figure standing
    alone as a whole word is a person (before other capitalized words the given-name rule decides)."""
    for name in sorted({m.group() for m in _latin_known_persons_re().finditer(text)}):
        for start, end in _standalone_latin_word(text, name):
            if not _named_thing_before(text, start) and not _VENUE_BEFORE_RE.search(text, max(0, start - 24), start):
                cands.append(_Cand("person", start, end, "person.latin_known", None, priority=0))


def _latin_names_by_given_name(text: str, cands: list) -> None:
    """A Latin-script name of two to four capitalized words that starts with a listed given name is a
    person wherever it stands (``Newcastle យក Kyle Scott ពី Chelsea``, ``ជាមួយនឹង Cristiano Ronaldo``),
    and so is its last word standing alone elsewhere (``ជួបRonaldo``). Names with a word of an
    organization, a place or a product are left out, as in ``_find_latin_before_verbs``."""
    given = _latin_given_names()
    lex = lexicon()
    surnames: set[str] = set()
    for match in _latin_person_matches(text):
        words = match.group().split()
        if words[0] not in given:
            continue
        s0 = match.start()
        if s0 and text[s0 - 1].isascii() and (text[s0 - 1].isalpha() or text[s0 - 1] in "-'&.@/_"):
            continue
        if any(_latin_thing_word(w) for w in words) or \
                any(w in _latin_place_words() for w in words[1:]) or key(match.group()) in lex.orgs or \
                match.group() in _latin_known_names() or " ".join(words[:2]) in _latin_places()[0]:
            continue  # (``Hong Kong Airlines``: a place's name begins it)
        if text[max(0, s0 - 14):s0].rstrip(" ").endswith(_NOT_PERSON_BEFORE_LATIN):
            continue
        cands.append(_Cand("person", s0, match.end(), "person.latin_given", None, priority=0))
        surnames.add(words[-1])
    for name in surnames:
        for start, end in _standalone_latin_word(text, name):
            cands.append(_Cand("person", start, end, "person.latin_given", None, priority=0))
_BOXING_ASSOCIATION = fold("សមាគមប្រដាល់")
_SECTOR = fold("វិស័យ")
_DOT_HINT_RE = re.compile(f"[{_K}]\\. ?[{_KHMER_LETTER}]")
_FORESTRY = fold("រដ្ឋបាលព្រៃឈើ")
#: the units of the Forestry Administration: cantonment, division, triage
_FORESTRY_UNITS = tuple(fold(w) for w in ("ខណ្ឌ", "សង្កាត់", "ផ្នែក"))
_CHIEF = fold("នាយ")


def _forestry_units(text: str, cands: list, lex: Lexicon) -> None:
    """A unit of the Forestry Administration and the place it is named by, as one organization:
    ``ផ្នែករដ្ឋបាលព្រៃឈើលំផាត់``, ``សង្កាត់រដ្ឋបាលព្រៃឈើ ស្រុកអន្លង់វែង`` (not a commune ``សង្កាត់``);
    after the job title ``នាយ`` the unit word belongs to the title (``នាយសង្កាត់រដ្ឋបាលព្រៃឈើរយ៉``)."""
    at = text.find(_FORESTRY)
    while at >= 0:
        start, end = at, at + len(_FORESTRY)
        unit = next((u for u in _FORESTRY_UNITS if text.endswith(u, 0, at)), None)
        if unit is not None:
            unit_start = at - len(unit)
            if not text[:unit_start].rstrip(" ").endswith(_CHIEF):
                start = unit_start
            # (``សង្កាត់រដ្ឋបាលព្រៃឈើ`` read as a commune)
            cands[:] = [c for c in cands if not (c.kind == "loc" and c.start == unit_start and c.end <= end + 4)]
        known = max((c.end for c in cands if c.kind == "org" and c.start == at), default=end)
        if known > end:
            end = known
        elif end < len(text) and _CLUSTER_RE.match(text, end) and _stop_at(text, end, lex.function_words) is None:
            place = _lookup_place(text, end, _ANY_PLACE, lex)
            run = _CLUSTER_RUN_RE.match(text, end)
            if place is not None and (place[0] >= len(text) or _at_cluster_start(text, place[0])):
                end = place[0]
            elif run is not None and _clusters_in(run.group()) <= 3 and \
                    (run.end() >= len(text) or text[run.end()] in _PLACE_BOUNDARY_AFTER):
                end = run.end()
        elif unit is not None and start < at and text.startswith(" ", end):
            loc = next((c for c in cands if c.kind == "loc" and c.start == end + 1 and
                        text.startswith(_UPPER_ADMIN_CUES, c.start)), None)
            if loc is not None:
                end = loc.end
        if start < at or end > at + len(_FORESTRY):
            cands.append(_Cand("org", start, end, "org.forestry", None, priority=3))
        at = text.find(_FORESTRY, end)


def _club_parent_end(text: str, at: int) -> int:
    """The end of a state body named after a space at ``at`` (``… កងទ័ពជើងគោក``), else ``at``."""
    if at < len(text) and text[at] == " " and text.startswith(_CLUB_PARENTS, at + 1):
        m = _KHMER_RUN_RE.match(text, at + 1)
        if m is not None and _clusters_in(m.group()) <= 12:
            return m.end()
    return at
_LIST_NUMBER_END_RE = re.compile("[0-9០-៩]{1,2}$")
_NUMBER_WORDS_BEFORE = tuple(fold(w) for w in ("ទី", "លេខ"))


def _sixteenth_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon, latin: bool) -> None:
    """Sixteenth pass (final11 and the other development splits): clubs and fighters of sports
    reports, names before the sex or the age, dotted names, credited Facebook pages, list numbers
    glued after an organization, and a few kinds of false names. ``latin``: whether the text holds a
    Latin capital (looked for once per text)."""
    fw = lex.function_words
    name_stops = lex.name_stops
    drop: set[int] = set()
    if "ក្ល" in text or _BOXING_ASSOCIATION in text:
        for match in _club_line_matches(text):
            ns, ne = match.span(1)
            cs, ce = match.span(2)
            name = match.group(1)
            first, second = name.split(" ")
            if _stop_at(text, ns, fw) is not None or _stop_at(text, ne - len(second), fw) is not None or \
                    _is_title_words(first) or key(first) in lex.places or key(second) in lex.places or \
                    _clusters_in(first) > 4 or _clusters_in(second) > 6:
                continue
            club = text[cs:ce]
            body = club[5:] if club.startswith(_CLUB_WORDS) else ""
            if body.startswith(_CLUB_NOT_NAMES):
                continue
            cands.append(_Cand("person", ns, ne, "person.club", None, priority=2))
            end = _club_parent_end(text, ce)
            cands.append(_Cand("org", cs, end, "org.club", None, priority=3))
        for i, c in enumerate(cands):
            if c.kind == "org" and c.rule.startswith("org.head") and text.startswith(_CLUB_WORDS, c.start) and \
                    text.startswith(_CLUB_NOT_NAMES, c.start + 5):
                drop.add(i)
        # a boxing association, a space and its ministry: ``នៃសមាគមប្រដាល់ ក្រសួងកសិកម្ម``
        assoc = _BOXING_ASSOCIATION + " "
        at = text.find(assoc)
        while at >= 0:
            end = _club_parent_end(text, at + len(assoc) - 1)
            if end > at + len(assoc):
                cands.append(_Cand("org", at, end, "org.club", None, priority=3))
            at = text.find(assoc, at + 1)
    if _NAME_WORD in text:
        for match in _NAME_BEFORE_SEX_RE.finditer(text):
            s, e = match.span(1)
            words = re.split("[ .]+", match.group(1))
            if len(words) < 2 or any(w.startswith(_NOT_IN_SEX_NAME) or w in _SEXES for w in words) or \
                    any(w in name_stops for w in words) or \
                    any(len(_stop_at(text, s + m.start(), name_stops) or "") > 2  # (``មករា``: not ``មក``)
                        for m in re.finditer("(?:^|(?<=[ .]))[^ .]", match.group(1))):
                continue
            cands.append(_Cand("person", s, e, "person.before_sex", None, priority=2))
    dotted = "." in text and _DOT_HINT_RE.search(text) is not None
    size = len(text)
    added = []
    for i, c in enumerate(cands):
        if c.kind == "person":
            if c.rule == "person.title" and text.startswith(_NOT_NAME_AFTER_TITLE, c.start):
                drop.add(i)
                continue
            if c.title_span is None and not _SERVICE_WORDS.isdisjoint(text[c.start:c.end].split(" ")):
                drop.add(i)
                continue
            if dotted and c.end < size and text[c.end] == "." and " " not in text[c.start:c.end]:
                m = _DOTTED_REST_RE.match(text, c.end)
                if m is not None and _stop_at(text, m.start(1), fw) is None and _clusters_in(m.group(1)) <= 5:
                    added.append(_Cand("person", c.start, m.end(1), "person.dotted", None,
                                       title_span=c.title_span, priority=c.priority + 1))
        elif c.kind == "org":
            if c.rule == "org.known" and c.start >= 5 and \
                    text.endswith(_SECTOR, 0, c.start - 1 if text[c.start - 1] == " " else c.start):
                drop.add(i)  # ``វិស័យអាកាសចរណ៍ស៊ីវិល``: the sector, not the body that runs it
                continue
            if c.end < size and text[c.end] in ".)" and c.rule.startswith("org.head"):
                # ``…ឆ្ពោះទៅសាលាក្រុងព្រះសីហនុ៣. កំណាត់…``: the number of the next item of a list
                m = _LIST_NUMBER_END_RE.search(text, c.start, c.end)
                if m is not None and m.start() > c.start + 2 and \
                        not text.endswith(_NUMBER_WORDS_BEFORE, 0, m.start()):
                    c.end = m.start()
            elif c.rule == "org.source" and text.endswith(_SHARE_TAIL, c.start, c.end):
                c.end -= len(_SHARE_TAIL)
    cands.extend(added)
    if "គណនី" in text:
        for match in _PAGE_RE.finditer(text):
            page = match.group(1).rstrip(" ")
            s = match.start(1)
            if " " not in page or not any(c.kind == "loc" and s <= c.start < s + len(page) for c in cands):
                continue
            at = text.find(page)
            while at >= 0:
                cands.append(_Cand("org", at, at + len(page), "org.page", None, priority=3))
                at = text.find(page, at + len(page))
    if drop:
        cands[:] = [c for i, c in enumerate(cands) if i not in drop]
    if _FORESTRY in text:
        _forestry_units(text, cands, lex)
    if latin:
        _latin_names_by_given_name(text, cands)
        _latin_known_persons_alone(text, cands)


# --- seventeenth pass: names cut short, landmarks named after a type word, addresses over zero-width spaces

#: punctuation that ends a clause: a name glued to ``ជា`` right before it ends in ``ជា`` (``លោក អ៊ី សុខជា។``)
_CLAUSE_END = frozenset("។៕៖:,!?\n")
#: (eighteenth pass) or before a relative clause: ``លោក អ៊ី សុខជា ដែលជាអ្នកច្នៃ``
#: (nineteenth pass) or before ``និង``, ``គឺជា``, ``អតីត``, which the verb "is" never takes as its
#: complement: ``លោក ហ៊ីង ប៊ុនជា គឺជាអតីតព្រះរាជអាជ្ញា``, ``លោក ហ៊ីង ប៊ុនជា និង លោក លី លន់``
_AFTER_NAME_JA = tuple(" " + fold(w) for w in ("ដែល", "និង", "គឺ", "អតីត"))
#: what the person rules of this pass look for right after a name (one ``str.startswith`` call)
_SPACED_JA = " " + _JA + " "
_AFTER_NAME_PREFIXES = (_JA, "ទី", " bin ", " binti ", " ibn ", " bte ", _SPACED_JA)
_REGNAL_TITLES = tuple(fold(t) for t in ("ព្រះបាទ", "ព្រះចៅ", "ស្តេច", "ព្រះរាជា", "ព្រះមហាក្សត្រ"))
_REGNAL_RE = re.compile("ទី[0-9០-៩]{1,2}(?![0-9០-៩])")
_LATIN_PATRONYM_RE = re.compile(r" (?:bin|binti|ibn|bte) (?:[A-Z][a-zA-Z'\-]*)(?: [A-Z][a-zA-Z'\-]*){0,3}")
#: type words of landmarks whose name is glued after them, and the kind of the whole (flyovers and
#: roundabouts are left out: the label files disagree on them, and the guidelines do not list them)
_LANDMARK_CUES = {fold(w): kind for w, kind in (
    ("ប្រាសាទ", "loc"), ("ច្រករបៀង", "loc"), ("មណ្ឌលសុខភាព", "org"),
    ("វិមាន", "loc"))}  # (nineteenth pass: monuments, ``វិមានឈ្នះឈ្នះ``, ``វិមានសន្តិភាព``)
_MONUMENT = fold("វិមាន")
_HISTORICAL = tuple(fold(w) for w in ("ប្រវត្តិសាស្ត្រ", "ប្រវត្តិសាស្រ្ត"))
# (pagodas, ``វត្ត`` + a name, were tried in the eighteenth pass and left out: most label files leave
# a pagoda named as a landmark, ``មុខវត្តស្លាកែត``, unlabelled, and their organization F1 fell)
_LANDMARK_RE = re.compile("|".join(sorted(_LANDMARK_CUES, key=len, reverse=True)))
_LANDMARK_CUE_WORDS = tuple(_LANDMARK_CUES)
#: an admin type word and the other levels a name after it may be listed at (a commune renamed, a
#: village that gave its name to a commune): ``ឃុំច្រាបក្រសាំង`` (listed as a village)
_OTHER_LEVELS = {fold(c): kinds for c, kinds in (("ឃុំ", ("village", "district")), ("សង្កាត់", ("village", "district")),
                                                 ("ស្រុក", ("commune",)), ("ខណ្ឌ", ("commune",)),
                                                 ("ភូមិ", ("commune",)))}
_OTHER_LEVELS_RE = re.compile("|".join(sorted(_OTHER_LEVELS, key=len, reverse=True)))
_OTHER_LEVEL_CUES = tuple(_OTHER_LEVELS)


def _seventeenth_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """Seventeenth pass (final9, final12, final13 as development data): a name that ends in the
    word ``ជា`` before the end of a clause, regnal numbers, Malay patronyms, landmarks named after
    their type word, an admin type word before a name listed at another level, and addresses whose
    name a publisher cut with zero-width spaces."""
    size = len(text)
    for c in cands:
        if c.kind != "person" or not text.startswith(_AFTER_NAME_PREFIXES, c.end):
            continue
        end = c.end
        if text.startswith(_JA, end) and "\u1780" <= text[end - 1] <= "\u17d3" and \
                (text.startswith(_AFTER_NAME_JA, end + 2) or
                 (end + 2 >= size or text[end + 2] in _CLAUSE_END) and end not in soft):
            c.end = end + 2  # ``លោក អ៊ី សុខជា។``: not the verb "is" with nothing after it
        elif text.startswith(_SPACED_JA, end) and c.title_span is not None and " " not in text[c.start:end] and \
                _clusters_in(text[c.start:end]) <= 3 and \
                _stop_at(text, end + len(_SPACED_JA), lex.name_stops) in _role_words():
            # (nineteenth pass) ``លោក សុខ ជា តំណាងលក់…``: one short word after a title, then ``ជា``
            # written apart and a role: ``ជា`` is the given name (Chea), the role is the apposition
            c.end = end + len(_SPACED_JA) - 1
        elif c.title_span is not None and text[c.title_span[0]:c.title_span[1]].endswith(_REGNAL_TITLES):
            number = _REGNAL_RE.match(text, end)
            if number is not None:
                c.end = number.end()  # ``ព្រះបាទជ័យវរ្ម័នទី៧``
        elif text[c.start:c.start + 1].isascii() and text.startswith(" b", end):
            patronym = _LATIN_PATRONYM_RE.match(text, end)
            if patronym is not None:
                c.end = patronym.end()  # ``Pengiran Dato Paduka Seri Aminan bin Pengiran Haji Mahmud``
    for match in _matches_of(text, _LANDMARK_CUE_WORDS, _LANDMARK_RE):
        s, pos = match.span()
        if not _at_cluster_start(text, s) or pos >= size or _starts_generic(text, pos, lex) or \
                _stop_at(text, pos, lex.name_stops) is not None:
            continue
        if match.group() == _MONUMENT and (text.startswith(_HISTORICAL, pos) or _known_org_at(text, pos, lex)):
            continue  # ``វិមានប្រវត្តិសាស្ត្រ``: "a historical monument"; ``វិមានព្រឹទ្ធសភា``: the Senate's
        place = _lookup_place(text, pos, _ANY_PLACE, lex)
        end = place[0] if place is not None else _open_place_end(text, pos, lex.name_stops, 6)
        if place is None and (_clusters_in(text[pos:end]) < 2 or not _ends_at_boundary(text, end)):
            continue
        if end > pos:
            kind = _LANDMARK_CUES[match.group()]
            cands.append(_Cand(kind, s, end, f"{kind}.landmark", None, priority=2))
    if any(cue in text for cue in _OTHER_LEVELS):
        _names_listed_at_other_levels(text, cands, soft, lex)
    if soft:
        _addresses_over_soft_breaks(text, cands, soft)


def _names_listed_at_other_levels(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """``ឃុំច្រាបក្រសាំង``: an admin type word before a name the gazetteer lists at another level (a
    commune renamed, a village that gave its name to its commune) is that place."""
    taken = {c.start for c in cands if c.kind == "loc"}
    for match in _matches_of(text, _OTHER_LEVEL_CUES, _OTHER_LEVELS_RE):
        s, pos = match.span()
        if s in taken or not _at_cluster_start(text, s) or _starts_generic(text, pos, lex) or \
                _stop_at(text, pos, lex.name_stops) is not None:
            continue  # (``ឃុំក្នុងស្រុក…``: the commune in the district, not a commune named ក្នុង)
        found = _lookup_place(text, pos, _OTHER_LEVELS[match.group()], lex)
        if found is not None and _clusters_in(text[pos:found[0]]) >= 2 and \
                _ends_at_name_boundary(text, found[0], soft) and found[0] not in soft:
            cands.append(_Cand("loc", s, found[0], "loc.other_level", None, priority=1))


def _addresses_over_soft_breaks(text: str, cands: list, soft: frozenset[int]) -> None:
    """``ឃុំ​អូរ​រា​គី ស្រុក…``: a listed name (``អូរ``) ends at a zero-width space, but the words up to
    the next type word of the address, written apart from it, are the whole name."""
    for c in cands:
        if c.kind != "loc" or c.end not in soft or not c.rule.startswith(("loc.commune", "loc.village", "loc.district")):
            continue
        cue = next((w for w in _ADDRESS_NEXT if text.startswith(w, c.start)), None)
        if cue is None:
            continue
        run = _CLUSTER_RUN_RE.match(text, c.end)
        if run is None or _stop_at(text, c.end, lexicon().function_words) is not None:
            continue
        end = run.end()
        after = end + 1 if end < len(text) and text[end] == " " else end
        if after > end and text.startswith(_ADDRESS_NEXT[cue], after) and _clusters_in(text[c.start:end]) <= 10 and \
                not any(_stop_at(text, i, lexicon().function_words) for i in _soft_between(soft, c.end, end)):
            c.end = end


#: (eighteenth pass) the credit under an article: ``៕\n ដោយ ឈឹន ស៊ីនឡុង និង ភឺង ស៊ី`` on the last line
_END_BYLINE_RE = re.compile(f"\\n[ \\t]*{fold('ដោយ')} ?([^\\n]{{2,60}}?)[ \\t]*$")


_INCLUDING = fold("រួមមាន")
_SUCH_AS = fold("ដូចជា")
_LIST_AFTER_ROLE_RE = re.compile(f"(?:ដែល)?(?:{_INCLUDING}|{_SUCH_AS}) ?[៖:]? ?")
#: where a match of it starts (the pattern opens with an optional word: the engine tried every position)
_LIST_AFTER_ROLE_STARTS = tuple(w + word for w in ("ដែល", "") for word in (_INCLUDING, _SUCH_AS))


def _names_listed_after_roles(text: str, cands: list, lex: Lexicon) -> None:
    """Names listed after a person noun and "including" or "such as" (``កីឡាការិនីរួមមាន ឆោម
    ស្រីវល័្លក្ខណ៍ កាំង មុយនីន និង ឃឹន ប៊ុនពេជ្រមរកត``): two-word Khmer names, one after another,
    apart by a space, a comma or ``និង``. Two names at least, the family name a run of one to six
    clusters, the given name of one to eight, neither starting with a function word; the list ends at
    the first thing that is not such a name."""
    stops = lex.name_stops
    for match in _matches_of(text, _LIST_AFTER_ROLE_STARTS, _LIST_AFTER_ROLE_RE):
        role = None
        for role in _person_role_re().finditer(text, max(0, match.start() - 30), match.start()):
            pass
        if role is None or match.start() - role.end() > 12 or \
                any(ch in "។៕\n,()" for ch in text[role.end():match.start()]):
            continue  # (a few words between: ``តារាចម្រៀងល្បីៗ ដូចជា``, famous singers such as)
        pos, names = match.end(), []
        while True:
            first = _CLUSTER_RUN_RE.match(text, pos)
            if first is None or not text.startswith(" ", first.end()):
                break
            second = _CLUSTER_RUN_RE.match(text, first.end() + 1)
            if second is None:
                break
            end = second.end()
            glued_and = text.find(_AND, first.end() + 2, end)
            if glued_and > 0 and _at_cluster_start(text, glued_and):
                end = glued_and  # ``ហ្សង់ឆាយនិងឃឹន``: "and" glued to the names around it
            if not (1 <= _clusters_in(first.group()) <= 6 and 1 <= _clusters_in(text[first.end() + 1:end]) <= 8) \
                    or _stop_at(text, pos, stops) or _stop_at(text, first.end() + 1, stops):
                break
            names.append((pos, end))
            pos = end
            for gap in (" ", ",", "\u200b", _AND, " "):
                if text.startswith(gap, pos):
                    pos += len(gap)
        if len(names) < 2:
            continue
        for start, end in names:
            if not any(c.start < end and start < c.end for c in cands if c.kind == "person"):
                cands.append(_Cand("person", start, end, "person.listed", None, priority=1))


_DATELINE_MARKS = "៖:"


def _names_before_datelines(text: str, cands: list, lex: Lexicon) -> None:
    """A writer's name glued to the dateline that follows it (``ដោយ៖ មេត្តាភ្នំពេញ៖ …``, ``កញ្ញា ច័ន្ទ
    លក្ខណាភ្នំពេញ៖``): a person that ends with a province's or a city's name right before ``៖`` ends
    where that name begins, and the name is the dateline's place."""
    for number, cand in enumerate(cands):
        if cand.kind != "person" or cand.end >= len(text) or text[cand.end] not in _DATELINE_MARKS:
            continue
        for cut in range(max(cand.start + 1, cand.end - 24), cand.end - 1):
            places = lex.places.get(text[cut:cand.end])
            if places and any(p.kind in ("province", "city") for p in places) and \
                    _at_cluster_start(text, cut) and text[cut - 1] != " ":
                cands[number] = _Cand("person", cand.start, cut, cand.rule, cand.value, cand.title_span,
                                      cand.attrs, cand.priority)
                cands.append(_Cand("loc", cut, cand.end, "loc.dateline", None, priority=1))
                break


def _end_byline(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """The writers credited on the last line of an article (``ដោយ`` and one or two names, nothing else)."""
    match = _END_BYLINE_RE.search(text, max(0, len(text) - 80))
    if match is None:
        return
    pos, end = match.span(1)
    names = []
    while pos < end:
        person = _name_after(text, pos, lex.name_stops, soft)
        if person is None or person[1] > end:
            return
        names.append(person)
        rest = text[person[1]:end].lstrip(" ")
        if not rest:
            break
        if not rest.startswith(_AND):
            return  # more than names on that line: a sentence, not a credit
        pos = end - len(rest) + len(_AND)
    for ns, ne in names:
        if not any(c.start <= ns < c.end for c in cands):
            cands.append(_Cand("person", ns, ne, "person.byline", None, priority=1))


@functools.cache
def _khmer_surnames() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """The listed family names; a pattern of one written apart before a second word, found after a
    space or an opening mark (the scan jumps from one such character to the next, and tries the
    names only there), and the same pattern for the start of the text."""
    names = frozenset(fold(w) for w in _entities("surnames.txt"))
    pair = f"({trie_pattern(sorted(names))}) ({_KHMER_WORD_RE.pattern})(?=[{_NAME_AFTER_CHARS}]|$)"
    return names, re.compile(f"[{_NAME_BEFORE_CHARS}](?={pair})"), re.compile(f"(?={pair})")


#: a Khmer word written apart (a run of letters and signs)
_KHMER_WORD_RE = re.compile(f"[{_KHMER_LETTER}][{_KHMER_LETTER}{_MARKS}]*")
_NAME_BEFORE_CHARS = " \n\t«“\"(,"
_NAME_AFTER_CHARS = " \n\t»”\"),.។៕៖:!?"


def _repeated_spaced_names(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """(Eighteenth pass) Sports and crime reports name people with no title: a listed family name, a
    space and a given name, written apart from the words around it, is a person when the same two
    words stand so at least twice in the article (``ម៉ឺន មេឃា`` … ``ម៉ឺន មេឃា``). One writing alone is
    not enough: a family name is often a word too."""
    surnames, after_mark, anchored = _khmer_surnames()
    matches = list(after_mark.finditer(text))
    at_start = anchored.match(text)
    if at_start is not None:
        matches.append(at_start)
    if len(matches) < 2:
        return
    stops = lex.name_stops
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for match in matches:
        (s, _), (gs, e) = match.span(1), match.span(2)
        second = match.group(2)
        if not 1 <= _clusters_in(second) <= 4 or _stop_at(text, gs, stops) is not None or \
                key(second) in lex.places or second in surnames and _clusters_in(second) == 1 or \
                _patterns().titles.match(text, gs) is not None:
            continue
        found.setdefault((match.group(1), second), []).append((s, e))
    for spans in found.values():
        if len(spans) >= 2:
            repeated = [_Cand("person", s, e, "person.repeated_name", None, priority=1) for s, e in spans]
            cands.extend(repeated)
            # (session 18) and the given name alone, as after a titled name (``ឈុនលី`` after ``ម៉ក់ ឈុនលី``)
            _find_repeats(text, repeated[:1], cands, soft)
    if len(found) >= 2:
        _lists_of_names(text, cands, [span for spans in found.values() for span in spans], stops)


_LIST_SEPARATOR_RE = re.compile(_LIST_SEPARATOR)


def _lists_of_names(text: str, cands: list, pairs: list[tuple[int, int]], stops: frozenset[str]) -> None:
    """(Nineteenth pass) A list of untitled names written apart (``សេន កុសល, ឡូញ វ៉ានី និង អេលីត
    ចំរើន``): when two of its items are a listed family name and a given name, every two-word item
    of the list is a person, also those whose family name is not listed."""
    by_start = dict(pairs)
    done: set[int] = set()
    for start, end in sorted(pairs):
        if start in done:
            continue
        chain, at = [(start, end)], end
        while len(chain) < 12:
            sep = _LIST_SEPARATOR_RE.match(text, at)
            if sep is None or sep.end() == at:
                break
            nxt = sep.end()
            nxt_end = by_start.get(nxt) or _spaced_pair_end(text, nxt, stops, 8)
            if nxt_end is None:
                break
            chain.append((nxt, nxt_end))
            at = nxt_end
        done.update(s for s, _ in chain)
        if len(chain) >= 2 and sum(s in by_start for s, _ in chain) >= 2:
            cands.extend(_Cand("person", s, e, "person.name_list", None, priority=1) for s, e in chain)


# --- nineteenth pass: military bases named after their type word

#: ``មូលដ្ឋានកងទ័ពជើងទឹក`` and the ways news text writes it (``មូលដ្ឋានទ័ពជើងទឹក``,
#: ``មូលដ្ឋានកងជើងទឹក``, ``មូលដ្ឋានទ័ពសមុទ្រ``, ``មូលដ្ឋានទ័ពអាកាស``): the type word of a base
_BASE_TYPE_RE = re.compile(fold("មូលដ្ឋាន") + " ?(?:" + "|".join(fold(w) for w in ("កងទ័ព", "ទ័ព", "កង")) + ")(?:" +
                           "|".join(fold(w) for w in ("ជើងទឹក", "ជើងគោក", "អាកាស", "សមុទ្រ")) + ")(?:" +
                           fold("សមុទ្រ") + ")?")
_BASE_LATIN_NAME_RE = re.compile(r" ?([A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,2})(?![A-Za-z0-9])")


def _nineteenth_pass(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """Nineteenth pass (final15, final17, final18, final20 as development data): a military base
    named after its type word is a place with the type word (``មូលដ្ឋានទ័ពជើងទឹករាម``); before a
    Latin name only the name is (``មូលដ្ឋានទ័ពអាកាស Edwards`` -> ``Edwards``). A base named by a
    country (``មូលដ្ឋានកងទ័ពជើងទឹកចិន``, "a Chinese naval base") or by nothing is a description."""
    named: list[_Cand] = []
    for match in _BASE_TYPE_RE.finditer(text):
        s, pos = match.span()
        latin = _BASE_LATIN_NAME_RE.match(text, pos)
        if latin is not None:
            named.append(_Cand("loc", latin.start(1), latin.end(1), "loc.base", None, priority=2))
            continue
        end, clusters = pos, 0
        while clusters < 3 and end < len(text) and (end == pos or end not in soft) and \
                (end == pos or _stop_at(text, end, lex.name_stops) is None):
            cluster = _CLUSTER_RE.match(text, end)
            if cluster is None:
                break
            end, clusters = cluster.end(), clusters + 1
        if end == pos or _stop_at(text, pos, lex.name_stops) is not None or _starts_generic(text, pos, lex) or \
                not (end >= len(text) or end in soft or text[end] in _PLACE_BOUNDARY_AFTER or
                     _stop_at(text, end, lex.name_stops) is not None):
            continue
        if _lookup_place(text, pos, ("country",), lex) is not None:
            continue
        named.append(_Cand("loc", s, end, "loc.base", None, priority=3))
    starts = {c.start for c in named}
    # the older rule's base of a force with no name after it (``មូលដ្ឋានកងទ័ពជើងទឹក`` then a verb)
    cands[:] = [c for c in cands if not (c.rule == "loc.base" and c.start not in starts and
                                         not any(c.start <= n.start < c.end for n in named) and
                                         _BASE_TYPE_RE.fullmatch(text, c.start, c.end))]
    cands.extend(named)


def _known_org_at(text: str, pos: int, lex: Lexicon) -> bool:
    """True if a listed organization's name starts at ``pos``."""
    match = _patterns().free_names.match(text, pos)
    return match is not None and match.group().replace(" ", "") in lex.orgs


_RESIDENT = fold("ប្រចាំ")
_COMMAND = key("បញ្ជាការដ្ឋាន")
_GENDARMERIE = tuple(fold(w) for w in ("កងរាជអាវុធហត្ថ", "អាវុធហត្ថ"))


def _resident_in_country(text: str, cands: list, lex: Lexicon) -> None:
    """Nineteenth pass: an organization followed by ``ប្រចាំ`` and a country is that body's office
    or mission in the country, one organization (``ស្ថានទូតអាមេរិកប្រចាំកម្ពុជា``,
    ``អង្គការសុខភាពពិភពលោកប្រចាំកម្ពុជា``); ``ប្រចាំ`` before a province or a city is not
    (``ក្រុមហ៊ុន ស៊ីភី ប្រចាំខេត្ត…``: the company's branch is described, not named)."""
    for cand in cands:
        if cand.kind != "org":
            continue
        at = cand.end + 1 if text.startswith(" " + _RESIDENT, cand.end) else cand.end
        if not text.startswith(_RESIDENT, at):
            continue
        country = _lookup_place(text, at + len(_RESIDENT), ("country",), lex)
        if country is not None:
            cand.end = country[0]


#: (nineteenth pass) world leaders the Khmer press names by their family name alone, glued to a title
#: or a role (``លោកត្រាំឈ្នះក្តី``, ``ប្រធានាធិបតីត្រាំបាន…``), where no word boundary shows where the
#: name ends. Only after a title or a role: ``ត្រាំ`` is also the verb "to soak".
_WORLD_SURNAMES = tuple(sorted((fold(w) for w in (
    "ត្រាំ", "ពូទីន", "អូបាម៉ា", "ម៉ាក្រុង", "ម៉ែគែល", "ម៉ូឌី", "ឌុយទែរតេ", "ម៉ហាធៀរ", "ចនសុន", "ប៉ុមប៉េអូ",
    "បូលតុន", "ហ្គូតេរេស", "ត្រូដូ", "អឺដូហ្គាន់", "រូហានី", "នេតាន់យ៉ាហ៊ូ")), key=len, reverse=True))
_WORLD_SURNAME_RE = re.compile("|".join(_WORLD_SURNAMES))


@functools.cache
def _khmer_known_persons() -> tuple[tuple[str, ...], re.Pattern]:
    """The one-word names of ``khmer_known_persons.txt`` (folded), and a pattern of them."""
    names = tuple(sorted({fold(w) for w in _entities("khmer_known_persons.txt")}))
    return names, re.compile(trie_pattern(names))


def _khmer_known_persons_alone(text: str, soft: frozenset[int], stops: frozenset[str]) -> list[_Cand]:
    """(Session 19) ``រ៉ូណាល់ដូ បានរកគ្រាប់``: a listed one-word name of a world figure in Khmer script,
    standing as a word of its own (see the list's header), is a person."""
    names, pattern = _khmer_known_persons()
    if not any(name in text for name in names):
        return []
    found = []
    for match in pattern.finditer(text):
        s, e = match.span()
        if (_word_starts(text, s, soft) or text.endswith(_person_roles(), 0, s)) and \
                (_word_end_at(text, e, soft) or _stop_at(text, e, stops) is not None):
            found.append(_Cand("person", s, e, "person.known_word", None, priority=0))
    return found


def _world_figures_by_surname(text: str, lex: Lexicon, soft: frozenset[int] = frozenset(),
                              named: frozenset[str] = frozenset()) -> list[_Cand]:
    """``named``: the family names of the leaders named in full in the text (``ដូណាល់ ត្រាំ``): those
    stand alone as a whole word anywhere (``«ត្រាំស្លាប់ទៅ»`` after ``ដូណាល់ ត្រាំ``)."""
    found = []
    for match in _WORLD_SURNAME_RE.finditer(text):
        s, e = match.span()
        if not _at_cluster_end(text, e) or not _at_cluster_start(text, s):
            continue
        at = s - 1 if s and text[s - 1] == " " else s
        # (longest first; one C call over the whole tuple first: mostly none)
        title = next((t for t in lex.titles if text.endswith(t, 0, at)), None) \
            if text.endswith(lex.titles, 0, at) else None
        if title is not None:
            found.append(_Cand("person", s, e, "person.world_surname", None, title_span=(at - len(title), at),
                               priority=1))
        elif text.endswith(_person_roles(), 0, at):
            found.append(_Cand("person", s, e, "person.world_surname", None, priority=1))
        elif match.group() in named and _word_starts(text, s, soft) and _word_end_at(text, e, soft) and \
                not text.endswith(_ADMINISTRATION, 0, at):
            # (not ``រដ្ឋបាលត្រាំ``: the Trump administration is an organization)
            found.append(_Cand("person", s, e, "person.world_surname", None, priority=0))
    return found


def _matches_at(text: str, needle: str, regex: re.Pattern) -> Iterator[re.Match]:
    """``regex.finditer(text)`` for a pattern that starts with ``needle``, tried only where the needle
    stands (a C-speed ``str.find`` instead of a scan of the whole text)."""
    at = text.find(needle)
    while at >= 0:
        match = regex.match(text, at)
        if match is None:
            at = text.find(needle, at + 1)
            continue
        yield match
        at = text.find(needle, max(match.end(), at + 1))


#: (nineteenth pass) generic words that stay outside a Latin name glued after them (the guidelines:
#: ``អង្គការ NATO`` -> ``NATO``; the head_latin rule does it when a space separates them)
_GENERIC_BEFORE_LATIN = tuple(sorted(set(_GLUED_MEDIA_HEADS) | {fold(w) for w in (
    "ទីភ្នាក់ងារ", "ព័ត៌មាន", "ក្រុមហ៊ុន", "អង្គការ", "ធនាគារ", "សាកលវិទ្យាល័យ")}, key=len, reverse=True))
_LATIN_TAIL_RE = re.compile(r"[A-Z][A-Za-z0-9&'\-]*(?: [A-Z][A-Za-z0-9&'\-]*)*")


def _generic_words_before_latin_names(text: str, cands: list) -> None:
    """``ទីភ្នាក់ងារសារព័ត៌មានYonhap`` (glued, or apart by a zero-width space): the Latin name alone."""
    for c in cands:
        if c.kind != "org" or c.rule not in ("org.head", "org.known") or not text.startswith(_GENERIC_BEFORE_LATIN, c.start):
            continue
        head = next(h for h in _GENERIC_BEFORE_LATIN if text.startswith(h, c.start))
        latin = _LATIN_TAIL_RE.match(text, c.start + len(head))
        if latin is not None and latin.end() == c.end and latin.end() - latin.start() >= 2:
            c.start, c.rule, c.value = latin.start(), "org.head_latin", None


# --- twentieth pass: bridges, mountains, markets, gates and resorts named after their type word

_MOUNTAIN = fold("ភ្នំ")
#: (twentieth pass) an entry point named by its province or town: ``ច្រកភ្នំពេញ``, ``ច្រកសៀមរាប``
_GATE = fold("ច្រក")
#: (twentieth pass) a resort or a site named like a mountain: ``រមណីយដ្ឋានទឹកឈូ``, ``រមណីយដ្ឋានអង្គរ``
_RESORT = fold("រមណីយដ្ឋាន")


@dataclass(frozen=True)
class _SiteType:
    """How the name glued after a site's type word is found."""
    rule: str
    #: the kinds of listed place that name the site
    place_kinds: tuple[str, ...]
    #: a glued word of a few clusters that is no listed place names it too (mountains, resorts)
    open_name: bool


#: places that name a bridge or a gate (villages are too often common words: ``ថ្ម``, ``មិត្តភាព``); a
#: market is named by its district or commune (``ផ្សារស្ទឹងមានជ័យ``; by a country or a province it
#: is an economy, ``ផ្សារកម្ពុជា``)
_SITE_TYPES = {
    _BRIDGE: _SiteType("loc.bridge", ("province", "city", "district", "commune"), open_name=False),
    _MOUNTAIN: _SiteType("loc.mountain", _ANY_PLACE, open_name=True),
    _MARKET: _SiteType("loc.market", ("district", "commune"), open_name=False),
    _GATE: _SiteType("loc.gate", ("province", "city", "district", "commune"), open_name=False),
    _RESORT: _SiteType("loc.resort", _ANY_PLACE, open_name=True),
}
_SITE_TYPE_RE = re.compile("|".join(_SITE_TYPES))
_SITE_TYPE_WORDS = tuple(_SITE_TYPES)
_FREE_PLACE_KIND_LIST = tuple(_FREE_PLACE_KINDS)
_ORDINAL_SUFFIX_RE = re.compile("ទី[0-9០-៩]{1,2}")
_NEW = fold("ថ្មី")
_FRIENDSHIP = fold("មិត្តភាព")  # (``កីឡាគឺជាស្ពានមិត្តភាព``: sport is a bridge of friendship)
#: words after ``ភ្នំ`` that make a common noun: a volcano, a heap, an iceberg, a hill of earth
_NOT_MOUNTAIN_NAMES = tuple(fold(w) for w in ("ភ្លើង", "សំរាម", "សម្រាម", "ទឹកកក", "ដី", "ខ្សាច់", "ថ្ម", "ធំ",
                                              "តូច", "ខ្ពស់", "ដ៏", "ច្រើន", "ទាំង", "នោះ", "នេះ", "មួយ"))


def _sites_named_after_their_type_word(text: str, cands: list, soft: frozenset[int], lex: Lexicon) -> None:
    """Twentieth pass: a bridge, a gate or a market named by a place (``ស្ពានជ្រោយចង្វារ``,
    ``ស្ពានព្រែកតាមាក់``, with its number: ``ស្ពានជ្រោយចង្វារទី១``) and a mountain or a resort named by
    a word that is no common compound (``ភ្នំគូលែន``, ``ភ្នំដាច់``; not ``ភ្នំភ្លើង``, a volcano) are
    places with their type word; the place inside the name is part of it."""
    found: list[_Cand] = []
    for match in _matches_of(text, _SITE_TYPE_WORDS, _SITE_TYPE_RE):
        s, pos = match.span()
        word = match.group()
        site = _SITE_TYPES[word]
        if s and text[s - 1] == "\u17d2":
            continue  # a subscript: the letters belong to another word
        if _lookup_place(text, s, _FREE_PLACE_KIND_LIST, lex) is not None:
            continue  # ``ភ្នំពេញ``
        if text.endswith(_ADMIN_CUES, 0, s):
            continue  # ``រាជធានីភ្នំពញ``: the city, misspelt
        at = pos + 1 if text.startswith(" ", pos) else pos
        place = _lookup_place(text, at, site.place_kinds, lex)
        if place is not None and _clusters_in(text[at:place[0]]) >= 2 and text[at:place[0]] != _FRIENDSHIP:
            end = place[0]
            if site.open_name:
                # a listed name that runs over a zero-width space into the next word (``អង្គរ​ជា``)
                end = next((i for i in range(at + 1, end) if i in soft and _stop_at(text, i, lex.name_stops)), end)
        elif site.open_name and at == pos:
            end = at
            while end < len(text) and end not in soft and _CLUSTER_RE.match(text, end):
                end = _CLUSTER_RE.match(text, end).end()
            if not 1 <= _clusters_in(text[at:end]) <= 5 or _stop_at(text, at, lex.name_stops) is not None or \
                    _starts_generic(text, at, lex):
                continue
        else:
            continue
        if word == _MOUNTAIN and text.startswith(_NOT_MOUNTAIN_NAMES, at):
            continue  # ``ភ្នំភ្លើង``: a volcano
        number = _ORDINAL_SUFFIX_RE.match(text, end)
        if number is not None:
            end = number.end()
        elif word == _MARKET and text.startswith(_NEW, end) and _ends_at_boundary(text, end + len(_NEW)):
            end += len(_NEW)  # ``ផ្សារស្ទឹងមានជ័យថ្មី``
        found.append(_Cand("loc", s, end, site.rule, None, priority=3))
    cands.extend(found)

