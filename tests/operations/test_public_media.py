"""The sign-language videos and their captions are public in production too, in byte ranges
for the player; nothing else under MEDIA_ROOT is."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from minden_integration.core.ranges import Unsatisfiable, byte_range
from minden_integration.site.explanations import Explanation, ExplanationTopic

VIDEO = bytes(range(256)) * 8  # 2048 bytes, each position telling itself apart
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n"


@pytest.fixture
def explanation(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Explanation.objects.create(
        topic=ExplanationTopic.CONTENT,
        video=SimpleUploadedFile("inhalt.mp4", VIDEO),
        captions=SimpleUploadedFile("inhalt.vtt", CAPTIONS),
        duration=dt.timedelta(minutes=1),
    )


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_video_is_served_whole_with_its_type(client, explanation):
    response = client.get(explanation.video.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(VIDEO))
    assert content(response) == VIDEO


def test_the_captions_are_served_as_webvtt(client, explanation):
    response = client.get(explanation.captions.url)
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert content(response) == CAPTIONS


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=2000-", 2000, 2047),
        ("bytes=-10", 2038, 2047),
        ("bytes=100-99999", 100, 2047),
    ],
)
def test_a_range_is_answered_with_that_part(client, explanation, header, first, last):
    response = client.get(explanation.video.url, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(VIDEO)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert content(response) == VIDEO[first : last + 1]


def test_a_range_beyond_the_end_is_unsatisfiable(client, explanation):
    response = client.get(explanation.video.url, HTTP_RANGE="bytes=4096-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"


def test_the_browser_revalidates_with_the_etag(client, explanation):
    etag = client.get(explanation.video.url)["ETag"]
    assert client.get(explanation.video.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_range_of_a_changed_file_gets_the_whole_file(client, explanation):
    response = client.get(
        explanation.video.url, HTTP_RANGE="bytes=0-99", HTTP_IF_RANGE='"an-older-version"'
    )
    assert response.status_code == 200 and content(response) == VIDEO
    etag = response["ETag"]
    response = client.get(explanation.video.url, HTTP_RANGE="bytes=0-99", HTTP_IF_RANGE=etag)
    assert response.status_code == 206


def test_a_file_no_explanation_names_is_not_public(client, explanation):
    default_storage.save("videos/left-over.mp4", ContentFile(VIDEO))
    default_storage.save("issued/beschluss.pdf", ContentFile(b"%PDF-1.7"))
    assert client.get("/media/videos/left-over.mp4").status_code == 404
    assert client.get("/media/issued/beschluss.pdf").status_code == 404
    assert client.get("/media/videos/../issued/beschluss.pdf").status_code == 404


def test_a_video_gone_from_the_disk_is_a_404(client, explanation):
    default_storage.delete(explanation.video.name)
    assert client.get(explanation.video.url).status_code == 404


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-0", (0, 0)),
        ("bytes=5-2", None),
        ("bytes=0-1,4-5", None),
        ("items=0-1", None),
        ("bytes=-", None),
        ("bytes=9-", (9, 9)),
    ],
)
def test_byte_range_reads_one_range_and_ignores_the_rest(header, expected):
    assert byte_range(header, 10) == expected


@pytest.mark.parametrize("header", ["bytes=10-", "bytes=-0", "bytes=50-60"])
def test_byte_range_refuses_what_lies_beyond_the_file(header):
    with pytest.raises(Unsatisfiable):
        byte_range(header, 10)
