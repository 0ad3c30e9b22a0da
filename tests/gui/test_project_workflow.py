"""Setting up: the annotator's name on the first start and later, new projects, the recent
projects, and where the setup actions are in the menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from sqlalchemy import select

from gui.main_window import MainWindow
from gui.project_workflow import (
    MAX_RECENT,
    RECENT_KEY,
    AnnotatorDialog,
    ProjectWorkflow,
    read_recent,
)
from storage.models import Annotator
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait, wait_for_message


@pytest.fixture
def setup(window: MainWindow) -> ProjectWorkflow:
    return window.setup  # the window installs it


def not_asked(*_args: object, **_kwargs: object) -> str:
    raise AssertionError("the name was asked")


def answer_annotator_dialog(window: MainWindow, name: str | None) -> list[str]:
    """Type ``name`` into the next annotator dialog and press OK (None: Cancel); returns
    the list the prefilled name is put in."""
    prefilled: list[str] = []

    def answer(tries: int = 200) -> None:
        dialogs = [d for d in window.findChildren(AnnotatorDialog) if d.isVisible()]
        if not dialogs:
            if tries:
                QTimer.singleShot(10, lambda: answer(tries - 1))
            return
        dialog = dialogs[0]
        prefilled.append(dialog.name_edit.text())
        if name is None:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        dialog.name_edit.setText(name)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    return prefilled


def annotators(window: MainWindow) -> list[str]:
    assert window.project is not None
    with window.project.db.read() as session:
        return list(session.scalars(select(Annotator.name).order_by(Annotator.id)))


# --- the annotator --------------------------------------------------------------------------


def test_the_first_start_asks_the_name_once_and_stores_it(
    window: MainWindow, setup: ProjectWorkflow, settings: QSettings, monkeypatch
) -> None:
    login = window.annotator  # nothing stored yet: the login name
    prefilled = answer_annotator_dialog(window, "  Berta Beispiel ")
    setup.ask_annotator_if_unknown()
    assert prefilled == [login]
    assert settings.value("annotator") == "Berta Beispiel"
    assert window.annotator == "Berta Beispiel"
    assert window.status.annotator_label.text() == "Annotator: Berta Beispiel"
    monkeypatch.setattr(setup, "ask_name", not_asked)
    setup.ask_annotator_if_unknown()  # the next start: not asked again


def test_a_cancelled_first_question_stores_the_login_name(
    window: MainWindow, setup: ProjectWorkflow, settings: QSettings, monkeypatch
) -> None:
    login = window.annotator
    answer_annotator_dialog(window, None)
    setup.ask_annotator_if_unknown()
    assert settings.value("annotator") == login
    monkeypatch.setattr(setup, "ask_name", not_asked)
    setup.ask_annotator_if_unknown()


def test_the_annotator_dialog_needs_a_name() -> None:
    dialog = AnnotatorDialog("anna", first_start=True)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.name_edit.setText("   ")
    assert not ok.isEnabled()
    dialog.deleteLater()


def test_changing_the_annotator_opens_the_project_again_for_them(
    qtbot, window: MainWindow, setup: ProjectWorkflow, settings, make_project, monkeypatch
) -> None:
    settings.setValue("annotator", "anna")
    open_and_wait(qtbot, window, make_project(["Ein Text."]))
    before = window.project
    monkeypatch.setattr(setup, "ask_name", lambda name, first_start: f"{name} und carla")
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        setup.change_annotator_action.trigger()
    assert window.project is not before
    assert settings.value("annotator") == "anna und carla"
    assert annotators(window)[-2:] == ["anna", "anna und carla"]  # after "import"
    assert window.status.annotator_label.text() == "Annotator: anna und carla"


def test_the_same_name_again_opens_nothing(
    qtbot, window: MainWindow, setup: ProjectWorkflow, settings, make_project
) -> None:
    settings.setValue("annotator", "anna")
    open_and_wait(qtbot, window, make_project(["Ein Text."]))
    with qtbot.assertNotEmitted(window.project_opened, wait=100):
        setup.set_annotator(" anna ")
    assert not window.runner.busy


# --- a new project --------------------------------------------------------------------------


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "probe.txt").write_text("Probe\n\nEin Beispieltext.", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("wanted", "documents"), [(True, 1), (False, 0)])
def test_a_new_project_is_created_with_the_samples_if_wanted(
    qtbot, window, setup, samples: Path, tmp_path: Path, monkeypatch, wanted, documents
) -> None:
    window.samples_dir = samples
    monkeypatch.setattr(setup, "choose_new_file", lambda: str(tmp_path / "neu" / "Projekt"))
    monkeypatch.setattr(setup, "ask_samples", lambda: wanted)
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        setup.new_action.trigger()
    created = tmp_path / "neu" / "Projekt.sqlite"  # the suffix is added
    assert created.is_file()
    assert window.project is not None and window.project.location.file == created
    assert window.model.rowCount() == documents
    assert window.samples_dir == samples  # kept for the next new project
    assert setup.recent_projects()[0] == str(created)
    assert window.settings.value("paths/projects") == str(created.parent)


def test_without_samples_the_question_is_not_asked(
    qtbot, window, setup, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(setup, "choose_new_file", lambda: str(tmp_path / "leer.sqlite"))
    monkeypatch.setattr(setup, "ask_samples", not_asked)
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        setup.new_project()
    assert (tmp_path / "leer.sqlite").is_file()


def test_an_existing_file_is_not_made_a_new_project(
    qtbot, window, setup, make_project: Callable[..., Path], monkeypatch
) -> None:
    existing = make_project(["Ein Text."])
    monkeypatch.setattr(setup, "choose_new_file", lambda: str(existing))
    with qtbot.assertNotEmitted(window.project_opened, wait=100):
        setup.new_project()
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot create the project"
    assert str(existing) in box.text() and "exists already" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert window.project is None


def test_cancelling_the_file_dialog_creates_nothing(window, setup, monkeypatch) -> None:
    monkeypatch.setattr(setup, "choose_new_file", lambda: "")
    monkeypatch.setattr(window, "open_project", not_asked)
    setup.new_project()


# --- recent projects ------------------------------------------------------------------------


def files(tmp_path: Path, count: int) -> list[str]:
    made = []
    for number in range(count):
        file = tmp_path / f"p{number}.sqlite"
        file.touch()
        made.append(str(file))
    return made


def menu_entries(menu: QMenu) -> list[tuple[str, bool]]:
    return [(a.text(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]


def test_recent_projects_are_newest_first_without_repeats_and_at_most_eight(
    setup: ProjectWorkflow, settings: QSettings, tmp_path: Path
) -> None:
    paths = files(tmp_path, MAX_RECENT + 2)
    for path in paths:
        setup.remember(path)
    assert setup.recent_projects() == paths[::-1][:MAX_RECENT]
    setup.remember(paths[5])
    expected = [paths[5], paths[9], paths[8], paths[7], paths[6], paths[4], paths[3], paths[2]]
    assert setup.recent_projects() == expected
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert read_recent(again) == expected  # what the next start reads
    entries = [a for a in setup.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == expected
    assert entries[0].text() == f"&1 p5.sqlite – {tmp_path}"


def test_one_recent_project_survives_the_settings_file(
    setup: ProjectWorkflow, settings: QSettings, tmp_path: Path
) -> None:
    [path] = files(tmp_path, 1)
    setup.remember(path)
    settings.sync()
    written = (Path(settings.fileName())).read_text(encoding="utf-8")
    assert f"recent={path}" in written  # a list of one is written as a plain string…
    settings.setValue(RECENT_KEY, path)  # …and the next start reads it back as one
    assert read_recent(settings) == [path]
    setup.recent_menu.aboutToShow.emit()
    assert [a.data() for a in setup.recent_menu.actions() if a.data()] == [path]


def test_an_opened_project_goes_first_in_the_menu(
    qtbot, window: MainWindow, setup: ProjectWorkflow, make_project
) -> None:
    path = make_project(["Ein Text."], name="a & b")
    open_and_wait(qtbot, window, path)
    [entry] = [a for a in setup.recent_menu.actions() if a.data()]
    assert entry.data() == str(path.resolve())
    assert entry.text() == f"&1 a && b.sqlite – {path.resolve().parent}"  # "&" shown as is
    assert entry.isEnabled()


def test_a_missing_recent_project_is_shown_disabled_and_taken_off_when_opened(
    qtbot, window: MainWindow, setup: ProjectWorkflow, tmp_path: Path
) -> None:
    [present, missing] = files(tmp_path, 2)
    setup.remember(missing)
    setup.remember(present)
    Path(missing).unlink()
    setup.recent_menu.aboutToShow.emit()  # the menu is filled anew when it opens
    entries = menu_entries(setup.recent_menu)
    assert entries[0] == (f"&1 p0.sqlite – {tmp_path}", True)
    assert entries[1] == (f"&2 p1.sqlite – {tmp_path} (not found)", False)
    setup.open_recent(missing)  # deleted after the menu was shown
    box = wait_for_message(qtbot, window)
    assert missing in box.text() and "taken off the list" in box.text()
    assert setup.recent_projects() == [present]
    assert window.project is None


def test_a_recent_project_is_opened_from_the_menu(
    qtbot, window: MainWindow, setup: ProjectWorkflow, make_project
) -> None:
    path = make_project(["Ein Text."])
    setup.remember(path)
    [entry] = [a for a in setup.recent_menu.actions() if a.data()]
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        entry.trigger()
    assert window.project is not None and window.project.location.file == path


def test_the_recent_list_can_be_cleared(setup: ProjectWorkflow, tmp_path: Path) -> None:
    for path in files(tmp_path, 2):
        setup.remember(path)
    setup.clear_recent_action.trigger()
    assert setup.recent_projects() == []
    assert menu_entries(setup.recent_menu) == [
        ("No recent projects", False),
        ("&Clear list", False),
    ]


def test_a_broken_recent_setting_reads_as_empty(settings: QSettings) -> None:
    settings.setValue(RECENT_KEY, 42)
    assert read_recent(settings) == []


# --- the menus ------------------------------------------------------------------------------


def test_the_setup_actions_are_in_the_menus_with_their_keys(
    window: MainWindow, setup: ProjectWorkflow
) -> None:
    file_menu = [a.text() for a in window.file_menu.actions()]
    assert file_menu == [
        "&New project…",
        "&Open project…",
        "Open &recent",
        "Restore from &backup…",
        "&Import files…",
        "&Export…",
        "",
        "&Hand out to annotators…",
        "&Merge annotators' work…",
        "",
        "Change &annotator…",
        "",
        "&Quit",
    ]
    assert setup.new_action.shortcut().toString() == "Ctrl+N"
    assert setup.preferences.preferences_action in window.edit_menu.actions()
    assert setup.labels.labels_action in window.annotate_menu.actions()
    view = window.view_menu.actions()
    assert all(action in view for action in setup.preferences.zoom.actions)


def test_ctrl_n_asks_for_a_new_project_file(
    qtbot, window: MainWindow, setup: ProjectWorkflow, monkeypatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(setup, "choose_new_file", lambda: asked.append(True) or "")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
