"""Check data against a JSON Schema and say what went wrong in words a content author understands."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .yamlfile import Source


def load_schema(path: Path) -> dict:
    """Read a JSON Schema file."""
    return json.loads(path.read_text(encoding="utf-8"))


def validate(source: Source, schema: dict) -> None:
    """Raise a DataError for the first problem in the file, in reading order."""
    errors = list(Draft202012Validator(schema).iter_errors(source.data))
    if not errors:
        return
    first = min(errors, key=lambda e: (_error_path(e, source)[0] or 0, len(e.absolute_path)))
    line, path = _error_path(first, source)
    raise source.error(path, explain(first))


def _error_path(error: ValidationError, source: Source) -> tuple[int | None, tuple]:
    """Return the line and the field path an error is about (the unknown key itself, if any)."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path += (extra[0],)
    elif error.validator == "required":
        missing = _missing(error)
        return source.line_of(path), path + (missing,)
    return source.line_of(path), path


def _missing(error: ValidationError) -> str:
    """Name the first required field that is absent."""
    return next(k for k in error.validator_value if k not in error.instance)


def explain(error: ValidationError) -> str:
    """Turn a jsonschema error into a short, plain sentence of what was expected."""
    kind, value, schema, expected = error.validator, error.instance, error.schema, None
    if isinstance(schema, dict):
        expected = schema.get("x-expected")
    if kind == "required":
        field = _missing(error)
        wanted = error.schema.get("properties", {}).get(field, {}).get("x-expected")
        return f"missing; expected {wanted}" if wanted else "missing; this field is required"
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        return f"unknown field; expected one of: {allowed}"
    if kind == "maxLength":
        return f"too long: {len(value)} characters; expected at most {error.validator_value}"
    if kind == "minLength":
        return f"too short; expected {expected or f'at least {error.validator_value} characters'}"
    if kind in ("minItems", "maxItems"):
        low, high = schema.get("minItems"), schema.get("maxItems")
        span = f"{low} to {high}" if low is not None and high is not None else f"{low or high}"
        return f"expected {expected or span + ' items'}, got {len(value)}"
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return f"expected one of: {choices}; got {describe(value)}"
    if expected:
        return f"expected {expected}, got {describe(value)}"
    return error.message


def describe(value: object) -> str:
    """Show a value briefly: short scalars as written, containers by their kind."""
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"
