"""Vietnamese portal dates: day-first, labelled, in a dozen written forms.

Every date on these portals is day-first (`03/11/2020` is 3 November 2020).
A label before the date says whether it is the posting or the update time;
the raw text is kept beside the parsed value.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from archiver.extract.vocabulary import TIME_REACH
from archiver.normalize import clean_line

DateLabel = Literal["published", "updated"]

OFFSET = "+07:00"  # Vietnamese local time; portals never state another zone

# Month names and their short forms, lower case, in the languages of the pages
# archiver is measured on (htmldate's set: English, German, French, Spanish,
# Portuguese, Italian, Dutch, Romanian, the Nordic languages, Polish, Turkish,
# Indonesian, Finnish, Russian, Ukrainian, Czech, Arabic in its Egyptian and Levantine
# names) besides Vietnamese, whose months are numbers ("tháng 7").
_MONTH_WORDS = (
    "january jan januar janv janvier enero ene janeiro gennaio gen januari ianuarie ian"
    " januar jänner jän stycznia styczeń ocak tammikuuta"
    " января январь січня ledna يناير",
    "february feb februar févr fevr février fevrier febrero fevereiro fev febbraio februari"
    " februarie lutego luty şubat subat helmikuuta"
    " февраля февраль лютого února فبراير شباط",
    "march mar märz maerz mars marzo março marco maart martie marca marzec mart maaliskuuta"
    " марта март березня března مارس آذار",
    "april apr avril avr abril abr aprile aprilie kwietnia kwiecień nisan huhtikuuta"
    " апреля апрель квітня dubna أبريل ابريل إبريل نيسان",
    "may mai mayo maio maggio mei mayıs mayis maja toukokuuta мая май травня května مايو أيار",
    "june jun juni juin junio junho giugno iunie czerwca czerwiec haziran kesäkuuta"
    " июня июнь червня června يونيو يونيه حزيران",
    "july jul juli juil juillet julio julho luglio lug iulie lipca lipiec temmuz heinäkuuta"
    " июля июль липня července يوليو يوليه تموز",
    "august aug août aout agosto ago augustus augusti sierpnia sierpień ağustos agustus elokuuta"
    " августа август серпня srpna أغسطس اغسطس آب",
    "september sep sept septembre septiembre setembro set settembre sett septembrie"
    " września wrzesień eylül syyskuuta"
    " сентября сентябрь вересня září سبتمبر أيلول",
    "october oct okt oktober octobre octubre outubro out ottobre ott octombrie"
    " października październik ekim lokakuuta"
    " октября октябрь жовтня října أكتوبر اكتوبر",
    "november nov novembre noviembre novembro noiembrie listopada listopad kasım kasim marraskuuta"
    " ноября ноябрь листопада listopadu نوفمبر",
    "december dec dez dezember déc décembre decembre diciembre dic dezembro dicembre"
    " desember decembrie grudnia grudzień aralık aralik joulukuuta"
    " декабря декабрь грудня prosince ديسمبر",
)
_MONTHS = {
    word: number for number, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))  # the longest name first
_NOT_LETTER = r"(?![^\W\d_])"  # a month name ends where its word does
_YEAR4 = re.compile(r"(?<!\d)\d{4}(?!\d)")

# Each alternative captures day, month, year under its own group names.
_DATE = re.compile(
    r"(?<!\d)(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})\s*[/.\-]\s*(?P<y1>\d{4})(?!\d)"
    r"|(?<!\d)(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:,|\s+năm)?\s*(?P<y2>\d{4})(?!\d)"
    # 23. Februar 2020 · 25 de septiembre de 2020 · 1er juin 2019 · 13 Jan 2020
    # · 24 نيسان / أبريل 2020 (two names of one month)
    r"|(?<![\d.])(?P<d3>\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+|of\s+)?"
    rf"(?P<m3>{_MONTH}){_NOT_LETTER}(?:\s*/\s*(?:{_MONTH}){_NOT_LETTER})?"
    r"\.?,?\s*(?:de\s+|del\s+)?(?P<y3>\d{4})(?!\d)"
    # January 18, 2020 · December 29th 2019 · Feb 18 2009
    rf"|(?<![^\W\d_])(?P<m4>{_MONTH}){_NOT_LETTER}\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?"
    r",?\s+(?P<y4>\d{4})(?!\d)"
    # year first, as ISO writes it and East Asian pages do: 2020-03-04 · 2020/4/17 · 2020年7月3日
    # · 2023년 11월 2일
    # (never with dots: "Version 2020.10.3" is no date)
    r"|(?<![\d/.\-])(?P<y5>\d{4})(?:\s*(?P<sep>[/\-])\s*|年|년\s*)(?P<m5>\d{1,2})"
    r"(?:\s*(?P=sep)\s*|月|월\s*)(?P<d5>\d{1,2})(?![\d/])",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d:/.])(?P<h>\d{1,2})\s*[:hg]\s*(?P<mi>\d{1,2})(?::(?P<s>\d{1,2}))?(?![\d/.])"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?|صباح|مساء))?",  # Arabic morning, evening
)
_UPDATED = re.compile(r"cập\s*nhật|updated|modified|sửa\s*lúc|chỉnh\s*sửa", re.IGNORECASE)
_LABEL = re.compile(
    r"(cập\s*nhật[^\d(]*|ngày\s*đăng[^\d(]*|gửi\s*lúc[^\d(]*|đăng\s*(?:lúc|ngày)[^\d(]*"
    r"|ngày\s*phát\s*hành[^\d(]*|ngày\s*xuất\s*bản[^\d(]*|thời\s*gian[^\d(]*"
    r"|posted[^\d(]*|published[^\d(]*|updated[^\d(]*|submitted\s+by\s.*?\son\s)"
    r"\s*[(\[]?\s*$",
    re.IGNORECASE,
)
# A date that starts a span ("từ ngày 09/09/2009" under a visit counter, "in force
# since ..."): the day something began, never a page's date.
_SINCE = re.compile(r"(?<![^\W\d_])(?:từ(?:\s+ngày)?|since|seit|depuis|desde)\s*[:(]?\s*$", re.I)


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a page: ISO value, what it dates, and the text it came from."""

    value: str
    label: DateLabel
    raw: str


