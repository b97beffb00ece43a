"""The console email backend of development: each message as a person would read it."""

import email.policy

from django.core.mail.backends.console import EmailBackend

# Django's console backend prints the message as SMTP would carry it under the default policy:
# a body with a line over 78 characters (every emailed link) becomes quoted-printable, its
# links split by soft line breaks, its umlauts escaped, and subjects MIME-encoded. This policy
# lets lines run to RFC 5322's limit of 998 characters and keeps UTF-8 as it is, so bodies are
# 8bit and headers readable. Only the console uses it: the SMTP backend keeps Django's
# `email.policy.SMTP`.
READABLE = email.policy.default.clone(utf8=True, max_line_length=998)


class ConsoleEmailBackend(EmailBackend):
    """Django's console backend, printing 8-bit UTF-8 bodies and unencoded headers."""

    def write_message(self, message):
        text = message.message(policy=READABLE).as_bytes().decode("utf-8", errors="replace")
        self.stream.write(f"{text}\n{'-' * 79}\n")
