from django.contrib import messages
from django.core.exceptions import ValidationError


def fail(request, error):
    """A refused operation: its Vietnamese reason(s) as messages."""
    for text in error.messages if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, text)
