"""Generated documentation stays current with the code."""

from __future__ import annotations

from tools import stats_doc_table


def test_stats_distribution_table_is_current():
    # fails when a distribution or method was added without rerunning
    # `python tools/stats_doc_table.py`
    assert stats_doc_table.main(["--check"]) == 0
