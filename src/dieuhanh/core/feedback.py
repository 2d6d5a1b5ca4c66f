from django.contrib import messages
from django.core.exceptions import ValidationError


def reasons(error) -> list[str]:
    """The Vietnamese reason(s) of a refusal or a validation error."""
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def fail(request, error):
    """A refused operation: its Vietnamese reason(s) as messages."""
    for text in reasons(error):
        messages.error(request, text)
