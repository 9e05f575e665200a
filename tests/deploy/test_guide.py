"""deploy/README.md's table names every variable the settings read, with the default the code
gives it, and every variable of the environment template."""

import re

from django.conf import settings

from aicities.settings.environment import variables_read_by_settings

GUIDE = settings.BASE_DIR / "deploy" / "README.md"
TEMPLATE = settings.BASE_DIR / "deploy" / "aicities.env.example"


def table_rows():
    text = GUIDE.read_text()
    table = text[text.index("## Every variable") :]
    rows = {}
    for line in table.splitlines():
        if line.startswith("| `"):
            names_cell = line.split("|")[1]
            for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", names_cell):
                rows[name] = line
    return rows


def test_every_variable_the_settings_read_is_in_the_table_with_its_default():
    rows = table_rows()
    missing = sorted(set(variables_read_by_settings()) - set(rows))
    assert not missing, f"not in deploy/README.md's table: {missing}"
    for variable in variables_read_by_settings().values():
        if variable.kind in ("whole number", "decimal") and variable.default.isdigit():
            assert f"`{variable.default}`" in rows[variable.name], variable
        if variable.kind == "yes/no" and variable.name != "DEBUG":
            shown = "true" if variable.default == "True" else "false"
            assert f"`{shown}`" in rows[variable.name], variable


def test_every_variable_of_the_template_is_in_the_table():
    names = re.findall(r"^#?([A-Z][A-Z0-9_]+)=", TEMPLATE.read_text(), re.MULTILINE)
    assert sorted(set(names) - set(table_rows())) == []
