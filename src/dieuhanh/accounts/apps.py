from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dieuhanh.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và đăng nhập"

    def ready(self):
        from dieuhanh.accounts import listeners  # noqa: F401  (connects the signal receivers)
