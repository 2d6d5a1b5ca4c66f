from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from . import webhooks
from .models import ApiToken, Delivery, Subscription


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ["name", "prefix", "user", "unit", "role", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["kind", "role"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "last_used_at", "created_at", "revoked_at", "revoked_by"]
    exclude = ["secret_hash"]

    def has_add_permission(self, request):
        return False  # made on the token page, where the text is shown once


@admin.register(Subscription)
class SubscriptionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "url", "unit", "role", "is_active", "created_at"]
    readonly_fields = ["secret"]
    autocomplete_fields = ["owner", "unit"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "subscription", "state", "attempts", "last_status", "next_attempt_at", "delivered_at"]
    list_filter = ["state", "subscription"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Gửi lại các sự kiện đã chọn")
    def send_again(self, request, queryset):
        count = webhooks.replay(queryset)
        self.message_user(request, f"Đã xếp {count} lần gửi để gửi lại.", messages.SUCCESS)
