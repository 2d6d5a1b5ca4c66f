"""`make bench-intake`: median latency per development-set document and throughput of extract()
in MB/s of text on one core."""

import statistics
import sys
import time
from pathlib import Path

from dieuhanh.intake import extract

docs = sorted(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devset/docs").glob("*.txt"))
texts = [d.read_text(encoding="utf-8") for d in docs]
latencies = []
for text in texts:
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        extract(text)
        runs.append(time.perf_counter() - t0)
    latencies.append(statistics.median(runs))
corpus = "\n\n".join(texts) * 20
t0 = time.perf_counter()
extract(corpus)
elapsed = time.perf_counter() - t0
size = len(corpus.encode("utf-8")) / 1e6
print(f"{len(texts)} documents, median latency {statistics.median(latencies) * 1000:.1f} ms per document")
print(f"throughput on one {size:.2f} MB text: {size / elapsed:.2f} MB/s")
