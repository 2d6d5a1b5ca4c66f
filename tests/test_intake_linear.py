"""The engine is linear in its input and never raises: steps are counted (Python lines executed in
the intake package, through sys.monitoring), not seconds, so the test is the same on any machine."""

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.intake.engine import analyse

INTAKE = str(Path(analyse.__code__.co_filename).parent)
TOOL = sys.monitoring.PROFILER_ID

# Pieces of administrative Vietnamese and of layout, so that random texts reach the grammar's rules.
PIECES = ["Giao ", "Sở Tài chính ", "UBND tỉnh ", "chủ trì, phối hợp với ", "Sở Y tế ", "rà soát hồ sơ ",
          "hoàn thành trước ngày 30/6/2026", "đề nghị ", "yêu cầu ", "các sở, ngành, địa phương ", ": ", ". ",
          "; ", "\n", "\n\n", "1. ", "a) ", "- ", "+ ", "I. ", "Điều 2. ", " | ", "\t", "THÔNG BÁO KẾT LUẬN\n",
          "Số: 12/TB-UBND\n", "Hà Tĩnh, ngày 2 tháng 3 năm 2026\n", "đạt 11.710 tỷ đồng, bằng 96% dự toán ",
          "Bí thư Huyện ủy Nguyễn Văn An: ", "Nơi nhận:\n", "KT. CHỦ TỊCH\n", "quý IV/2026 ", "hằng tháng ",
          "tăng 5,08% so với cùng kỳ ", "Cử tri xã Cẩm Bình đề nghị: ", "Về đề nghị ", "(", ")", "“", "”"]
fragments = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=40).map("".join)


def steps(text: str) -> int:
    """Lines the intake package executes on `text`; code outside the package is switched off at once."""
    count = 0

    def on_line(code, _line):
        nonlocal count
        if not code.co_filename.startswith(INTAKE):
            return sys.monitoring.DISABLE
        count += 1

    sys.monitoring.use_tool_id(TOOL, "intake-steps")
    try:
        sys.monitoring.register_callback(TOOL, sys.monitoring.events.LINE, on_line)
        sys.monitoring.set_events(TOOL, sys.monitoring.events.LINE)
        analyse(text)
    finally:
        sys.monitoring.set_events(TOOL, 0)
        sys.monitoring.register_callback(TOOL, sys.monitoring.events.LINE, None)
        sys.monitoring.free_tool_id(TOOL)
    return count


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_four_times_the_text_costs_about_four_times_the_steps(paragraph):
    paragraph += "\n"
    small, large = steps(paragraph * 8), steps(paragraph * 32)
    assert small > 0  # the counter sees the engine
    # Linear: ×4 the input, ×4 the steps, with room for fixed costs spread differently.
    assert large <= 4 * small * 1.25 + 2000, (small, large)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments, st.integers(min_value=1, max_value=1_000_000))
def test_no_input_up_to_a_megabyte_raises(paragraph, size):
    text = (paragraph + "\n") * (size // (len(paragraph) + 1) + 1)
    result = analyse(text[:size])
    assert isinstance(result["assignments"], list) and result["text"] is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text):
    analyse(text)
