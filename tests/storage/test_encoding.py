"""Tests for encoding detection and newline normalisation of imported files."""

from __future__ import annotations

import codecs

import pytest

from storage.importing.encoding import BinaryFileError, decode_text, normalise_newlines

GERMAN = "Größere Äpfel für „Jürgen“ – Preis: 5 € (ß, ö, ü, Ä, Ö, Ü)\nZweite Zeile\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + GERMAN.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + GERMAN.encode("utf-32-be"), "utf-32-be"),
        (GERMAN.encode("utf-16-le"), "utf-16-le"),
        (GERMAN.encode("utf-16-be"), "utf-16-be"),
        (GERMAN.encode("cp1252"), "cp1252"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-32-le-bom",
        "utf-32-be-bom",
        "utf-16-le-no-bom",
        "utf-16-be-no-bom",
        "cp1252",
    ],
)
def test_decode_text_detects_encoding(data: bytes, encoding: str) -> None:
    assert decode_text(data) == (GERMAN, encoding)


def test_utf16_without_bom_pure_ascii_is_not_taken_for_utf8_with_nuls() -> None:
    # Every ASCII UTF-16 file is valid UTF-8 byte-wise; the NULs must decide.
    assert decode_text("Berlin, 3. Mai\n".encode("utf-16-le")) == ("Berlin, 3. Mai\n", "utf-16-le")


def test_cp1252_euro_and_typographic_quotes() -> None:
    data = b"Preis: 5 \x80, \x84Zitat\x93 und Gr\xfc\xdfe"
    assert decode_text(data) == ("Preis: 5 €, „Zitat“ und Grüße", "cp1252")


def test_latin1_when_cp1252_has_undefined_bytes() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 can decode this.
    data = b"Gr\xfc\xdfe aus K\xf6ln \x81"
    assert decode_text(data) == ("Grüße aus Köln \x81", "latin-1")


@pytest.mark.parametrize("undefined", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_every_cp1252_undefined_byte_falls_back_to_latin1(undefined: int) -> None:
    data = b"M\xfcnchen " + bytes([undefined])
    assert decode_text(data) == ("München " + chr(undefined), "latin-1")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Äpfel".encode(),
        codecs.BOM_UTF16_LE + "Äpfel".encode("utf-16-le"),
        codecs.BOM_UTF8 + codecs.BOM_UTF8 + "Äpfel".encode(),
    ],
    ids=["utf-8-bom", "utf-16-bom", "double-bom"],
)
def test_decoded_text_never_starts_with_bom(data: bytes) -> None:
    text, _ = decode_text(data)
    assert text == "Äpfel"
    assert "\ufeff" not in text


def test_bom_file_with_bad_bytes_keeps_encoding_and_replaces_them() -> None:
    data = codecs.BOM_UTF8 + b"K\xc3\xb6ln \xff Bonn"
    assert decode_text(data) == ("Köln \ufffd Bonn", "utf-8-sig")


def test_empty_data_is_empty_utf8() -> None:
    assert decode_text(b"") == ("", "utf-8")


def test_newlines_are_not_touched_by_decoding() -> None:
    assert decode_text(b"a\r\nb\rc") == ("a\r\nb\rc", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n\x00\x00\x01\x02binary\x00stream",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        bytes(range(1, 32)) * 10,  # control characters without any NUL
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
    ids=["pdf", "zip", "controls", "png"],
)
def test_binary_data_raises(data: bytes) -> None:
    with pytest.raises(BinaryFileError):
        decode_text(data)


def test_binary_file_error_is_a_value_error() -> None:
    assert issubclass(BinaryFileError, ValueError)


def test_a_few_control_characters_do_not_make_text_binary() -> None:
    text = "Überschrift\f\tEinzug\n" + "Normaler Text mit Umlauten äöü. " * 5 + "\x1b\x07"
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\rc", "a\nb\nc"),
        ("a\nb", "a\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("Zeile 1\r\nZeile 2\rZeile 3\nZeile 4\r\n", "Zeile 1\nZeile 2\nZeile 3\nZeile 4\n"),
        ("", ""),
    ],
)
def test_normalise_newlines(text: str, expected: str) -> None:
    assert normalise_newlines(text) == expected
