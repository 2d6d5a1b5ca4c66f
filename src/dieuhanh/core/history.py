"""Who made a change: django-simple-history reads `_history_user` from the instance being saved,
so every service names its actor on each record it writes through `by`."""


def by(obj, actor):
    obj._history_user = actor
    return obj
