"""Plain-text files: encoding detection (BOM, UTF-8, UTF-16, Windows-1258, TCVN3/VNI bytes).

Each candidate decoding is scored by the share of words spelled as Vietnamese syllables;
charset-normalizer is the last resort. A form feed (``\\f``) starts a new page.
"""

from __future__ import annotations

import codecs

from extractor.errors import EmptyDocumentError, UnsupportedFormatError
from extractor.ingest import legacy
from extractor.ingest.sanitize import safe_nfc
from extractor.models import Page

_CP1252_HIGH = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
# every byte but the control characters that do not occur in text (tab, line feed, form feed, CR allowed)
_NOT_CONTROLS = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13)))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes at every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _windows_latin(data: bytes) -> str:
    """Bytes as Windows-1252 characters (what legacy fonts were typed over), Latin-1 where undefined."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


def looks_like_text(data: bytes) -> bool:
    """True for bytes that decode as some text (used by format sniffing)."""
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(data):
        return True
    sample = data[:8192]
    if b"\x00" in sample:
        return False
    controls = len(sample.translate(None, _NOT_CONTROLS))  # deleting the rest in C leaves the controls
    return controls <= len(sample) * 0.01


def decode_bytes(data: bytes, source: str = "") -> tuple[str, str, str | None]:
    """Decode text bytes → (text NFC, encoding name, legacy font encoding or ``None``)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _finish(data.decode(name, errors="replace"), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), utf16)
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {
        "windows-1258": data.decode("cp1258", errors="replace"),
        legacy.TCVN3: legacy.decode_tcvn3(_windows_latin(data))[0],
        legacy.VNI: legacy.decode_vni(_windows_latin(data))[0],
    }
    guessed = _charset_normalizer_guess(data)
    if guessed:
        candidates[guessed[0]] = guessed[1]
    best = max(candidates, key=lambda name: legacy.syllable_ratio(candidates[name])[0])
    if legacy.syllable_ratio(candidates[best])[1] == 0 and not guessed:
        raise UnsupportedFormatError("cannot determine the text encoding", source=source)
    text = safe_nfc(candidates[best])
    if best in (legacy.TCVN3, legacy.VNI):
        return text, "windows-1252", best
    return _finish(text, best)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000]).best()
    if match is None:
        return None
    try:
        return match.encoding, data.decode(match.encoding, errors="replace")
    except LookupError:
        return None


def _finish(text: str, encoding: str) -> tuple[str, str, str | None]:
    """Repair legacy mojibake inside already-decoded text (e.g. TCVN3 pasted into a UTF-8 file)."""
    repaired, found = legacy.repair(text)
    return repaired, encoding, found


def split_pages(text: str) -> list[Page]:
    """Form feeds separate pages; line ends become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    return [Page(number=i + 1, text=chunk) for i, chunk in enumerate(chunks)]


def read_text(data: bytes, source: str) -> tuple[list[Page], str, str | None]:
    """Pages, encoding and legacy encoding of a text file's bytes."""
    text, encoding, found = decode_bytes(data, source)
    if not text.strip():
        raise EmptyDocumentError("the text file holds no text", source=source)
    return split_pages(safe_nfc(text)), encoding, found
