"""Administrators edit the list of fields with their time limits, and the routing rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Field, RoutingRule


@admin.register(Field)
class FieldAdmin(SimpleHistoryAdmin):
    list_display = ["name", "answer_days", "complex_days", "is_active"]
    list_editable = ["answer_days", "complex_days", "is_active"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(SimpleHistoryAdmin):
    list_display = ["field", "area", "unit"]
    list_filter = ["field"]
    autocomplete_fields = ["area", "unit"]
