"""Number fields that take the decimal separator of the interface's language ("0,45" in
German) and the other one too: a German user typing "0.45" means the same number, and Qt's
own field would read the point as a thousands separator or refuse it."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class DecimalSpinBox(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` in the locale's notation that also takes "." or "," as the
    decimal separator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _normalised(self, text: str) -> str:
        point = self.locale().decimalPoint()
        other = "." if point == "," else ","
        return text.replace(other, point)

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        state, fixed, position = super().validate(self._normalised(text), position)
        return state, fixed, position

    def valueFromText(self, text: str) -> float:  # noqa: N802
        return super().valueFromText(self._normalised(text))
