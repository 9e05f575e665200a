"""Development settings: debug on, console email, demo content allowed."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
DEMO_CONTENT_ALLOWED = True
