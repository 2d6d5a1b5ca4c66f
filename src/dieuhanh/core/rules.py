"""The shape every app's policy takes: named actions, each with who may (given the user's scope and the
object) and when (given the object's state), and the Vietnamese refusals. Apps write their rules;
this module answers `can`, refuses in `require`, and lists `available_actions` — once for all."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dieuhanh.core.errors import NotNow, Refused


@dataclass(frozen=True)
class Rule:
    who: Callable[[Any, Any], bool]  # (scope, object) → the role allows it
    when: Callable[[Any], bool]  # (object) → its state allows it now
    refused: str  # the message when the role does not
    not_now: str  # the message when the state does not


class Policy:
    def __init__(self, rules: dict[str, Rule], scope_of: Callable[[Any], Any]):
        self.rules, self.scope_of = rules, scope_of
        self.actions = tuple(rules)

    def can(self, user, action: str, obj) -> bool:
        rule = self.rules[action]
        return rule.who(self.scope_of(user), obj) and rule.when(obj)

    def require(self, user, action: str, obj) -> None:
        """Refuse in a service: the role first (PermissionDenied), then the state (ValidationError)."""
        rule = self.rules[action]
        if not rule.who(self.scope_of(user), obj):
            raise Refused(rule.refused)
        if not rule.when(obj):
            raise NotNow(rule.not_now)

    def available_actions(self, user, obj) -> frozenset[str]:
        """What the object's page offers this user: one set the template asks, never the state itself."""
        return frozenset(a for a in self.actions if self.can(user, a, obj))
