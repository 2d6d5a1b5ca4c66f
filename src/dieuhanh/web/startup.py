"""Once the first request has loaded the whole application, its objects leave the garbage collector's
watch.

A server process holds about 160,000 long-lived objects after its first page (models, URL patterns,
compiled templates, the libraries they import). Every full collection walked all of them again — about
4 ms of a 50 ms page, measured on the inbox at 10⁵ tasks — though none of them will ever be garbage.
`gc.freeze()` moves them to a permanent generation that collections skip; objects made later are
collected as before. Done after the first request rather than at start-up because URLconf, views and
templates are imported lazily by that request.
"""

import gc

from django.core.signals import request_finished


def freeze_after_first_request(**_):
    request_finished.disconnect(freeze_after_first_request)
    gc.collect()
    gc.freeze()


def install():
    request_finished.connect(freeze_after_first_request)
