"""Progress lines: a crawl over a seed folder says how far it is, at least every interval."""

import re

from tests.conftest import run_crawl


def test_a_seeds_crawl_logs_done_total_rate_and_time_left(bench_seed_folder, tmp_path):
    result = run_crawl("seeds", tmp_path / "data", "-a", f"path={bench_seed_folder}",
                       "-s", "NEWSBOT_PROGRESS_INTERVAL=0.2")
    lines = re.findall(r"Progress: (\d+)/200 pages \(\d+%\), [\d.]+ pages/s, (?:about \d+ s left|time left unknown)",
                       result.log)
    assert len(lines) >= 2
    assert [int(n) for n in lines] == sorted(int(n) for n in lines)
