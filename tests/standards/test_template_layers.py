"""Templates keep the floors of `.importlinter`: a template never loads a tag library of a higher
app, nor includes or extends a template of a higher app (or of a neighbour on its own floor).
import-linter reads Python only; this test reads every template of the project, without Django."""

import configparser
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAME_APP = "home"  # the top-level templates/ folder is the site frame's
TAG = re.compile(r"{%\s*(load|include|extends)\s+(.+?)\s*%}", re.S)
QUOTED = re.compile(r"""^(["'])([^"']+)\1""")


def floors():
    """{app: (floor, counted up from 0; whether neighbours share it)} from .importlinter."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    rows = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return {
        app.strip(): (number, "|" in row)
        for number, row in enumerate(reversed(rows))
        for app in row.split("|")
    }


def template_folders(apps):
    folders = {app: ROOT / app / "templates" for app in apps}
    folders[FRAME_APP + "/frame"] = ROOT / "templates"
    return {app: folder for app, folder in folders.items() if folder.is_dir()}


def owner_of_template(name, folders):
    for app, folder in folders.items():
        if (folder / name).is_file():
            return app.split("/")[0]
    return None  # Django's, Wagtail's or a package's


def owner_of_library(name, apps):
    for app in apps:
        if (ROOT / app / "templatetags" / f"{name}.py").is_file():
            return app
    return None


def references(text):
    """(what, app-relative name) for each `{% load %}` library and literal include or extends."""
    for tag, argument in TAG.findall(text):
        if tag == "load":
            # `{% load library other_library %}`, or `{% load tag other_tag from library %}`
            libraries = argument.split(" from ")[-1] if " from " in argument else argument
            for name in libraries.split():
                yield "library", name
        elif match := QUOTED.match(argument):
            yield "template", match.group(2)


def upward_references(folders=None):
    apps = floors()
    folders = folders or template_folders(apps)
    found = []
    for app, folder in folders.items():
        source = app.split("/")[0]
        for path in sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.txt")):
            for kind, name in references(path.read_text(encoding="utf-8")):
                target = (
                    owner_of_library(name, apps)
                    if kind == "library"
                    else owner_of_template(name, folders)
                )
                if target is None or target == source:
                    continue
                (source_floor, shared), (target_floor, _) = apps[source], apps[target]
                if target_floor > source_floor or (target_floor == source_floor and shared):
                    shown = path.relative_to(ROOT if path.is_relative_to(ROOT) else folder.parent)
                    found.append(f"{shown}: {kind} {name} of {target}")
    return found


def test_no_template_reaches_a_higher_floor():
    assert upward_references() == []


@pytest.mark.parametrize(
    "line,found",
    [
        ("{% load i18n programme_tags %}", "library programme_tags of programme"),
        ('{% include "certificates/verify.html" %}', "template certificates/verify.html of"),
        ("{% extends 'applications/application_page.html' %}", "of applications"),
        ("{% load static wagtailcore_tags application_tags %}", "library application_tags of"),
    ],
)
def test_the_check_sees_an_upward_reference(tmp_path, line, found):
    """A template of the site frame that reaches up is reported (the check is not blind)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "upward.html").write_text(line + "\n", encoding="utf-8")
    folders = {**template_folders(floors()), FRAME_APP + "/frame": folder}
    (report,) = [line for line in upward_references(folders) if "upward.html" in line]
    assert report.startswith("templates/upward.html: ") and found in report
