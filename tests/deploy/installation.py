"""A copy of this checkout installed as the guide installs the code (its files, the shared
virtualenv beside them), for tests that run the deploy/ scripts: those mark the folder they
run in as a production folder, which this checkout must never become."""

import shutil
import subprocess
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def checkout_files():
    """The working tree's files (committed or not), without what git ignores."""
    listed = subprocess.run(
        ["git", "-C", str(CHECKOUT), "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"],
        capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    return [name for name in listed.split("\0") if name and (CHECKOUT / name).is_file()]


def install_copy(destination):
    destination = Path(destination)
    for name in checkout_files():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CHECKOUT / name, target)
    for folder in destination.rglob("*"):
        if folder.is_dir():
            folder.chmod(0o755)
    (destination / ".venv").symlink_to((CHECKOUT / ".venv").resolve())
    return destination
