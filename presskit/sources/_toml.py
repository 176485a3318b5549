"""TOML parsing with line numbers for errors (:mod:`presskit.configfile` holds them, for
the sources and the configuration files alike)."""

from __future__ import annotations

from presskit.configfile import key_line, parse_toml

__all__ = ["key_line", "parse_toml"]
