from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from dieuhanh.accounts import views as accounts
from dieuhanh.api import views as api
from dieuhanh.audit import views as audit
from dieuhanh.dashboard import views as dashboard
from dieuhanh.documents import views as documents
from dieuhanh.indicators import views as indicators
from dieuhanh.intake import views as intake
from dieuhanh.meetings import views as meetings
from dieuhanh.notify import views as notify
from dieuhanh.ntm import views as ntm
from dieuhanh.performance import views as performance
from dieuhanh.petitions import public
from dieuhanh.petitions import views as petitions
from dieuhanh.programmes import views as programmes
from dieuhanh.reports import views as reports
from dieuhanh.tasks import views as tasks
from dieuhanh.web import bulk, search
from dieuhanh.web import units as org


def favicon(request):
    """Browsers ask for /favicon.ico on every site (and before a page has said where its icon is)."""
    return redirect(static("web/favicon.svg"), permanent=True)


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inbox"), name="home"),
    path("favicon.ico", login_not_required(favicon), name="favicon"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("dang-nhap/ma-xac-thuc/", accounts.two_factor_verify, name="two_factor_verify"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", accounts.PasswordReset.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("quen-mat-khau/<uidb64>/<token>/", accounts.PasswordResetConfirm.as_view(), name="password_reset_confirm"),
    path("quen-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("tai-khoan/", accounts.account, name="account"),
    path("tai-khoan/mat-khau/", accounts.PasswordChange.as_view(), name="password_change"),
    path("tai-khoan/hai-lop/", accounts.two_factor_setup, name="two_factor_setup"),
    path("tai-khoan/hai-lop/tat/", accounts.two_factor_disable, name="two_factor_disable"),
    path("tai-khoan/ma-du-phong/", accounts.recovery_codes, name="recovery_codes"),
    path("tai-khoan/dang-xuat-moi-noi/", accounts.end_sessions, name="end_sessions"),
    path("tai-khoan/khoa-api/", api.token_list, name="api_tokens"),
    path("tai-khoan/khoa-api/tao/", api.token_create, name="api_token_create"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", api.token_revoke, name="api_token_revoke"),
    path("tai-khoan/lich/", api.calendar_key, name="calendar_key"),
    path("lich/<str:key>.ics", api.calendar_feed, name="calendar_feed"),
    path("api/v1/", include("dieuhanh.api.urls")),
    path("nhat-ky/", audit.audit_list, name="audit_list"),
    path("viec-cua-don-vi/", tasks.inbox, name="inbox"),
    path("nhiem-vu/", tasks.task_list, name="task_list"),
    path("nhiem-vu/moi/", tasks.task_create, name="task_create"),
    path("nhiem-vu/hang-loat/", bulk.task_bulk, name="task_bulk"),
    path("kien-nghi/hang-loat/", bulk.petition_bulk, name="petition_bulk"),
    path("tim/", search.search, name="search"),
    path("nhiem-vu/dong-moi/", tasks.draft_row, name="draft_row"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/bao-cao/", tasks.report, name="task_report"),
    path("nhiem-vu/<int:pk>/de-nghi-hoan-thanh/", tasks.request_completion, name="task_request_completion"),
    path("nhiem-vu/<int:pk>/nghiem-thu/", tasks.accept, name="task_accept"),
    path("nhiem-vu/<int:pk>/tiep-nhan/", tasks.acknowledge, name="task_acknowledge"),
    path("nhiem-vu/<int:pk>/tra-lai/", tasks.return_completion, name="task_return"),
    path("nhiem-vu/<int:pk>/gia-han/", tasks.request_extension, name="task_extension"),
    path("nhiem-vu/<int:pk>/gia-han/<int:extension_pk>/", tasks.decide_extension, name="task_extension_decide"),
    path("nhiem-vu/<int:pk>/tam-dung/", tasks.pause, name="task_pause"),
    path("nhiem-vu/<int:pk>/tiep-tuc/", tasks.resume, name="task_resume"),
    path("nhiem-vu/<int:pk>/dung/", tasks.cancel, name="task_cancel"),
    path("nhiem-vu/<int:pk>/sua/", tasks.edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/giao-nhiem-vu-con/", tasks.delegate, name="task_delegate"),
    path("nhiem-vu/<int:pk>/tep/<int:evidence_pk>/", tasks.evidence, name="evidence"),
    path("nhiem-vu/<int:pk>/trao-doi/", tasks.comment, name="task_comment"),
    path("nhiem-vu/<int:pk>/trao-doi/<int:comment_pk>/sua/", tasks.edit_comment, name="task_comment_edit"),
    path("nhiem-vu/<int:pk>/trao-doi/tep/<int:file_pk>/", tasks.comment_file, name="task_comment_file"),
    path("van-ban/", documents.document_list, name="document_list"),
    path("tiep-nhan/", intake.intake_start, name="intake_start"),
    path("nhiem-vu/nhap-excel/", intake.task_import, name="task_import"),
    path("nhiem-vu/nhap-excel/mau.xlsx", intake.task_import_template, name="task_import_template"),
    path("tiep-nhan/<int:pk>/", intake.intake_review, name="intake_review"),
    path("tiep-nhan/<int:pk>/tien-do/", intake.intake_progress, name="intake_progress"),
    path("tiep-nhan/<int:pk>/huy/", intake.intake_cancel, name="intake_cancel"),
    path("van-ban/moi/", documents.document_create, name="document_create"),
    path("van-ban/<int:pk>/", documents.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/bao-cao/", reports.thematic_document, name="thematic_document"),
    path("van-ban/<int:pk>/edxml/", documents.edxml_package, name="document_edxml"),
    path("van-ban/<int:pk>/edxml/trang-thai/<str:code>/", documents.edxml_status, name="document_edxml_status"),
    path("van-ban/<int:pk>/tep/<int:attachment_pk>/", documents.attachment, name="attachment"),
    path("cuoc-hop/", meetings.meeting_list, name="meeting_list"),
    path("cuoc-hop/moi/", meetings.meeting_create, name="meeting_create"),
    path("cuoc-hop/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("cuoc-hop/<int:pk>/bao-cao/", reports.thematic_meeting, name="thematic_meeting"),
    path("cuoc-hop/<int:pk>/y-kien/", meetings.meeting_opinion, name="meeting_opinion"),
    path("cuoc-hop/<int:pk>/kien-nghi/", meetings.meeting_petition, name="meeting_petition"),
    path("cuoc-hop/<int:pk>/ket-luan/", meetings.meeting_conclusion, name="meeting_conclusion"),
    path("kien-nghi/", petitions.petition_list, name="petition_list"),
    path("kien-nghi/moi/", petitions.petition_create, name="petition_create"),
    path("kien-nghi/thong-ke/", petitions.petition_stats, name="petition_stats"),
    path("kien-nghi/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    path("kien-nghi/<int:pk>/tiep-nhan/", petitions.petition_accept, name="petition_accept"),
    path("kien-nghi/<int:pk>/chuyen/", petitions.petition_transfer, name="petition_transfer"),
    path("kien-nghi/<int:pk>/nhan-xu-ly/", petitions.petition_start, name="petition_start"),
    path("kien-nghi/<int:pk>/tra-loi/", petitions.petition_answer, name="petition_answer"),
    path("kien-nghi/<int:pk>/tu-choi/", petitions.petition_refuse, name="petition_refuse"),
    path("kien-nghi/<int:pk>/gui-tra-loi/", petitions.petition_send, name="petition_send"),
    path("kien-nghi/<int:pk>/y-kien/", petitions.petition_follow_up, name="petition_follow_up"),
    path("kien-nghi/<int:pk>/gop/", petitions.petition_merge, name="petition_merge"),
    path("kien-nghi/<int:pk>/dong/", petitions.petition_close, name="petition_close"),
    path("kien-nghi/<int:pk>/cong-khai/", petitions.petition_publish, name="petition_publish"),
    path("kien-nghi/<int:pk>/trao-doi/", petitions.petition_comment, name="petition_comment"),
    path("kien-nghi/<int:pk>/trao-doi/<int:comment_pk>/sua/", petitions.petition_comment_edit,
         name="petition_comment_edit"),
    path("kien-nghi/<int:pk>/trao-doi/tep/<int:file_pk>/", petitions.petition_comment_file,
         name="petition_comment_file"),
    path("kien-nghi/<int:pk>/tep/<int:file_pk>/", petitions.answer_file, name="petition_answer_file"),
    path("cong-khai/", public.public_index, name="public_index"),
    path("cong-khai/gui/", public.public_submit, name="public_submit"),
    path("cong-khai/tra-cuu/", public.public_lookup, name="public_lookup"),
    path("cong-khai/da-gui/", public.public_sent, name="public_sent"),
    path("cong-khai/danh-gia/", public.public_rate, name="public_rate"),
    path("tong-quan/", dashboard.dashboard, name="dashboard"),
    path("tong-quan/bo-cuc/", dashboard.arrange, name="dashboard_arrange"),
    path("tong-quan/giai-trinh/", dashboard.request_explanation, name="dashboard_explain"),
    path("tong-quan/bang-diem/", dashboard.scorecards, name="scorecards"),
    path("thong-bao/", notify.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", notify.notification_read, name="notification_read"),
    path("thong-bao/<int:pk>/", notify.notification_open, name="notification_open"),
    path("thong-bao/thu/", notify.mail_preference, name="mail_preference"),
    path("nhiem-vu/<int:pk>/don-doc/", notify.task_remind, name="task_remind"),
    path("bao-cao/", reports.report_index, name="report_index"),
    path("bao-cao/lap/", reports.report_request, name="report_request"),
    path("bao-cao/<int:pk>/tinh-trang/", reports.report_status, name="report_status"),
    path("bao-cao/<int:pk>/tai/", reports.report_file, name="report_file"),
    path("chi-tieu/", indicators.indicator_list, name="indicator_list"),
    path("chi-tieu/nhap/", indicators.enter, name="indicator_enter"),
    path("chi-tieu/mau-excel/", indicators.xlsx_template, name="indicator_template"),
    path("chi-tieu/nhap-excel/", indicators.xlsx_import, name="indicator_import"),
    path("chi-tieu/xuat-excel/", indicators.xlsx_export, name="indicator_export"),
    path("chi-tieu/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("nong-thon-moi/", ntm.ntm_index, name="ntm_index"),
    path("nong-thon-moi/xa/<int:pk>/", ntm.ntm_commune, name="ntm_commune"),
    path("nong-thon-moi/minh-chung/<int:pk>/", ntm.evidence, name="ntm_evidence"),
    path("chuong-trinh/", programmes.programme_list, name="programme_list"),
    path("chuong-trinh/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/bao-cao/", programmes.programme_report, name="programme_report"),
    path("chuong-trinh/<int:pk>/de-nghi-khen-thuong/", programmes.propose, name="programme_propose"),
    path("chuong-trinh/<int:pk>/khen-thuong/<int:commendation_pk>/", programmes.decide, name="programme_decide"),
    path("ke-hoach/", performance.work_plan, name="work_plan"),
    path("ke-hoach/them/", performance.add_product, name="product_add"),
    path("ke-hoach/san-pham/<int:pk>/hoan-thanh/", performance.complete_product, name="product_complete"),
    path("ke-hoach/san-pham/<int:pk>/quyet-dinh/", performance.decide_product, name="product_decide"),
    path("ke-hoach/don-vi/", performance.unit_plans, name="unit_plans"),
    path("ke-hoach/diem-chung/", performance.general_points, name="general_points"),
    path("ke-hoach/xep-loai/", performance.confirm_grades, name="grades_confirm"),
    path("ke-hoach/xep-hang/", performance.ranking, name="score_ranking"),
    path("ke-hoach/phieu/<int:official>/", performance.score_form, name="score_form"),
    path("don-vi/", org.unit_list, name="unit_list"),
    path("don-vi/chon/", org.unit_picker, name="unit_picker"),
    path("don-vi/<int:pk>/", org.unit_detail, name="unit_detail"),
    path("quan-tri/", admin.site.urls),
]
