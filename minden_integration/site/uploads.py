"""Checks of the files the officer uploads for the city: the coat of arms or logo.

An SVG is a document that can carry script. It is shown through `<img>` (where script never
runs) and served with a locked-down policy, but it is also refused at the door: no script, no
event handler, no embedded document, no link or entity that loads anything from elsewhere.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LOGO_MAX_BYTES = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Elements that run or embed something; refused wherever they appear.
SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
# References may only point inside the file (#id) or carry inline image data.
_LOCAL_REFERENCE = re.compile(r"^(#|data:image/(png|jpeg|gif);base64,)", re.IGNORECASE)
_URL_IN_STYLE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _refuse(message: str) -> None:
    raise ValidationError(message, code="logo")


def _check_svg(data: bytes) -> None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        # No document type, hence no entities: nothing for the parser to expand or fetch.
        _refuse(_("Die SVG-Datei darf keine DOCTYPE- oder ENTITY-Angaben enthalten."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        _refuse(_("Die SVG-Datei ist kein gültiges XML."))
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        _refuse(_("Die Datei ist keine SVG-Grafik (das Wurzelelement muss <svg> sein)."))
    for element in root.iter():
        if _local_name(element.tag) in SVG_FORBIDDEN_ELEMENTS:
            _refuse(_("Die SVG-Datei darf keine Skripte oder eingebetteten Inhalte enthalten."))
        for name, value in element.attrib.items():
            local = _local_name(name)
            if local.startswith("on"):
                _refuse(_("Die SVG-Datei darf keine Ereignis-Attribute (on…) enthalten."))
            if local == "href" and not _LOCAL_REFERENCE.match(value.strip()):
                _refuse(_("Die SVG-Datei darf keine Inhalte von anderen Adressen laden."))
            if local == "style" and _URL_IN_STYLE.search(value):
                _refuse(_("Die SVG-Datei darf keine Inhalte von anderen Adressen laden."))
        if _local_name(element.tag) == "style" and _URL_IN_STYLE.search(element.text or ""):
            _refuse(_("Die SVG-Datei darf keine Inhalte von anderen Adressen laden."))


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        _refuse(_("Die Datei ist kein gültiges PNG-Bild."))
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= 4000 and 0 < height <= 4000):
        _refuse(_("Das Bild darf höchstens 4000 × 4000 Pixel groß sein."))


def validate_logo(upload) -> None:
    """An SVG or PNG of at most 512 KB whose content is what its name says; a file stored
    before was checked when it came."""
    if getattr(upload, "_committed", False):
        return
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > LOGO_MAX_BYTES:
        _refuse(_("Die Datei darf höchstens 512 KB groß sein."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if name.endswith(".svg"):
        _check_svg(data)
    elif name.endswith(".png"):
        _check_png(data)


def logo_content_type(name: str) -> str:
    return "image/svg+xml" if name.lower().endswith(".svg") else "image/png"
