"""Reading an uploaded draft's file and extracting it, page by page — in the request for a small file,
in the background job for the rest."""

import logging

from .engine import analyse
from .models import Draft
from .readers import ReadError, read_file

log = logging.getLogger(__name__)


def read_draft(draft_id: int) -> None:
    """Read the draft's file and extract it, recording progress page by page."""
    draft = Draft.objects.filter(pk=draft_id, state=Draft.State.READING).first()
    if draft is None:  # cancelled meanwhile, or already read
        return

    def progress(done: int, total: int):
        Draft.objects.filter(pk=draft_id).update(pages_done=done, pages_total=total)

    try:
        text = read_file(draft.source.path, progress)
        result = analyse(text)
    except ReadError as error:
        _failed(draft, str(error))
        return
    except Exception:  # a reader's bug must not leave the officer waiting forever
        log.exception("intake: reading draft %s failed", draft_id)
        _failed(draft, "Lỗi khi đọc tệp; đã ghi nhật ký để kiểm tra.")
        return
    Draft.objects.filter(pk=draft_id).update(state=Draft.State.READY, text=text, extraction=result)


def lost_reading(draft_id: int) -> None:
    """Its worker died mid-read (a killed process, memory exhausted by the file): failed, visibly, with
    how far it got — reading the same file again would likely kill the next worker too."""
    stop_reading(draft_id, "Tiến trình đọc tệp dừng đột ngột{where}. Tệp có thể quá lớn hoặc hỏng; hãy tách "
                           "tệp hoặc nhập văn bản rồi thử lại.")


def stop_reading(draft_id: int, reason: str) -> bool:
    """A reading that will not finish: failed with `reason` ("{where}" becomes how far it got)."""
    draft = Draft.objects.filter(pk=draft_id, state=Draft.State.READING).first()
    if draft is None:
        return False
    where = f" ở trang {draft.pages_done}/{draft.pages_total}" if draft.pages_total else ""
    _failed(draft, reason.replace("{where}", where))
    return True


def _failed(draft: Draft, reason: str) -> None:
    """A file that cannot be read is not kept: only the reason stays, for the officer to see."""
    if draft.source:
        draft.source.delete(save=False)
    Draft.objects.filter(pk=draft.pk).update(state=Draft.State.FAILED, error=reason, source="")