def parse_vn_date(text: str) -> ParsedDate | None:
    """Read the first day-first date in text (with its time and label), or None."""
    found = find_vn_dates(text)
    return found[0] if found else None


def find_vn_dates(text: str) -> list[ParsedDate]:
    """Every date in text, in order; a label applies to the date that follows it."""
    if not _YEAR4.search(text):  # every form holds a four-digit year
        return []
    text = clean_line(text)
    out: list[ParsedDate] = []
    start = 0
    for match in _DATE.finditer(text):
        day = _date_of(match)
        if day is None or _SINCE.search(text, max(0, match.start() - 12), match.start()):
            continue
        parsed = _build(text, match, day, start)
        out.append(parsed)
        start = match.end()
    return out


def _date_of(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    for n in "12345":
        if groups[f"d{n}"] is None:
            continue
        month_text = groups[f"m{n}"]
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
        try:
            return date(int(groups[f"y{n}"]), month, int(groups[f"d{n}"]))
        except ValueError:
            return None
    return None


def _build(text: str, match: re.Match[str], day: date, since: int) -> ParsedDate:
    before = text[since : match.start()]
    time, t_start, t_end = _time_near(text, match, since)
    label: DateLabel = "updated" if _UPDATED.search(before) else "published"
    raw_start = min(match.start(), t_start) if t_start >= 0 else match.start()
    lab = _LABEL.search(text[since:raw_start])  # time-first: "Ngày phát hành 19:57 | 27/5/2022"
    if lab is not None:
        raw_start = since + lab.start()
    raw_end = max(match.end(), t_end)
    if raw_end < len(text) and text[raw_end] == ")" and "(" in text[raw_start:raw_end]:
        raw_end += 1
    return ParsedDate(_iso(day, time), label, text[raw_start:raw_end].strip(" -|,[]"))


def _time_near(
    text: str, match: re.Match[str], since: int
) -> tuple[tuple[int, int, int] | None, int, int]:
    after = _TIME.search(text, match.end(), min(len(text), match.end() + TIME_REACH))
    if after is not None and _clock(after) is not None:
        return _clock(after), after.start(), after.end()
    lo = max(since, match.start() - TIME_REACH)
    before = [m for m in _TIME.finditer(text, lo, match.start()) if _clock(m) is not None]
    if before:
        last = before[-1]
        return _clock(last), last.start(), last.end()
    return None, -1, -1


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    hour, minute = int(match["h"]), int(match["mi"])
    second = int(match["s"] or 0)
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in ("pm", "مساء") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _iso(day: date, time: tuple[int, int, int] | None) -> str:
    # Liferay writes 12:00 AM when no time was entered: midnight sharp means "no time".
    if time is None or time == (0, 0, 0):
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, *time)
    return stamp.isoformat() + OFFSET


