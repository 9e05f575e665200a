"""The files in deploy/ read exactly as systemd reads them: an `EnvironmentFile=` and a unit's
`ExecStart=` lines.

`deploy/manage`, `deploy/backup` and the smoke test load /etc/aicities/aicities.env with
`read_environment_file`, so a one-off command sees the very values the services see; the smoke
test starts the services from the units' own `ExecStart=` lines with `exec_start_commands`.

The rules are those of systemd.exec(5), "EnvironmentFile=", and systemd.service(5), "Command
lines", as Debian 12's systemd (252) implements them (src/basic/env-file.c). Where systemd
versions disagree (a comment line ending in a backslash swallows the next line up to 253, not
from 254 on), the file is refused rather than read one way or the other. Standard library only:
`deploy/manage` runs this with the system's python3.
"""

import re
from pathlib import Path

WHITESPACE = " \t\n\r"
NEWLINE = "\n\r"
COMMENTS = "#;"
# In a double-quoted value a backslash keeps these characters and is dropped, as in a shell.
SHELL_NEED_ESCAPE = '"\\`$'
VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class EnvironmentFileError(ValueError):
    """The file cannot be read as systemd would; the message names the line, never a value."""


def parse_environment(text, source="environment file"):
    """The variables an `EnvironmentFile=` with this text gives a service, in file order.

    Returns (variables, ignored): `ignored` lists "line N: NAME" for assignments systemd drops
    (names that are not valid variable names). A later assignment of a name replaces an
    earlier one, as in systemd.
    """
    variables, ignored = {}, []
    state, key, value = "pre_key", [], []
    trailing_key_space = trailing_value_space = None
    line = 1

    def push():
        name = "".join(key if trailing_key_space is None else key[:trailing_key_space])
        if VARIABLE_NAME.match(name):
            variables[name] = "".join(value)
        else:
            ignored.append(f"line {line}: {name[:40]!r}")

    for character in text:
        if state == "pre_key":
            if character in COMMENTS:
                state = "comment"
            elif character not in WHITESPACE:
                state, key, trailing_key_space = "key", [character], None
            elif character == "\n":
                line += 1
        elif state == "key":
            if character in NEWLINE:
                state, key = "pre_key", []  # a line without "=" is ignored
                line += character == "\n"
            elif character == "=":
                state, value, trailing_value_space = "pre_value", [], None
            else:
                if character not in WHITESPACE:
                    trailing_key_space = None
                elif trailing_key_space is None:
                    trailing_key_space = len(key)
                key.append(character)
        elif state in ("pre_value", "value"):
            if character in NEWLINE:
                if state == "value" and trailing_value_space is not None:
                    del value[trailing_value_space:]
                push()
                state, key, value = "pre_key", [], []
                line += character == "\n"
            elif state == "pre_value" and character == "'":
                state = "single_quote"
            elif state == "pre_value" and character == '"':
                state = "double_quote"
            elif character == "\\":
                state, trailing_value_space = "value_escape", None
            elif state == "pre_value" and character in WHITESPACE:
                pass
            else:
                state = "value"
                if character not in WHITESPACE:
                    trailing_value_space = None
                elif trailing_value_space is None:
                    trailing_value_space = len(value)
                value.append(character)
        elif state == "value_escape":
            state = "value"
            if character not in NEWLINE:  # an escaped newline continues the line
                value.append(character)
            else:
                line += character == "\n"
        elif state == "single_quote":
            if character == "'":
                state = "pre_value"
            else:
                value.append(character)
                line += character == "\n"
        elif state == "double_quote":
            if character == '"':
                state = "pre_value"
            elif character == "\\":
                state = "double_quote_escape"
            else:
                value.append(character)
                line += character == "\n"
        elif state == "double_quote_escape":
            state = "double_quote"
            if character in SHELL_NEED_ESCAPE:
                value.append(character)
            elif character == "\n":
                line += 1
            else:
                value.extend(("\\", character))
        elif state == "comment":
            if character == "\\":
                state = "comment_escape"
            elif character in NEWLINE:
                state = "pre_key"
                line += character == "\n"
        elif state == "comment_escape":
            if character in NEWLINE:
                raise EnvironmentFileError(
                    f"{source}, line {line}: a comment ends with a backslash; systemd 252 reads "
                    "the next line as part of the comment, systemd 254 and later do not. Remove "
                    "the backslash."
                )
            state = "comment"

    if state in ("pre_value", "value", "value_escape", "single_quote", "double_quote"):
        if state == "value" and trailing_value_space is not None:
            del value[trailing_value_space:]
        push()
    elif state == "double_quote_escape":
        push()
    return variables, ignored


