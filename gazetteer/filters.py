"""Word lists that keep false toponyms out and that carry evidence for resolution."""

from __future__ import annotations

import re
from functools import cache

from gazetteer.data.words import read_word_list

__all__ = [
    "ABBREVIATIONS",
    "ADMIN_WORDS",
    "DISEASE_WORDS",
    "FEATURE_WORDS",
    "GOVERNMENT_BUILDINGS",
    "LIST_GAP",
    "MONTHS",
    "MONTH_NAMES",
    "MUNICIPAL_AFTER",
    "NAME_ABBREVIATIONS",
    "NOT_PLACES",
    "ORGANISATION_WORDS",
    "PARTICLES",
    "REGION_WORDS",
    "SECOND_LEVEL_WORDS",
    "SETTLEMENT_WORDS",
    "SPEECH_VERBS",
    "TITLES",
    "WEEKDAYS",
    "common_words",
    "feature_word",
    "first_names",
]

#: Weekday names, Monday first (the order of ``datetime.date.weekday()``).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Month names, January first, each with its abbreviations (name first).
MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
#: Every month name and abbreviation.
MONTHS = frozenset(name for names in MONTH_NAMES for name in names)

#: A town's own government and schools after its name ("Norfolk High School", "the Paris
#: City Council", "Portland selectmen", "Kent's Board of Finance"): the name is the town,
#: not a region, admin-1 unit or county of that name. Police and fire services are not
#: here: states, provinces and counties have forces of their own ("Kent Police",
#: "Punjab police").
MUNICIPAL_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:city\s+council|town\s+council|board\s+of\s+(?:selectmen|education|finance)"
    r"|selectm[ae]n|mayor|city\s+manager|high\s+school|middle\s+school|city\s+hall|town\s+hall"
    r"|public\s+(?:library|schools)|school\s+board)\b",
    re.IGNORECASE,
)

#: Words before a personal name; capitalised words after them are a person.
TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "president", "minister", "prime", "premier", "general",
    "colonel", "col", "gen", "lt", "lieutenant", "major", "captain", "capt", "sergeant", "sgt",
    "private", "commander", "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "secretary", "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "judge",
    "justice", "king", "queen", "prince", "princess", "sheikh", "pope", "bishop", "father",
    "sister", "saint", "officer", "deputy", "chairman", "chairwoman", "speaker", "sheriff",
    "detective", "coach", "pastor", "rev", "reverend", "sir", "lord", "lady", "emir", "ayatollah",
}  # fmt: skip

#: Verbs after a speaker's name ("Baker said"): a small place is not meant.
SPEECH_VERBS = {"said", "says", "told", "added", "explained", "asked", "wrote", "noted"}

#: Capitalised words that are never a place on their own in news text, though
#: GeoNames has villages of those names.
NOT_PLACES = (
    set(WEEKDAYS)
    | MONTHS
    | TITLES
    | {
        "reuters", "tass", "afp", "ap", "associated", "press", "interfax", "xinhua", "bbc", "cnn",
        "ria", "novosti", "anadolu", "aerostar", "alexander", "police", "army", "the", "a", "an",
        "and", "but", "or", "if", "when", "while", "after", "before", "on", "in", "at", "for",
        "from", "with", "by", "of", "to", "as", "it", "its", "this", "that", "these", "those",
        "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "there",
        "here", "today", "yesterday", "tomorrow", "tonight", "morning", "evening", "night",
        "news", "photo", "video", "update", "read", "more", "also", "according", "however",
        "meanwhile", "earlier", "later", "last", "next", "since", "during", "both", "all",
        "some", "many", "most", "several", "one", "two", "three", "four", "five", "no", "not",
        "officials", "official", "soldiers", "soldier", "troops", "forces", "government",
        "ministry", "defense", "defence", "foreign", "interior", "state", "national", "border",
        "service", "union", "republic", "north", "south", "east", "west", "central", "northern",
        "southern", "eastern", "western", "christmas", "easter", "ramadan", "eid", "god",
        "islam", "muslim", "christian", "jewish", "catholic", "orthodox", "sunni", "shia",
        "english", "internet", "facebook", "twitter", "telegram", "youtube", "google",
        "covid", "coronavirus", "un", "nato", "osce", "csto", "who", "sunday's",
        "unesco", "unicef", "will", "can", "may", "must", "should", "would", "could", "said",
        "says", "told", "asked", "added", "noted", "called", "new", "old", "big", "little",
        "good", "best", "first", "second", "third", "man", "woman", "men", "women", "people",
        "family", "friends", "home", "office", "court", "county", "city", "town", "village",
        "district", "province", "region", "river", "lake", "mount", "hospital", "school",
        "university", "college", "church", "center", "centre", "street", "road", "avenue",
        "park", "fire", "department", "company", "inc", "corp", "ltd", "group", "club",
        "team", "party", "media", "post", "times", "daily", "journal", "herald", "tribune",
        "co", "st", "mt", "ft", "fort", "lincoln", "washington", "jackson", "franklin",
        "valley", "line", "control", "actual", "sea", "gulf", "strait", "pass", "bay",
        "clinton", "obama", "bush", "trump", "biden", "putin", "victoria", "charlotte",
        # intercardinal directions ("Northeast Georgia"), holidays, armed groups and
        # adjectives that GeoNames also has as villages
        "northeast", "northwest", "southeast", "southwest", "passover", "hanukkah",
        "thanksgiving", "halloween", "diwali", "nowruz", "day", "hamas", "hezbollah",
        "taliban", "fatah", "arab", "arabs", "ismaili", "federal", "metro", "olympic",
        "olympics",
    }
)  # fmt: skip
# Names that are also people are kept out only as single words: "Washington" alone is
# usually the US capital in news, so it is removed from the exclusions again.
NOT_PLACES -= {"washington", "lincoln", "victoria", "charlotte", "jackson", "franklin"}