# Zone names pages write after a time, as offsets from UTC in hours.
_ZONES = {
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "ICT": 7, "WIB": 7, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "MST": -7,
    "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9,
    "AEST": 10, "AEDT": 11,
}  # fmt: skip
_ZONE_NAME = re.compile(r"(?<=\d)\s*(" + "|".join(_ZONES) + r")$")


def iso_from_structured(value: str) -> str | None:
    """Normalise a date from JSON-LD or meta tags to archiver's form: ISO 8601, a
    zone name ("2020-09-25T16:02:50CDT") or an e-mail style date ("Fri, 01 May 2020
    23:00:00 -0400"). The day stays the one the value states, in its own zone."""
    value = value.strip()
    zone = _ZONE_NAME.search(value) if value[:1].isdigit() else None
    if zone is not None:
        stamp_part, hours = value[: zone.start()].rstrip(), _ZONES[zone.group(1)]
        value = stamp_part + (f"{hours:+03d}:00" if "T" in stamp_part else "")
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _from_mail_date(value)
    if len(value) <= 10:
        return stamp.date().isoformat()
    if stamp.tzinfo is None:
        return stamp.replace(microsecond=0).isoformat() + OFFSET
    return stamp.replace(microsecond=0).isoformat()


def _from_mail_date(value: str) -> str | None:
    """An RFC 2822 date ("Tue, 15 Sep 2020 10:01:41 EDT"), as feeds and some CMSs
    write them in their metadata."""
    if not re.match(r"[A-Za-z]{3},", value):
        return None
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.replace(microsecond=0).isoformat() if stamp.tzinfo else stamp.date().isoformat()


# A date in the page's address: /2020/08/24/, /2020-08-24-, /20200428/, /2020-02/19/
# (Xinhua), and day first as a whole segment: /29-10-2021
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?:(?P<s>[/\-_])(?P<m>0[1-9]|1[0-2])[/\-_]"
    r"|(?P<m2>0[1-9]|1[0-2]))(?P<d>0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"
    r"|/(?P<d2>0[1-9]|[12]\d|3[01])(?P<s2>[\-_.])(?P<m3>0[1-9]|1[0-2])(?P=s2)"
    r"(?P<y2>(?:19|20)\d{2})(?=[/.]|$)"
)


def date_in_url(url: str) -> ParsedDate | None:
    """The publication day a URL states in its path, if it states one."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        year, month = match["y"] or match["y2"], match["m"] or match["m2"] or match["m3"]
        try:
            day = date(int(year), int(month), int(match["d"] or match["d2"]))
        except ValueError:
            continue
        return ParsedDate(day.isoformat(), "published", match.group().strip("/"))
    return None
