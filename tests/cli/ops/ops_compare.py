"""Normalising two tools' outputs before comparing them."""

import re

TOKEN = re.compile(r'("(?:SyncSessionToken|NextToken)": )"[^"]*"')


def normalize(text, replace=()):
    """Hides what legitimately differs between two calls: session tokens, and the given
    strings (e.g. the identity IDs of two runs)."""
    text = TOKEN.sub(r'\1"<token>"', text)
    for old, new in replace:
        text = text.replace(old, new)
    return text


TIMES = re.compile(r'("(?:LastModifiedDate|CreationDate|BulkPublishStartTime|BulkPublishCompleteTime)": )(\d+\.\d+)')


def hide_server_times(text):
    """Server clock readings differ between two writes; their wire form (a float) must not."""
    return TIMES.sub(r"\1<time>", text)
