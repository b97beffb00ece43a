"""The signed links of the subscriptions: one to confirm, one to unsubscribe.

Each names the subscription's random key, signed with a timestamp and its own salt (a
confirmation link never unsubscribes and the other way round). Opening a link changes nothing:
it shows a page whose button confirms or unsubscribes (POST), since mail scanners follow links.
"""

from __future__ import annotations

from enum import Enum

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "minden.following.confirm"
UNSUBSCRIBE_SALT = "minden.following.unsubscribe"


class TokenProblem(Enum):
    ALTERED = "altered"
    EXPIRED = "expired"


class TokenError(Exception):
    def __init__(self, problem: TokenProblem):
        super().__init__(problem.value)
        self.problem = problem


def _sign(salt: str, key: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(key)


def _unsign(salt: str, token: str, days: int) -> str:
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=days * 86400)
    except signing.SignatureExpired as exc:
        raise TokenError(TokenProblem.EXPIRED) from exc
    except signing.BadSignature as exc:
        raise TokenError(TokenProblem.ALTERED) from exc


def confirm_token(key: str) -> str:
    return _sign(CONFIRM_SALT, key)


def unsubscribe_token(key: str) -> str:
    return _sign(UNSUBSCRIBE_SALT, key)


def confirm_key(token: str) -> str:
    """The subscription key a confirmation link names; valid as long as an unconfirmed
    subscription is kept."""
    return _unsign(CONFIRM_SALT, token, settings.PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS)


def unsubscribe_key(token: str) -> str:
    return _unsign(UNSUBSCRIBE_SALT, token, settings.PORTAL_SUBSCRIPTION_UNSUBSCRIBE_DAYS)
