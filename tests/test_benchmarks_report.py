"""The benchmark runner's page writer keeps the hand-written parts of docs/benchmarks.md."""

from benchmarks import report


def test_splice_replaces_only_the_generated_block():
    page = (
        "# Benchmarks\n\nhand intro\n\n"
        f"{report.BEGIN_MARK}\n# Old run\nold table\n{report.END_MARK}\n\n"
        "## Reading this run\nhand notes\n"
    )
    out = report.splice_generated(page, "# Benchmarks\n\n## Targets\nnew table\n")
    assert out.startswith("# Benchmarks\n\nhand intro\n\n" + report.BEGIN_MARK)
    assert "old table" not in out and "# Old run" not in out
    # the generated headings are demoted under the page's own title
    assert "\n## Latest full run\n\n### Targets\nnew table\n" + report.END_MARK in out
    assert out.endswith(report.END_MARK + "\n\n## Reading this run\nhand notes\n")


def test_splice_without_markers_writes_a_marked_page():
    out = report.splice_generated(None, "# Benchmarks\nrun\n")
    assert out == f"{report.BEGIN_MARK}\n# Benchmarks\nrun\n{report.END_MARK}\n"
    assert report.splice_generated("no markers here", "# B\n") == out.replace("Benchmarks\nrun", "B")
