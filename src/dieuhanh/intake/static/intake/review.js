// Review screen: a row's source lights up in the text beside the draft when the row is selected.
(function () {
  const source = document.getElementById("nguon");
  if (!source) return;
  const pieces = Array.from(source.querySelectorAll("[data-a]"));
  let current = null;

  function spansOf(row) {
    return (row.dataset.spans || "").trim().split(/\s+/).filter(Boolean).map((p) => p.split("-").map(Number));
  }

  function light(row) {
    if (row === current) return;
    current = row;
    document.querySelectorAll("fieldset.selected").forEach((r) => r.classList.remove("selected"));
    row.classList.add("selected");
    let first = null;
    const spans = spansOf(row);
    pieces.forEach((piece) => {
      const a = Number(piece.dataset.a), b = Number(piece.dataset.b);
      const lit = spans.some(([s, e]) => a < e && b > s);
      piece.classList.toggle("lit", lit);
      if (lit && !first) first = piece;
    });
    const note = document.getElementById("nguon-ghi-chu");
    if (note) note.textContent = spans.length ? "" : "Dòng này không có đoạn nguồn (do người rà soát thêm).";
    // Scroll the source pane only, never the page: the reviewer keeps the row in view.
    if (first && source.scrollHeight > source.clientHeight) {
      source.scrollTop = first.offsetTop - source.offsetTop - source.clientHeight / 3;
    }
  }

  function pick(event) {
    const row = event.target.closest("fieldset[data-spans]");
    if (row) light(row);
  }
  document.addEventListener("focusin", pick);
  document.addEventListener("click", pick);

  const next = document.getElementById("chua-doc-tiep");
  let at = -1;
  if (next) next.addEventListener("click", () => {
    const unread = pieces.filter((p) => p.classList.contains("unread"));
    if (!unread.length) return;
    at = (at + 1) % unread.length;
    source.scrollTop = unread[at].offsetTop - source.offsetTop - source.clientHeight / 3;
    unread.forEach((p, i) => p.classList.toggle("focus", i === at));
  });
})();
