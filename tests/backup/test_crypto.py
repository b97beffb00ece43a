"""The encrypted container: what goes in comes out, and nothing else does."""

import base64
import io

import pytest

from minden_integration.backup.crypto import (
    HEADER,
    TAG_SIZE,
    ArchiveDamaged,
    BackupKeyError,
    DecryptingReader,
    EncryptingWriter,
    key_generate,
    key_parse,
)

CHUNK = 64


def encrypt(data: bytes, key: bytes, chunk_size: int = CHUNK) -> bytes:
    target = io.BytesIO()
    writer = EncryptingWriter(target, key, chunk_size=chunk_size)
    # In uneven pieces, as tar writes.
    for start in range(0, len(data), 37):
        writer.write(data[start : start + 37])
    writer.close()
    return target.getvalue()


def decrypt(blob: bytes, key: bytes) -> bytes:
    reader = DecryptingReader(io.BytesIO(blob), key)
    data = reader.read()
    reader.finish()
    return data


@pytest.fixture
def key():
    return key_parse(key_generate())


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])
def test_what_is_encrypted_comes_back(key, size):
    data = (b"Protokoll der Sitzungsrunde " * 20)[:size]
    blob = encrypt(data, key)
    assert b"Protokoll" not in blob
    assert decrypt(blob, key) == data


def test_reading_in_small_pieces_returns_the_same_bytes(key):
    data = bytes(range(200))
    reader = DecryptingReader(io.BytesIO(encrypt(data, key)), key)
    pieces = []
    while piece := reader.read(7):
        pieces.append(piece)
    assert b"".join(pieces) == data


def test_every_changed_byte_is_refused(key):
    blob = encrypt(bytes(range(150)), key)
    for position in range(len(blob)):
        tampered = bytearray(blob)
        tampered[position] ^= 0x01
        with pytest.raises((ArchiveDamaged, BackupKeyError)):
            decrypt(bytes(tampered), key)


def test_a_file_cut_at_a_chunk_boundary_is_refused(key):
    blob = encrypt(bytes(3 * CHUNK), key)
    # Header and the first two chunks: each decrypts, but none is sealed as the last.
    cut = blob[: HEADER.size + 2 * (CHUNK + TAG_SIZE)]
    with pytest.raises(ArchiveDamaged):
        decrypt(cut, key)


def test_appended_or_reordered_chunks_are_refused(key):
    blob = encrypt(bytes(range(3 * CHUNK)), key)
    with pytest.raises(ArchiveDamaged):
        decrypt(blob + blob[HEADER.size : HEADER.size + CHUNK + TAG_SIZE], key)
    first = slice(HEADER.size, HEADER.size + CHUNK + TAG_SIZE)
    second = slice(first.stop, first.stop + CHUNK + TAG_SIZE)
    swapped = blob[: first.start] + blob[second] + blob[first] + blob[second.stop :]
    with pytest.raises(ArchiveDamaged):
        decrypt(swapped, key)


def test_a_wrong_key_is_named_as_such(key):
    blob = encrypt(b"Sitzungsrunde", key)
    with pytest.raises(BackupKeyError, match="anderen Schlüssel"):
        decrypt(blob, key_parse(key_generate()))


def test_a_foreign_file_is_refused(key):
    with pytest.raises(ArchiveDamaged, match="keine Sicherung"):
        decrypt(b"PK\x03\x04 not ours", key)


def test_each_archive_has_its_own_file_key(key):
    """The same plaintext twice never gives the same ciphertext (salt per archive)."""
    assert encrypt(b"x" * 100, key)[HEADER.size :] != encrypt(b"x" * 100, key)[HEADER.size :]


def test_keys_are_32_bytes_of_base64_in_either_alphabet():
    raw = bytes(range(250, 256)) * 5 + b"\xfb\xff"
    assert key_parse(base64.b64encode(raw).decode()) == raw
    assert key_parse(base64.urlsafe_b64encode(raw).decode() + "\n") == raw
    assert len(key_parse(key_generate())) == 32
    with pytest.raises(BackupKeyError, match="nicht gesetzt"):
        key_parse("")
    for wrong in ("kurz", base64.b64encode(b"x" * 16).decode(), "!" * 44):
        with pytest.raises(BackupKeyError, match="kein gültiger Schlüssel"):
            key_parse(wrong)
