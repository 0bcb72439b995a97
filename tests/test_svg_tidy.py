"""svg_tidy bakes a group's transform into its shapes' coordinates exactly."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gui.plots.svg_tidy import SVG_NS, exact, tidy_svg


def _svg(transform: str, d: str) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 20000 1000"><g stroke="#000" transform="{transform}">'
        f'<path vector-effect="non-scaling-stroke" d="{d}"/></g></svg>'
    )


def test_wide_coordinates_are_written_exactly_not_to_four_digits():
    # a wide export: the old .4g wrote 12345.6 as 1.235e+04, 4.4 units off
    text = tidy_svg(_svg("matrix(1,0,0,1,0,0)", "M12345.6,17.25 L19999.75,0.5"), 100, 5)
    path = ET.fromstring(text).find(f".//{{{SVG_NS}}}path")
    assert path.get("d") == "M12345.6,17.25 L19999.75,0.5"


def test_a_known_transform_is_baked_into_the_points():
    # x' = a x + c y + e, y' = b x + d y + f, with values exact in binary
    text = tidy_svg(_svg("matrix(2.5,0,0,-40,133.25,458)", "M0,0 L100,1 L6436.5,2.5"), 100, 5)
    group = ET.fromstring(text).find(f"{{{SVG_NS}}}g")
    assert group.get("transform") is None
    path = group.find(f"{{{SVG_NS}}}path")
    assert path.get("d") == "M133.25,458 L383.25,418 L16224.5,358"
    # strokes are in user units now, as the viewBox scales them (and the PNG draws them)
    assert path.get("vector-effect") is None


def test_baked_points_read_back_as_the_computed_floats():
    a, d, e, f = 1.91818, -92.7379, 133.164, 458.1  # as Qt writes a plot's matrix
    points = [(0.0, 0.0), (100.0, 1.0), (12345.6, 2.53), (-0.004, 15242.0)]
    d_attr = "M" + " L".join(f"{x!r},{y!r}" for x, y in points)
    text = tidy_svg(_svg(f"matrix({a},0,0,{d},{e},{f})", d_attr), 100, 5)
    baked = ET.fromstring(text).find(f".//{{{SVG_NS}}}path").get("d")
    assert "e" not in baked.lower()
    read = [tuple(map(float, pair.split(","))) for pair in baked[1:].split(" L")]
    assert read == [(a * x + e, d * y + f) for x, y in points]


def test_exact_is_the_shortest_round_trip_without_exponent():
    for value, text in [
        (12345.6, "12345.6"),
        (1e-05, "0.00001"),
        (1.5e16, "15000000000000000"),
        (-0.0, "0"),
        (3.0, "3"),
        (0.1 + 0.2, "0.30000000000000004"),
    ]:
        assert exact(value) == text
        assert float(exact(value)) == value
