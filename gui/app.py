"""Starting the app: the QApplication, its translations and the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow  # the composition root: the others get a context
from gui.preferences import interface_locale, stored_theme
from gui.theme import apply_theme

__all__ = ["MainWindow", "create_application", "keep_out_of_garbage_collection", "run_app"]

APP_NAME = "Standpunkt"  # also the organisation: QSettings files live under this name
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def run_app(project: str | Path, samples_dir: Path) -> int:
    """Show the window, open ``project`` in the background and run until the window closes.

    On a new project's first start the articles in ``samples_dir`` are imported. Returns the
    process exit code.
    """
    app = create_application(sys.argv)
    window = MainWindow(samples_dir=samples_dir)
    keep_out_of_garbage_collection()
    window.show()
    window.setup.ask_annotator_if_unknown()  # first start: who annotates, before opening
    window.open_project(project)
    return app.exec()


def create_application(argv: list[str]) -> QApplication:
    """The application (or the one that exists already), named, translated into the
    language chosen in the preferences (else the system's) and in the chosen colour theme."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    settings = QSettings()  # only now: it is found by the names set above
    locale = interface_locale(settings)
    install_translations(app, locale)
    # Numbers are shown and typed as the interface's language writes them ("0,45" in German).
    QLocale.setDefault(locale)
    apply_theme(stored_theme(settings))
    return app


def install_translations(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """Install our strings and Qt's own (dialog buttons, file dialogs) for ``locale``.

    Missing files are fine: the app then speaks English. The translators are returned and
    parented to ``app`` so Python does not collect them while they are installed.
    """
    sources = [
        ("standpunkt", I18N_DIR),
        ("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
    ]
    installed = []
    for name, folder in sources:
        translator = QTranslator(app)
        # Tries every UI language of the locale, e.g. standpunkt_de_AT.qm then standpunkt_de.qm.
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def keep_out_of_garbage_collection() -> None:
    """Move every object alive now (imports, Qt wrappers, a loaded model) out of the
    collector's reach. A full collection walks all of them with the GIL held, 50–150 ms
    during which the window cannot repaint while a worker thread runs Python; frozen, it
    walks only what was made since (a few ms)."""
    gc.freeze()
