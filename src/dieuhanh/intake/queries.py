"""Scoped reads for the review screen: the issuer's unit tree and the indicator catalogue the reviewer may use."""

from dieuhanh.indicators.models import Indicator
from dieuhanh.indicators.queries import visible_indicators
from dieuhanh.org.models import Unit

from .models import Draft


def review_tree(draft: Draft) -> list[Unit]:
    """Every unit of the issuer's tree, retired ones included: old notices name old boards."""
    return list(draft.issuer.root.subtree().order_by("path"))


def review_catalogue(user, draft: Draft) -> list[Indicator]:
    """The indicators of the issuer's tree that the reviewer may see: a figure may land on one of them."""
    return list(visible_indicators(user).filter(unit__root_id=draft.issuer.root_id).order_by("code"))
