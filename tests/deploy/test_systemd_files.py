"""The environment file and the units are read as systemd reads them: the rules and examples of
systemd.exec(5) "EnvironmentFile=" and systemd.service(5) "Command lines", and the cases of
systemd's own test of its parser (src/test/test-env-file.c)."""

import pytest

from aicities.systemd import (
    EnvironmentFileError,
    command_lines,
    exec_start_commands,
    parse_environment,
    read_environment_file,
    service_environment,
)


def variables(text):
    return parse_environment(text)[0]


# --- systemd's own cases (src/test/test-env-file.c) ----------------------------------------


def test_continued_lines_and_an_escaped_trailing_space():
    text = "a=a\nb=b\\\nc\nd=d\\\ne\\\nf\ng=g\\ \nh=h\ni=i\\"
    assert variables(text) == {"a": "a", "b": "bc", "d": "def", "g": "g ", "h": "h", "i": "i"}


def test_a_backslash_at_the_end_of_the_file():
    assert variables("a=a\\\n") == {"a": "a"}


def test_comments_empty_lines_and_a_double_quoted_value():
    text = (
        '# Generated\n\nHWMON_MODULES="coretemp f71882fg"\n\n# For compatibility reasons\n\n'
        "MODULE_0=coretemp\nMODULE_1=f71882fg"
    )
    assert variables(text) == {
        "HWMON_MODULES": "coretemp f71882fg",
        "MODULE_0": "coretemp",
        "MODULE_1": "f71882fg",
    }


def test_empty_values():
    assert variables("a=\nb=") == {"a": "", "b": ""}


def test_a_comment_ending_in_a_backslash_is_refused_as_systemd_versions_disagree():
    # systemd 252 (Debian 12) reads "normal=line" as part of the comment; 254 and later do not.
    text = (
        '#SPAMD_ARGS="-d --socketpath=/var/lib/bulwark/spamd \\\n'
        "#--nouser-config                                     \\\n"
        "normal=line"
    )
    with pytest.raises(EnvironmentFileError, match="line 1"):
        parse_environment(text)


# --- systemd.exec(5), EnvironmentFile=: each rule ------------------------------------------


def test_ignored_lines():
    text = "; a comment\n# another\n\nno separator here\nKEY=value\n"
    assert variables(text) == {"KEY": "value"}


def test_unquoted_values_keep_interior_whitespace_and_later_quotes():
    assert variables('A=  word1   "quoted"  word2 \t \n') == {"A": 'word1   "quoted"  word2'}


def test_unquoted_backslashes_keep_the_next_character():
    text = "A=one\\\ntwo\nB=back\\\\slash\nC=\\n-is-n\n"
    assert variables(text) == {"A": "onetwo", "B": "back\\slash", "C": "n-is-n"}


def test_single_quotes_span_lines_verbatim():
    assert variables("A='first\\n line\n  second \"x\"'  \n") == {
        "A": 'first\\n line\n  second "x"'
    }


def test_double_quotes_span_lines_with_shell_escapes():
    text = 'A=  "a \\"b\\" \\\\ \\` \\$ \\t\nnext\\\nsame"  \n'
    assert variables(text) == {"A": 'a "b" \\ ` $ \\t\nnextsame'}


def test_a_later_assignment_wins_and_invalid_names_are_ignored():
    found, ignored = parse_environment("A=1\n2B=x\nA=2\n")
    assert found == {"A": "2"}
    assert ignored == ["line 2: '2B'"]


def test_a_pem_key_on_several_lines_in_double_quotes_is_read_whole():
    pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----"
    assert variables(f'CERTIFICATE_SIGNING_KEY="{pem}"\n') == {"CERTIFICATE_SIGNING_KEY": pem}


def test_the_former_one_line_form_loses_its_line_breaks():
    # What the old template told operators to write: systemd drops the backslashes.
    text = "KEY=-----BEGIN PRIVATE KEY-----\\nMC4C\\n-----END PRIVATE KEY-----\n"
    assert variables(text) == {"KEY": "-----BEGIN PRIVATE KEY-----nMC4Cn-----END PRIVATE KEY-----"}


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "aicities.env"
    path.write_bytes(b"A=caf\xe9\n")
    with pytest.raises(EnvironmentFileError, match="not UTF-8"):
        read_environment_file(path)


# --- systemd.service(5), Command lines: its examples ---------------------------------------


def test_variables_as_words_and_inside_words():
    environment = {"ONE": "one", "TWO": "two two"}
    assert command_lines("echo $ONE $TWO ${TWO}", environment) == [
        ["echo", "one", "two", "two", "two two"]
    ]


def test_quotes_inside_values_are_kept_in_braces_and_respected_when_split():
    environment = {"ONE": "'one'", "TWO": "'two two' too", "THREE": ""}
    assert command_lines("/bin/echo ${ONE} ${TWO} ${THREE}", environment) == [
        ["/bin/echo", "'one'", "'two two' too", ""]
    ]
    assert command_lines("/bin/echo $ONE $TWO $THREE", environment) == [
        ["/bin/echo", "one", "two two", "too"]
    ]


def test_semicolons_separate_commands_unless_escaped(tmp_path):
    assert command_lines('echo one ; echo "two two"', {}) == [["echo", "one"], ["echo", "two two"]]
    unit = tmp_path / "example.service"
    unit.write_text("[Service]\nExecStart=echo / >/dev/null & \\; \\\nls\n")
    assert exec_start_commands(unit, {}) == [["echo", "/", ">/dev/null", "&", ";", "ls"]]


def test_a_dollar_sign_and_the_instance_specifier():
    assert command_lines("run --price $$5 --worker %i", {}, instance="2") == [
        ["run", "--price", "$5", "--worker", "2"]
    ]


def test_the_environment_file_overrides_the_units_own_assignments(tmp_path):
    # systemd.exec(5): "Settings from these files override settings made with Environment=".
    env_file = tmp_path / "site.env"
    env_file.write_text("PORT=9000\n")
    unit = tmp_path / "site.service"
    unit.write_text(
        f'[Service]\nEnvironment=PORT=8000 "GREETING=hello world"\nEnvironmentFile={env_file}\n'
        "ExecStart=/bin/serve --port ${PORT} --say ${GREETING}\n"
    )
    environment = service_environment(unit)
    assert environment == {"PORT": "9000", "GREETING": "hello world"}
    assert exec_start_commands(unit, environment) == [
        ["/bin/serve", "--port", "9000", "--say", "hello world"]
    ]
