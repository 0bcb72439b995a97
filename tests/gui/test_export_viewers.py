"""Exported PDF and SVG look the same as the PNG in programs other than ours.

Each file is rasterised at the PNG's size by two independent programs per format and
compared in 20 px blocks of grey level. A lane tag's box, a line drawn too thin or too
thick, or text at another size moves some block by far more than the threshold.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from gui.plots.export import export_chart
from storage.seed import paper_cases
from tests.chart_cases import densest_synthetic
from tests.viewers import BLOCK, PROGRAMS, missing_programs, rasterise, worst_blocks

# grey levels (0-255) a 20 px block may differ by: anti-aliasing and hinting stay well
# under it (measured up to 14); a missing lane tag box differs by more than 100
THRESHOLD = 18
SIZE = (1800, 1000, 300)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, qapp):
    missing = missing_programs()
    assert not missing, f"not installed: {missing}; run scripts/system-deps.sh as root"
    folder = tmp_path_factory.mktemp("viewers")
    index = next(c for c in paper_cases() if c.reference_number == "Our case")
    files = {}
    for name, case in (("index", index), ("densest", densest_synthetic(1)[0])):
        # PDF first: a chart's first paint used to be the one that went wrong
        for fmt in ("pdf", "svg", "png"):
            files[name, fmt] = export_chart(case, folder / f"{name}.{fmt}", *SIZE)
    return folder, files


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", ["index", "densest"])
def test_every_viewer_shows_what_the_png_shows(exported, case, program):
    folder, files = exported
    fmt = PROGRAMS[program][0]
    reference = QImage(str(files[case, "png"]))
    drawn = rasterise(
        program, files[case, fmt], reference.width(), reference.height(),
        folder / f"{case}-{program}.png",
    )
    worst = worst_blocks(reference, drawn)
    diff, x, y = worst[0]
    assert diff <= THRESHOLD, (
        f"{program} shows the {case} {fmt.upper()} differently from the PNG: the {BLOCK} px "
        f"block at x={x}, y={y} differs by {diff:.0f} grey levels (worst: {worst})"
    )
