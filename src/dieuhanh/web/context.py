from dieuhanh.notify.services import unread
from dieuhanh.org.queries import Scope


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    scope = Scope.of(user)
    return {"my_memberships": scope.memberships, "unread_count": unread(user).count()}
