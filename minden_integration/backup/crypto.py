"""The encrypted container of a backup: AES-256-GCM in chunks (the STREAM construction of Hoang,
Reyhanitabar, Rogaway and Vizár), so that a video of any size is encrypted and checked without
being held in memory, and no chunk can be altered, dropped, reordered or appended unnoticed.

Format, version 1 (all integers big-endian):

    header  = magic "MINDENBK" (8 bytes) | version 0x01 (1) | chunk size N (4)
              | salt (16, random per archive) | key id (8)
    chunk i = AES-256-GCM(file key, nonce_i, plaintext_i, aad = header | i as 8 bytes)
              = ciphertext (len(plaintext_i)) | tag (16)
    nonce_i = i as 11 bytes | 0x01 for the last chunk, else 0x00

- Every chunk but the last holds exactly N bytes of plaintext; the last holds 0 to N bytes and
  is the only one sealed with the last-flag. A file cut at a chunk boundary, or one with bytes
  appended, therefore fails to decrypt, as does any changed byte of a chunk or of the header
  (the header is each chunk's associated data).
- The master key is PORTAL_BACKUP_KEY: 32 random bytes in base64 (`manage.py backup_key`). It is
  never used directly: each archive's file key is HKDF-SHA256(master key, salt, "minden-backup
  v1 file key"), so nonces never repeat under one key, whatever the number of archives.
- The key id is HMAC-SHA256(master key, "minden-backup v1 key id")[:8]: it tells a wrong key
  from a damaged archive before anything is decrypted, and says nothing about the key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"MINDENBK"
VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
SALT_SIZE = 16
KEY_ID_SIZE = 8
KEY_SIZE = 32
HEADER = struct.Struct(f">{len(MAGIC)}sBI{SALT_SIZE}s{KEY_ID_SIZE}s")
# Chunks larger than this are refused when reading (a damaged header must not ask for 4 GiB).
MAX_CHUNK_SIZE = 64 * 1024 * 1024


class BackupKeyError(Exception):
    """No key, a malformed key, or an archive made with another key."""


class ArchiveDamaged(Exception):
    """The archive is not one of ours, is cut short, or was altered."""


def key_generate() -> str:
    """A new master key, as PORTAL_BACKUP_KEY takes it."""
    return base64.urlsafe_b64encode(os.urandom(KEY_SIZE)).decode("ascii")


def key_parse(value: str | None) -> bytes:
    """The 32 bytes of PORTAL_BACKUP_KEY (base64, standard or URL-safe alphabet)."""
    value = (value or "").strip()
    if not value:
        raise BackupKeyError(
            "PORTAL_BACKUP_KEY ist nicht gesetzt. Einen Schlüssel erzeugt "
            "`manage.py backup_key`; er gehört in die Umgebung des Dienstes, nicht in die "
            "Sicherung."
        )
    try:
        key = base64.b64decode(value.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_SIZE:
        raise BackupKeyError(
            "PORTAL_BACKUP_KEY ist kein gültiger Schlüssel: erwartet werden 32 Bytes in Base64 "
            "(44 Zeichen), wie `manage.py backup_key` sie ausgibt."
        )
    return key


def key_id(master: bytes) -> bytes:
    return hmac.new(master, b"minden-backup v1 key id", hashlib.sha256).digest()[:KEY_ID_SIZE]


def _file_key(master: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=salt, info=b"minden-backup v1")
    return AESGCM(hkdf.derive(master))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _aad(header: bytes, index: int) -> bytes:
    return header + index.to_bytes(8, "big")


class EncryptingWriter:
    """A write-only file object: what is written to it goes encrypted to `target`; `close()`
    seals the last chunk (without it the archive is incomplete, and reading it fails)."""

    def __init__(self, target: BinaryIO, master: bytes, chunk_size: int = CHUNK_SIZE):
        salt = os.urandom(SALT_SIZE)
        self._target = target
        self._aead = _file_key(master, salt)
        self._header = HEADER.pack(MAGIC, VERSION, chunk_size, salt, key_id(master))
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        target.write(self._header)

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("write to a sealed archive")
        self._buffer += data
        # Only a chunk with more data after it is sealed as "not last".
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _seal(self, plaintext: bytes, *, last: bool) -> None:
        aad = _aad(self._header, self._index)
        self._target.write(self._aead.encrypt(_nonce(self._index, last), plaintext, aad))
        self._index += 1

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True


class DecryptingReader:
    """A read-only file object over an archive: every chunk is authenticated before a byte of
    it is returned; a wrong key, a foreign file or an altered byte raises."""

    def __init__(self, source: BinaryIO, master: bytes):
        self._source = source
        header = source.read(HEADER.size)
        if len(header) < HEADER.size or not header.startswith(MAGIC):
            raise ArchiveDamaged("Die Datei ist keine Sicherung des Portals (Kopf fehlt).")
        _magic, version, chunk_size, salt, stored_key_id = HEADER.unpack(header)
        if version != VERSION:
            raise ArchiveDamaged(f"Unbekannte Version {version} des Sicherungsformats.")
        if not 0 < chunk_size <= MAX_CHUNK_SIZE:
            raise ArchiveDamaged("Der Kopf der Sicherung ist beschädigt.")
        if not hmac.compare_digest(stored_key_id, key_id(master)):
            raise BackupKeyError(
                "Die Sicherung wurde mit einem anderen Schlüssel verschlüsselt als dem in "
                "PORTAL_BACKUP_KEY. Ohne ihren Schlüssel lässt sie sich nicht lesen."
            )
        self._header = header
        self._aead = _file_key(master, salt)
        self._block = chunk_size + TAG_SIZE
        self._pending = source.read(self._block)
        self._index = 0
        self._buffer = bytearray()
        self._done = False

    def _next_chunk(self) -> None:
        following = self._source.read(self._block)
        last = not following
        if len(self._pending) < TAG_SIZE:
            raise ArchiveDamaged("Die Sicherung ist unvollständig (abgeschnitten).")
        try:
            plaintext = self._aead.decrypt(
                _nonce(self._index, last), self._pending, _aad(self._header, self._index)
            )
        except InvalidTag:
            raise ArchiveDamaged(
                f"Die Sicherung ist beschädigt oder verändert worden (Block {self._index} "
                "lässt sich nicht authentifizieren)."
            ) from None
        self._buffer += plaintext
        self._index += 1
        self._pending = following
        self._done = last

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def finish(self) -> None:
        """Read and authenticate the rest, up to the sealed last chunk: a reader of the
        contents (tar) may stop before the end, and only the last chunk proves nothing is
        missing."""
        while not self._done:
            self._next_chunk()
            self._buffer.clear()
        self._buffer.clear()
