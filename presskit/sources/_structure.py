"""cattrs set-up shared by the source loaders: strict scalar hooks (errors are flattened
by :func:`presskit.dump.flatten_errors`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import cattrs

from presskit.model import MediaContact

__all__ = ["ContactSpec", "strict_converter"]


@attrs.define
class ContactSpec:
    """A media contact as written in agencies.toml or in a release's front matter (``id``
    is for agencies.toml, where releases reference contacts by it)."""

    name: str
    id: str | None = None
    honorific: str | None = None
    title: str | None = None
    department: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None

    def to_model(self, *, organisation: str | None = None) -> MediaContact:
        """The model contact; ``organisation`` is the default for a contact that names
        none.

        Raises:
            ModelError: a value is invalid.
        """
        return MediaContact(
            self.name,
            honorific=self.honorific,
            title=self.title,
            department=self.department,
            organisation=self.organisation or organisation,
            email=self.email,
            phone=self.phone,
        )


def _strict(kind: type, label: str) -> Any:
    def hook(value: Any, _: type) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise ValueError(f"expected {label}, got true/false")
        if not isinstance(value, kind):
            raise ValueError(f"expected {label}, got {_describe(value)}")
        return value

    return hook


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return repr(value)


def strict_converter() -> cattrs.Converter:
    """A converter that refuses unknown keys and never coerces (no ``str(3)``)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict(str, "text"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))

    from cattrs.cols import is_sequence, list_structure_factory

    def sequence_factory(kind: Any) -> Any:
        inner = list_structure_factory(kind, converter)

        def hook(value: Any, target: Any) -> Any:
            # cattrs would iterate a string into its characters: tags = "ASEAN" -> A, S ...
            if not isinstance(value, list | tuple):
                raise ValueError(f'expected an array such as ["a", "b"], got {_describe(value)}')
            return inner(value, target)

        return hook

    converter.register_structure_hook_factory(is_sequence, sequence_factory)
    return converter


_PATH_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+|'[^']*')\]")
