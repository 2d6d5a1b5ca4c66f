from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Membership, PartyTerm, Person, Position, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "code", "active_to"]
    search_fields = ["name", "name_folded", "code"]
    list_filter = ["kind"]
    raw_id_fields = ["parent", "successor", "area"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "valid_to", "merged_into"]
    search_fields = ["name", "code"]
    list_filter = ["level"]
    raw_id_fields = ["parent", "merged_into"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    raw_id_fields = ["unit", "person"]


admin.site.register([Person, Position, PartyTerm], SimpleHistoryAdmin)
admin.site.site_header = "Quản trị dieuhanh"
