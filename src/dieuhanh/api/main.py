"""The REST API under /api/v1/ (issue 18), built with django-ninja: its OpenAPI 3 schema comes from the
type hints of the endpoints, its documentation page (Swagger UI) is served from the package's own files,
and it is small and fast (pydantic) — we chose it over Django REST framework, whose schema needs
drf-spectacular plus a sidecar package for a page without a CDN.

Reads go through the apps' scoped queries and writes through their services, so the pages and the API obey
one policy. Every error body is {"loi": "<Vietnamese message>", "chi_tiet": [...]}."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from dieuhanh.core.errors import NotNow, StaleEdit

from . import tokens


class TokenAuth(HttpBearer):
    """"Authorization: Bearer dh_…": the request acts as the token's user, narrowed to its unit and role."""

    def authenticate(self, request, token: str):
        found = tokens.check(token)
        if found is None:
            return None
        request.user = tokens.acting_user(found)
        tokens.used(found, request)
        return found


api = NinjaAPI(title="dieuhanh — API theo dõi thực hiện nhiệm vụ", version="1", urls_namespace="api",
               description="Đọc và cập nhật nhiệm vụ, văn bản, kiến nghị, chỉ tiêu trong phạm vi của khóa truy cập. "
                           "Gửi khóa trong tiêu đề `Authorization: Bearer dh_…`.",
               auth=TokenAuth(), throttle=[AuthRateThrottle(settings.DIEUHANH_API_RATE)], docs_url="/tai-lieu/")


def _error(request, status: int, message: str, details=None):
    return api.create_response(request, {"loi": message, "chi_tiet": details or []}, status=status)


def _messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@api.exception_handler(InputError)
def _bad_input(request, exc: InputError):
    details = [{"vi_tri": ".".join(str(p) for p in e.get("loc", ())), "loi": _input_message(e)} for e in exc.errors]
    return _error(request, 422, "Dữ liệu gửi lên không hợp lệ.", details)


def _input_message(error: dict) -> str:
    kind = error.get("type", "")
    return {"missing": "Thiếu trường bắt buộc.", "extra_forbidden": "Trường không được chấp nhận.",
            "json_invalid": "JSON không đúng cú pháp."}.get(kind) or (
        "Sai kiểu dữ liệu." if kind.endswith(("_type", "_parsing")) else "Giá trị không hợp lệ.")


@api.exception_handler(ValidationError)
def _refused_for_state(request, exc: ValidationError):
    # A stale If-Match is a failed precondition (412), the page's "someone changed it" refusal; an action the
    # object's state does not allow now is a conflict (409); any other refusal of the values sent, 422.
    status = 412 if isinstance(exc, StaleEdit) else 409 if isinstance(exc, NotNow) else 422
    messages = _messages(exc)
    return _error(request, status, messages[0] if messages else "Không hợp lệ.", messages[1:])


@api.exception_handler(PermissionDenied)
def _refused_for_role(request, exc: PermissionDenied):
    return _error(request, 403, str(exc) or "Bạn không có quyền thực hiện thao tác này.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "Không tìm thấy, hoặc nằm ngoài phạm vi của khóa truy cập.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, "Thiếu khóa truy cập, khóa sai, đã hết hạn hoặc đã bị thu hồi.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return _error(request, 413, "Dữ liệu gửi lên quá lớn.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    known = {429: "Quá nhiều yêu cầu từ khóa này; hãy thử lại sau ít phút.",
             400: "Dữ liệu gửi lên không đúng cú pháp JSON.",  # ninja's only 400: a body it cannot parse
             403: "Bạn không có quyền thực hiện thao tác này."}
    return _error(request, exc.status_code, known.get(exc.status_code, "Yêu cầu không hợp lệ."))


from .endpoints import register  # noqa: E402  (the routers need `api` above)

register(api)
