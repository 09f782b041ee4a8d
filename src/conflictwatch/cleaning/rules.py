"""Line rules: does one line, on its own, look like site furniture, and why.

Two kinds of rule, both tuned on patterns seen across many sites, never on one page:

- *whole-line* rules must match the entire stripped line (``fullmatch``); they are precise;
- *phrase* rules look for a telltale phrase, but only in short lines (``max_words``) that
  mention no casualty (``_CASUALTY``), so a real sentence is never taken for a promo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REASONS: tuple[str, ...] = (
    "promo", "comment_prompt", "share", "captcha", "credit", "byline", "contact", "copyright",
    "cookie", "navigation", "advert", "media", "timestamp", "separator", "related_links",
    "duplicate", "caption",
)

_CASUALTY = re.compile(
    r"\b(kill|shot|shoot|gunfire|gunm[ae]n|injur|wound|died|dies|dead|death|murder|slain|fatal"
    r"|stabb|hospitali|victim|casualt|bomb|attack|clash|massacre)",
    re.IGNORECASE,
)
# whole-line reasons whose pattern is loose enough that a casualty mention overrides it
_GUARDED = frozenset({"credit", "byline", "related_links"})
_MAX_FURNITURE_WORDS = 80
_WORD = re.compile(r"\S+")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_TIME = (r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
         r"(?:\s*(?-i:[ECMPA][SD]?T|UTC|GMT|BST|CES?T))?")
_DATE = (rf"(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?"
         rf"|\d{{1,2}}\s+{_MONTH},?\s*\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})")
STAMP_WORDS = r"(?:posted|updated|published|last\s+updated|first\s+published|created|modified)"
# a stamp: "Posted: Friday, January 31, 2014 10:21 AM EST Updated: ...", possibly repeated
STAMP = re.compile(
    rf"{STAMP_WORDS}\s*(?:on|at)?\s*:?\s*(?:{_DATE}|{_TIME})(?:[\s,|@-]*(?:at\s+)?(?:{_DATE}|{_TIME}"
    rf"|{STAMP_WORDS}\s*:?))*\s*$",
    re.IGNORECASE,
)
_SHARE_TOKEN = (
    r"(?:share(?:\s+(?:this|on|via|the\s+story))?(?:\s+(?:story|article|page))?|tweet(?:\s+this)?"
    r"|e-?mail(?:\s+this)?|print(?:\s+this)?|facebook|twitter|google\s*(?:\+|plus)?|pinterest"
    r"|linkedin|reddit|whatsapp|tumblr|messenger|sms|text|copy(?:\s+link)?|link|like(?:\s+this)?"
    r"|loading\.*|pin\s+it|flipboard|telegram|x|comments?|\d+\s+shares?|shares?"
    r"|partager|compartir|teilen|condividi|compartilhar|delen|поделиться|مشاركة)"
)


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# (reason, pattern) pairs: the pattern must match the whole stripped line.
WHOLE_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("separator", _full(r"[-_=*#~.·•—–\s]{2,}|[-_=*#~·•—–]")),
    ("share", _full(rf"(?:{_SHARE_TOKEN}\s*[:|,/·•]?\s*){{1,12}}")),
    ("advert", _full(r"advertisement(?:\s+continue\s+reading)?|\(?advertisement\)?|sponsored"
                     r"(?:\s+content)?|ad\s+feedback|story\s+continues\s+below(?:\s+advertisement)?"
                     r"|article\s+continues\s+below(?:\s+advertisement)?")),
    ("navigation", _full(
        r"close|more|menu|home|next|previous|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content"
        r"|(?:previous|next|original)\s+(?:story|article|post)s?\s*:?|photos?|videos?"
        r"|gallery|a\s+a|today|tonight|vote|view\s+results|continue\s+reading|read\s+more\.*"
        r"|click\s+here\.?|show\s+more|load\s+more|top\s+stories|news\s+releases|toggle"
        r"(?:\s+\w+)?|expand|collapse|hide\s+caption|(?:show|hide)\s+transcript(?:\s+(?:show|hide)"
        r"\s+transcript)?|enlarge\s+this\s+image|view\s+(?:gallery|photos?|slideshow)")),
    ("comment_prompt", _full(
        r"(?:leave|post|add|write)\s+an?\s+(?:comment|reply|reflection)(?:\s*·.*)?|comments?"
        r"|\d+\s+(?:pending\s+)?comments?|view\s+(?:all\s+)?comments?(?:\s*\(\d+\))?"
        r"|(?:show|hide|read|load)\s+(?:all\s+)?comments?|join\s+the\s+(?:conversation|discussion)"
        r"(?:\s+on\s+.{0,60})?|be\s+the\s+first\s+to\s+comment\.?|comments\s+are\s+closed\.?"
        r"|discussion|conversation|reader\s+comments|add\s+your\s+comment"
        r"|laisser\s+un\s+commentaire|deja\s+(?:un|tu)\s+comentario|lascia\s+un\s+commento"
        r"|deixe\s+(?:um|seu)\s+coment[aá]rio|kommentar\s+(?:schreiben|hinzuf[uü]gen)"
        r"|\d*\s*(?:commentaires?|comentarios?|commenti|kommentare?|coment[aá]rios?)")),
    ("timestamp", re.compile(
        rf"{STAMP.pattern}|(?:update[ds]?|updated)\s*[:\-–—]?\s*{_TIME}\.?"
        rf"|(?:update[ds]?|updated)\s*[:\-–—]?\s*{_DATE}(?:\s*(?:at\s+)?{_TIME})?",
        re.IGNORECASE)),
    ("credit", _full(
        r"\(?\s*(?:photo|image|picture|photograph|video|graphic|illustration|credit|foto)s?"
        r"(?:\s+(?:credit|by|courtesy))?\s*[:/]\s*(?:[^.\s]+\s*){1,8}\)?\.?"
        r"|\(?\s*©(?!\s*\d{4}\b)[^.]{1,80}\)?"
        r"|\(?\s*(?:getty\s+images|ap\s+photos?|reuters|afp|epa(?:-efe)?|shutterstock|anadolu"
        r"(?:\s+agency)?|alamy|xinhua|sipa|bloomberg)(?:\s*(?:/|via)\s*[^.]{1,60})?\s*\)?"
        r"|\(?\s*(?:ap\s+photo|afp\s+photo|reuters\s+photo|epa\s+photo)\s*/[^.]{1,60}\)?"
        r"|[^.()/]{1,60}/(?:getty\s+images|afp|reuters|ap|epa(?:-efe)?|shutterstock|alamy"
        r"|anadolu\s+agency|sipa\s+usa|bloomberg|nurphoto)(?:\s*/\s*[^.]{1,40})?"
        r"(?:\s+via\s+[^.]{1,40})?|\(?(?:courtesy|handout)(?:\s+of)?[:\s]+[^.]{1,60}\)?")),
    ("copyright", _full(
        r"\(?\s*(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}.{0,220}"
        r"|.{0,120}all\s+rights\s+reserved\.?.{0,160}|\(\s*source:.{0,80}©.{0,160}\)"
        r"|\(?this\s+material\s+may\s+not\s+be\s+published.{0,120}")),
    ("byline", re.compile(
        r"(?i:by)[:\s]+(?:(?i:the)\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von"
        r"|al-\w+|\d{1,3})){0,6}(?:\s*[,|]\s*[\w .'’-]{1,50})?"
        r"|(?:(?:[A-Z][\w.'’-]+\s+){1,4}[,|]?\s*)?(?i:(?:staff|senior|contributing|chief|special)"
        r"\s+)?(?i:writer|reporter|correspondent|staff\s+writer)(?:\s*,\s*[\w .'’-]{1,40})?"
        r"|(?i:(?:the\s+)?associated\s+press|(?:breaking\s+)?news\s+staff|(?:with\s+)?(?:news\s+)?"
        r"wire\s+services)|[—–]\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
        r"|(?:(?i:the)\s+)?[A-Z][\w .'’-]{1,60}\s+(?i:contributed\s+to\s+this\s+"
        r"(?:report|story|article))\.?|(?i:contributing):\s*[\w .,'’&-]{1,100}"
        r"|(?i:(?:additional\s+)?reporting|written|edited)\s+(?i:by)\s+[A-Z][\w .,'’&-]{1,100}")),
    ("contact", re.compile(
        r"(?i:(?:(?:e-?mail|contact|reach)\b[\w .'’-]{0,30}:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?"
        r"(?:\s+or\s+[\d()\s.-]{7,16}\.?)?|(?:twitter:\s*)?@\w{2,30}|(?:https?://)?(?:www\.)?"
        r"twitter\.com/\w+)|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}:\s*\(?\d{3}\)?[\s.-]\d{3}"
        r"[\s.-]\d{4}")),
    ("captcha", _full(
        r"you\s+must\s+enter\s+the\s+characters.{0,100}|(?:please\s+)?enter\s+the\s+(?:characters|"
        r"code|text)\s+(?:you\s+see|shown|above|below).{0,60}|captcha.{0,60}|.{0,40}\bcaptcha"
        r"|i'?m\s+not\s+a\s+robot|are\s+you\s+a\s+robot\??|why\s+are\s+we\s+asking\s+this\??"
        r"|message:\s*\*?\s*a\s+friend\s+wanted\s+you\s+to\s+see\s+this.{0,200}")),
)

# (reason, pattern, max_words): a phrase in a short line without any casualty word.
PHRASE_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("promo", re.compile(
        r"unlock\s+the\s+editor.s\s+digest|^\s*(?:sign\s+up|subscribe|register)\b"
        r"|email\s+(?:alerts|notifications)|breaking\s+news\s+alerts?|already\s+(?:a\s+subscriber|"
        r"have\s+an\s+account|registered)|create\s+(?:an|your)\s+account|^\s*sign\s+in\b"
        r"|\bsign\s+in\s+(?:to|with|using)\b|^\s*log\s*in\b|\blog\s*in\s+(?:to|with|using|now)\b"
        r"|verification\s+(?:email|message)|terms\s+of\s+(?:service|use)|privacy\s+policy"
        r"|download\s+(?:the|our)\b.*\bapp|\bapp\b.*\b(?:iphone|android|ios)\b"
        r"|^\s*(?:follow|like)\s+(?:us|\w+(?:\.com)?)\s+on\b|^\s*follow\s+[\w.]+\s*:"
        r"|^\s*(?:don.t|never)\s+miss\b|text\s+\"?\w+\"?\s+to\s+\d{4,6}"
        r"|thank\s+you\s+for\s+(?:registering|subscribing|signing\s+up)|premium\s+clicks"
        r"|^\s*click\s+(?:here|on\s+the\s+button)\b|^\s*just\s+one\s+more\s+thing"
        r"|your\s+notification\s+has\s+been\s+saved|problem\s+saving\s+your|need\s+an\s+account"
        r"|^\s*(?:sign\s+in|login)\s+using|send\s+(?:us\s+)?your\s+news\s+tips|submit\s+a\s+tip"
        r"|report\s+an\s+error|you\s+are\s+the\s+owner\s+of\s+this\s+article"
        r"|get\s+email\s+notifications|^\s*for\s+updates\s+and\s+more\s+news"
        r"|^\s*(?:abonnez-vous|inscrivez-vous|suscr[ií]bete|iscriviti|assine|jetzt\s+abonnieren"
        r"|newsletter\s+abonnieren)\b",
        re.IGNORECASE), 60),
    ("promo", re.compile(
        r"newsletters?\b|subscri(?:ber|ption)s?\b|digital\s+(?:access|subscription)|home\s+delivery"
        r"|^\s*welcome\s+back|free\s+trial|^\s*stay\s+(?:up\s+to\s+date|connected|informed|with"
        r"|on)\b|get\s+(?:the\s+)?(?:latest|breaking)\s+news|^\s*for\s+(?:more|the\s+latest)\s+"
        r"(?:news|updates|coverage)\b",
        re.IGNORECASE), 20),
    ("cookie", re.compile(
        r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|browser|experience)\b"
        r"|\b(?:accept|reject|manage)\s+(?:all\s+)?cookies|by\s+continuing\s+to\s+(?:use|browse)",
        re.IGNORECASE), 80),
    ("media", re.compile(
        r"enable\s+javascript|requires\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)"
        r"|^\s*scroll\s+down\s+for\s+video|trouble\s+(?:viewing|playing)\s+the\s+video"
        r"|ad\s*-?\s*blocker|^\s*watch\s+(?:the\s+)?(?:video|live)\b|^\s*\(?video\)?\s*:"
        r"|your\s+browser\s+does\s+not\s+support|^\s*(?:play|pause)\s+video|video\s+player"
        r"|add\s+a\s+location\s+to\s+your\s+tweets|when\s+you\s+tweet\s+with\s+a\s+location",
        re.IGNORECASE), 50),
    ("share", re.compile(
        r"^\s*share\s+(?:this|on|via)\b|^\s*(?:click\s+to\s+)?(?:share|email|print)\s+(?:this\s+)?"
        r"(?:story|article|page)\b|reuse\s+options|^\s*tweet\s+this",
        re.IGNORECASE), 15),
)

RELATED_HEADER = re.compile(
    r"(?:related(?:\s+(?:articles?|stories|coverage|content|links|news|video|posts?))?"
    r"|more\s+(?:from|on|stories|news|coverage|headlines)\b.{0,40}|(?:top\s+)?trending(?:\s+"
    r"(?:stories|now|news))?(?:\s+on\s+.{1,40})?|see\s+also|also\s+(?:on|read|see)\b.{0,40}"
    r"|read\s+(?:more|also|next)\b.{0,60}|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested"
    r"(?:\s+in)?)|recommended(?:\s+(?:for\s+you|stories|reading))?|(?:most\s+)?popular(?:\s+stories)?"
    r"|most\s+(?:read|viewed|shared)|previous\s+stories|top\s+stories|latest\s+(?:news|stories|"
    r"headlines)|other\s+stories|in\s+other\s+news|also|more\s+(?:videos?|photos?|stories)"
    r"|more\s+(?-i:[A-Z0-9][\w.]*(?:\s+[A-Z0-9][\w.]*)?))\s*:?",
    re.IGNORECASE,
)
# a video-playlist item ("1:06 Former prison nurse accused ...") or a bulleted headline
PLAYLIST_ITEM = re.compile(r"\d{1,2}:\d{2}\s+(?![ap]\.?\s?m\b)[^\s:]+(?:\s+[^\s:]+){1,30}")
BULLET_ITEM = re.compile(r"[+•▪►>»]\s*\S.{5,200}")


@dataclass(frozen=True)
class LineVerdict:
    """Why a line looks like furniture (``reason``), or None when it looks like text."""

    reason: str | None


def count_words(text: str) -> int:
    """Number of whitespace-separated words in ``text``."""
    return len(_WORD.findall(text))


def mentions_casualty(text: str) -> bool:
    """True when the line mentions a killing, shooting, injury or death."""
    return _CASUALTY.search(text) is not None


def classify_line(line: str, *, max_chars: int = 600) -> str | None:
    """The furniture reason for one stripped line, or None when it may be body text."""
    if not line or len(line) > max_chars or count_words(line) > _MAX_FURNITURE_WORDS:
        return None
    casualty = mentions_casualty(line)
    for reason, pattern in WHOLE_LINE_RULES:
        if pattern.fullmatch(line) and not (casualty and reason in _GUARDED):
            return reason
    if casualty:
        return None
    words = count_words(line)
    for reason, pattern, max_words in PHRASE_RULES:
        if words <= max_words and pattern.search(line):
            return reason
    return None


def split_stamp(line: str) -> int | None:
    """Index where a trailing "Posted: <date>" stamp starts in a longer line, or None."""
    match = re.search(rf"\s{STAMP_WORDS}\s*(?:on|at)?\s*:", line, re.IGNORECASE)
    if match is None or match.start() < 10:
        return None
    if STAMP.fullmatch(line[match.start() + 1 :]) is None:
        return None
    return match.start() + 1