#: Words inside organisation names: a country in such a name is context, not a place.
ORGANISATION_WORDS = {
    "ministry", "ministries", "service", "services", "committee", "agency", "army", "forces",
    "force", "council", "party", "university", "institute", "bank", "company", "corporation",
    "news", "press", "times", "post", "airlines", "airways", "embassy", "consulate",
    "parliament", "government", "guard", "guards", "police", "office", "department",
    "command", "troops", "military", "navy", "church", "federation", "association",
    "union", "league", "court", "commission", "administration", "television", "radio",
    "railways", "security", "intelligence", "prosecutor", "prosecutor's", "academy",
    # local institutions named for the town they serve ("the Springfield Public Library")
    "school", "schools", "hospital", "library", "museum", "college", "fire", "utilities",
    "chamber", "airport", "zoo", "symphony", "orchestra",
}  # fmt: skip

#: What stands between the items of a list of names ("Iowa, Illinois and Missouri").
LIST_GAP = re.compile(r"\s*(?:,|and|or|&)\s*(?:and\s+)?")

#: Lower-case words that may stand inside a multi-word name ("Bosnia and Herzegovina").
PARTICLES = {"of", "and", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el",
             "al", "the", "upon", "on", "sur", "am", "an", "der", "di", "du", "y", "e"}  # fmt: skip

ADMIN_WORDS = {
    "province", "provinces", "district", "districts", "oblast", "governorate", "state",
    "marz", "rayon", "raion", "prefecture", "county", "counties", "canton", "department",
    "territory", "municipality", "voivodeship", "krai", "kray", "emirate", "division", "parish",
    "parishes",
}  # fmt: skip
#: Words that name second-level units (US counties and Louisiana parishes) in particular.
SECOND_LEVEL_WORDS = {"county", "counties", "parish", "parishes"}
REGION_WORDS = {"region", "regions", "exclave", "enclave", "valley", "corridor", "strip", "area",
                "autonomous", "republic"}  # fmt: skip
SETTLEMENT_WORDS = {"village", "villages", "town", "towns", "city", "cities", "settlement",
                    "hamlet", "township", "capital", "suburb", "port"}  # fmt: skip
FEATURE_WORDS = ADMIN_WORDS | REGION_WORDS | SETTLEMENT_WORDS

#: Feature words as news abbreviates them ("Loudon Co.", "Hamilton Twp.").
FEATURE_ABBREVIATIONS = {"co": "county", "twp": "township", "prov": "province", "dist": "district"}

#: First words of names as news abbreviates them ("Mt. Pleasant", "St. Clair", "Ft. Myers");
#: a gazetteer lists a town under one spelling or the other, often not both.
NAME_ABBREVIATIONS = {"mt": "mount", "st": "saint", "ft": "fort", "pt": "point"}


def feature_word(word: str) -> str | None:
    """The feature word a written word stands for (``"Co."`` → ``"county"``), or None."""
    w = word.lower().rstrip(".")
    w = FEATURE_ABBREVIATIONS.get(w, w)
    return w if w in FEATURE_WORDS else None


#: Abbreviated names of US states and Canadian provinces as news writes them, with a
#: final full stop that belongs to the name ("Paris, Ky.", "Regina, Sask."); names
#: written with inner full stops ("U.S.", "D.C.", "W.Va.") keep theirs too.
ABBREVIATIONS = {
    "ala", "ariz", "ark", "calif", "cal", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb",
    "nebr", "nev", "okla", "ore", "oreg", "pa", "penn", "tenn", "tex", "va", "vt", "wash",
    "wis", "wisc", "wyo", "alta", "ont", "que", "sask", "man", "nfld",
}  # fmt: skip

#: Words after a place name that make it a disease's name ("West Nile virus", "Marburg
#: haemorrhagic fever", "Spanish flu", "Lyme disease"), not a place.
DISEASE_WORDS = {
    "virus", "viruses", "fever", "flu", "influenza", "encephalitis", "hemorrhagic",
    "haemorrhagic", "disease",
}  # fmt: skip

#: Buildings that news names for the government in them ("the White House said"):
#: not places to map, though GeoNames has towns of those names.
GOVERNMENT_BUILDINGS = {
    "white house", "kremlin", "pentagon", "capitol", "capitol hill", "downing street",
    "elysee", "elysee palace", "blue house", "zhongnanhai", "quai d'orsay", "foggy bottom",
    "whitehall", "number 10",
}  # fmt: skip


@cache
def first_names() -> frozenset[str]:
    """Common given names (US Census 1990, see :mod:`gazetteer.data.words`), lower case."""
    return read_word_list("first_names.txt")


@cache
def common_words() -> frozenset[str]:
    """Common English words (lower-case entries of Debian's ``wamerican``), lower case."""
    return read_word_list("common_words.txt")
