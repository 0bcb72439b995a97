"""Layouts the windows and plot panels repeat."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget


def panel(widget: QWidget, controls: list[QWidget], main: QWidget,
          *below: QWidget) -> QVBoxLayout:
    """`widget`'s layout: the `controls` in a bar on top, `main` stretched, then `below`."""
    bar = QHBoxLayout()
    for control in controls:
        bar.addWidget(control)
    bar.addStretch(1)
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addLayout(bar)
    lay.addWidget(main, 1)
    for w in below:
        lay.addWidget(w)
    return lay


def split_window(window: QWidget, left: QWidget, right: QWidget,
                 sizes: list[int]) -> QSplitter:
    """`window` filled by a splitter: `left`, then `right` taking what is added."""
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 3)
    splitter.setSizes(sizes)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(splitter)
    return splitter