def read_environment_file(path):
    """The variables of an `EnvironmentFile=`, read as systemd reads it (UTF-8 or refused)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EnvironmentFileError(f"{path} is not UTF-8 (byte {error.start})") from None
    if "\x00" in text or "\ufeff" in text:
        raise EnvironmentFileError(f"{path} holds a NUL or a byte order mark: systemd refuses it")
    return parse_environment(text, source=str(path))


# --- Units: ExecStart= ------------------------------------------------------------------------

ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "s": " ",
    ";": ";",  # "\;": a semicolon that does not separate commands
}


class UnitFileError(ValueError):
    pass


def read_unit(path):
    """A unit file's settings: {section: {key: [values in order]}}. Lines ending in a backslash
    go on on the next line, the backslash read as a space (systemd.syntax(7))."""
    sections, section, pending = {}, None, ""
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not pending and (not stripped or stripped[0] in COMMENTS):
            continue
        if pending and stripped and stripped[0] in COMMENTS:
            continue  # a comment inside a continued line is skipped
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        entry, pending = pending + stripped, ""
        if entry.startswith("[") and entry.endswith("]"):
            section = sections.setdefault(entry[1:-1], {})
        elif "=" in entry and section is not None:
            name, value = entry.split("=", 1)
            section.setdefault(name.strip(), []).append(value.strip())
        else:
            raise UnitFileError(f"{path}: cannot read {entry[:40]!r}")
    return sections


def _hex(text, start, digits):
    chunk = text[start : start + digits]
    if len(chunk) != digits or not all(c in "0123456789abcdefABCDEF" for c in chunk):
        raise UnitFileError(f"bad escape in {text[:60]!r}")
    return chr(int(chunk, 16)), start + digits


def _escape(text, index):
    """The character a C-style escape at text[index] (just after the backslash) stands for."""
    letter = text[index] if index < len(text) else ""
    if letter in ESCAPES:
        return ESCAPES[letter], index + 1
    if letter == "x":
        return _hex(text, index + 1, 2)
    if letter == "u":
        return _hex(text, index + 1, 4)
    if letter == "U":
        return _hex(text, index + 1, 8)
    if letter in "01234567" and text[index : index + 3].isdigit():
        return chr(int(text[index : index + 3], 8)), index + 3
    raise UnitFileError(f"unknown escape \\{letter} in {text[:60]!r}")


def split_words(text):
    """Words of a command line, unquoted as systemd.syntax(7) says: [(word, quoted), …], where
    `quoted` tells a separator ";" from a quoted or escaped one."""
    words, index = [], 0
    while True:
        while index < len(text) and text[index] in WHITESPACE:
            index += 1
        if index >= len(text):
            return words
        word, quote, quoted = [], None, False
        while index < len(text):
            character = text[index]
            if quote is None and character in WHITESPACE:
                break
            if character == "\\":
                decoded, index = _escape(text, index + 1)
                word.append(decoded)
                quoted = True
                continue
            if quote is None and character in "\"'":
                quote, quoted = character, True
            elif character == quote:
                quote = None
            else:
                word.append(character)
            index += 1
        if quote is not None:
            raise UnitFileError(f"unfinished quote in {text[:60]!r}")
        words.append(("".join(word), quoted))


def _specifiers(text, instance):
    def replace(match):
        letter = match.group(1)
        if letter == "%":
            return "%"
        if letter in "iI" and instance is not None:
            return instance
        raise UnitFileError(f"specifier %{letter} is not supported here")

    return re.sub(r"%(.)", replace, text)


def _expand(word, environment):
    """${NAME} anywhere in a word, and $$ for a dollar sign (systemd.service(5))."""

    def replace(match):
        return "$" if match.group(0) == "$$" else environment.get(match.group(1), "")

    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}", replace, word)


def command_lines(value, environment, instance=None):
    """The argument lists one `ExecStart=` value runs (";" separates commands)."""
    if value[:1] in "-@+!:":
        raise UnitFileError(f"ExecStart= prefixes are not supported here: {value[:20]!r}")
    commands, current = [], []
    for word, quoted in split_words(_specifiers(value, instance)):
        if word == ";" and not quoted:
            commands.append(current)
            current = []
            continue
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole and current:
            current.extend(text for text, _quoted in split_words(environment.get(whole[1], "")))
        else:
            current.append(_expand(word, environment))
    commands.append(current)
    return [command for command in commands if command]


def exec_start_commands(unit_path, environment, instance=None):
    """Every command the unit's `ExecStart=` lines run, in order, as argument lists."""
    service = read_unit(unit_path).get("Service", {})
    commands = []
    for value in service.get("ExecStart", []):
        commands.extend(command_lines(value, environment, instance))
    return commands


def service_environment(unit_path, environment_file=None):
    """The variables systemd gives a unit's processes: its `Environment=` assignments, then its
    `EnvironmentFile=` (or `environment_file` in its place), which override them."""
    service = read_unit(unit_path).get("Service", {})
    variables = {}
    for value in service.get("Environment", []):
        for assignment, _quoted in split_words(value):
            name, _, text = assignment.partition("=")
            if VARIABLE_NAME.match(name):
                variables[name] = text
    files = [environment_file] if environment_file else service.get("EnvironmentFile", [])
    for name in files:
        optional = str(name).startswith("-")
        path = Path(str(name).lstrip("-"))
        if optional and not path.exists():
            continue
        variables.update(read_environment_file(path)[0])
    return variables
