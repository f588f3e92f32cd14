"""Input records: their schema, and reading them from CSV, JSON Lines and YAML.

Every record has a ``type`` (person, organization, unit, term, tenure,
attestation, decision, rank, source, change). Field-level checks live here;
checks that need the ontology, the gazetteer or the store live in
:mod:`kg.resolve`. See docs/records.md for the format with examples.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from datetime import date, datetime

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

from .errors import InvalidRecord
from .normalize import nfc
from .temporal import PDate

DateStr = Annotated[str, Field(description="YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY; precision is kept")]


def _check_date(v: Any) -> Any:
    if v is None or v == "":
        return None
    PDate.parse(str(v))  # raises ValueError with the reason
    return str(v)


_DATE_FIELDS = {"date", "start", "end", "start_latest", "current_as_of", "valid_from", "valid_until", "birth_date",
                "signed", "effective", "announced", "legal_date"}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    source: str | None = Field(None, description="id of a source record; defaults to the file itself")

    @model_validator(mode="before")
    @classmethod
    def _nfc(cls, data: Any) -> Any:
        """NFC every string; empty strings mean 'not given'."""
        if not isinstance(data, dict):
            return data
        out = {}
        for k, v in data.items():
            if isinstance(v, (date, datetime)):
                v = v.isoformat()  # YAML reads 2023-03-22 as a date
            elif isinstance(v, int) and not isinstance(v, bool) and k in _DATE_FIELDS:
                v = str(v)  # YAML reads 2020 as an int
            if isinstance(v, str):
                v = nfc(v) if v.strip() else None
            elif isinstance(v, list):
                v = [nfc(x) if isinstance(x, str) else x for x in v]
            if v is not None:
                out[k] = v
        return out


class OrgRef(Record):
    """An organization by id, or by type slug + place (+ unit name), resolved at the record's date."""
    org: str | None = Field(None, description="organization id, e.g. thanh-uy--bac-kan--058")
    org_type: str | None = Field(None, description="organization type slug, e.g. thanh-uy")
    place: str | None = Field(None, description="place name or unit id, e.g. 'thành phố Bắc Kạn' or 058@pre2025")
    unit_name: str | None = Field(None, description="name of the ministry/department where the type needs one")
    parent_org_type: str | None = Field(None, description="type of the body it belongs to when its type leaves that "
                                        "open, e.g. bo for Vụ Tổ chức cán bộ of the Ministry of Health")
    parent_unit_name: str | None = Field(None, description="name of that body where its type needs one, e.g. Y tế")

    _requires_org = True

    @model_validator(mode="after")
    def _org_given(self):
        if self._requires_org and not self.org and not self.org_type:
            raise ValueError("give 'org' (an id) or 'org_type' + 'place'")
        return self

    def has_org(self) -> bool:
        return bool(self.org or self.org_type)


def parent_fields(parsed) -> dict:
    """The OrgRef fields of the body a parsed title (or an extracted fact) names its organization within ("Vụ
    Pháp chế, Bộ Y tế"): its ``parent_org_type`` and ``parent_unit``."""
    out = {}
    if parsed.parent_org_type:
        out["parent_org_type"] = parsed.parent_org_type
        if parsed.parent_unit:
            out["parent_unit_name"] = parsed.parent_unit
    return out


class SourceRecord(Record):
    type: Literal["source"]
    id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: DateStr | None = None
    kind: str | None = Field(None, description="news, decision, dataset, profile, web")
    licence: str | None = None
    note: str | None = None
    _dates = field_validator("date")(_check_date)


class UnitRecord(Record):
    type: Literal["unit"]
    id: str = Field(description="<gso code>@pre2025 or <gso code>@2025")
    name: str
    short_name: str | None = None
    unit_type: str
    code: str | None = None
    parent: str | None = None
    valid_from: DateStr | None = None
    valid_until: DateStr | None = None
    alt_names: list[str] = []
    _dates = field_validator("valid_from", "valid_until")(_check_date)


class ChangeRecord(Record):
    type: Literal["change"]
    id: str
    change_type: Literal["merger", "absorption", "split", "dissolution", "cessation", "rename",
                         "establishment", "reassignment"]
    date: DateStr
    legal_date: DateStr | None = None
    legal_act: str | None = None
    original_units: list[str] = []
    resulting_units: list[str] = []
    original_orgs: list[str] = []
    resulting_orgs: list[str] = []
    _dates = field_validator("date", "legal_date")(_check_date)


class OrganizationRecord(OrgRef):
    type: Literal["organization"]
    id: str | None = None
    name: str | None = None
    name_en: str | None = None
    parent: str | None = None
    organ_of: str | None = None
    elected_from: str | None = None
    valid_from: DateStr | None = None
    valid_until: DateStr | None = None
    alt_names: list[str] = []
    _dates = field_validator("valid_from", "valid_until")(_check_date)


class TermRecord(OrgRef):
    type: Literal["term"]
    id: str | None = None
    ordinal: str = Field(description="khóa: roman ordinal (XII) or years (2021-2026)")
    start: DateStr | None = None
    end: DateStr | None = None
    _dates = field_validator("start", "end")(_check_date)


class PersonRecord(Record):
    type: Literal["person"]
    id: str = Field(description="<name-slug>--<disambiguator>, e.g. cu-ngoc-cuong--bk01")
    name: str
    birth_date: DateStr | None = None
    gender: Literal["male", "female"] | None = None
    alt_names: list[str] = []
    _dates = field_validator("birth_date")(_check_date)


class TenureRecord(OrgRef):
    type: Literal["tenure"]
    id: str | None = None
    person: str
    position: str
    start: DateStr | None = None
    start_latest: DateStr | None = Field(None, description="upper bound when the start is unknown")
    end: DateStr | None = None
    current_as_of: DateStr | None = Field(None, description="a source says the tenure was current on this date")
    term: str | None = None
    acting: bool = False
    concurrent: bool = False
    obtained_by: str | None = Field(None, description="decision type slug: bau, chi-dinh, bo-nhiem …")
    end_reason: Literal["organization-ended", "relieved", "retired", "transferred", "term-ended", "died",
                        "disciplined"] | None = None
    decision: str | None = None
    _dates = field_validator("start", "start_latest", "end", "current_as_of")(_check_date)


class AttestationRecord(OrgRef):
    type: Literal["attestation"]
    id: str | None = None
    person: str
    position: str
    date: DateStr
    status: Literal["current", "former", "acting", "elected", "appointed"] = "current"
    term: str | None = None
    quote: str | None = None
    span: list[int] | None = Field(None, description="[start, end) character offsets in the source text")
    _dates = field_validator("date")(_check_date)


class DecisionRecord(OrgRef):
    type: Literal["decision"]
    id: str | None = None
    decision_type: str
    authority: str | None = Field(None, description="issuing organization id")
    person: str
    position: str | None = None
    term: str | None = None
    signed: DateStr | None = None
    effective: DateStr | None = None
    announced: DateStr | None = None
    number: str | None = None
    creates: str | None = Field(None, description="id of the tenure the decision starts")
    ends: list[str] = Field([], description="ids of tenures the decision ends")
    _requires_org = False
    _dates = field_validator("signed", "effective", "announced")(_check_date)


class RankRecord(Record):
    type: Literal["rank"]
    id: str | None = None
    person: str
    rank: str
    date: DateStr | None = Field(None, description="attested on this date")
    start: DateStr | None = Field(None, description="conferred on this date")
    service: Literal["army", "police"] = "army"
    _dates = field_validator("date", "start")(_check_date)


AnyRecord = Annotated[Union[SourceRecord, UnitRecord, ChangeRecord, OrganizationRecord, TermRecord, PersonRecord,
                            TenureRecord, AttestationRecord, DecisionRecord, RankRecord], Field(discriminator="type")]
_ADAPTER = TypeAdapter(AnyRecord)
RECORD_TYPES = ["source", "unit", "change", "organization", "term", "person", "tenure", "attestation",
                "decision", "rank"]


def json_schema() -> dict:
    """The published JSON Schema of a record (docs/records.schema.json)."""
    return _ADAPTER.json_schema()


class Located(BaseModel):
    """A parsed record with where it came from."""
    model_config = ConfigDict(arbitrary_types_allowed=True)
    record: Any
    file: str
    line: int


def _hint_for(field: str, msg: str) -> str | None:
    if "date" in msg.lower() or field in ("start", "end", "date", "valid_from", "valid_until"):
        return "dates are YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY"
    if "discriminator" in msg or field == "type":
        return "type is one of " + ", ".join(RECORD_TYPES)
    if "Extra inputs" in msg:
        return "see docs/records.md for the fields of each record type"
    return None


def parse_record(data: dict, file: str, line: int) -> Located:
    """Validate one raw mapping; raise InvalidRecord naming file, line, field, reason and a hint."""
    if not isinstance(data, dict):
        raise InvalidRecord(file, line, None, f"a record must be a mapping, got {type(data).__name__}")
    try:
        rec = _ADAPTER.validate_python(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err["loc"]]
        field = loc[-1] if len(loc) > 1 else (loc[0] if loc else None)
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            field = "type"
        msg = err["msg"].removeprefix("Value error, ")
        if field and field in data and err["type"] != "missing":
            msg = f"{msg} (got {data[field]!r})"
        raise InvalidRecord(file, line, field, msg, _hint_for(field or "", err["msg"])) from None
    return Located(record=rec, file=file, line=line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LIST_FIELDS = {"alt_names", "original_units", "resulting_units", "original_orgs", "resulting_orgs", "ends", "span"}


def read_raw(path: Path, *, record_type: str | None = None) -> list[tuple[dict, int]]:
    """Raw mappings with their line numbers. Raises InvalidRecord for unreadable files."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidRecord(name, None, None, f"cannot read file: {e.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidRecord(name, None, None, f"not UTF-8 text (byte {e.start})",
                            "convert the file to UTF-8") from None
    suffix = path.suffix.lower()
    out: list[tuple[dict, int]] = []
    if suffix in (".jsonl", ".ndjson"):
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append((json.loads(line), i))
            except json.JSONDecodeError as e:
                raise InvalidRecord(name, i, None, f"invalid JSON: {e.msg} at column {e.colno}") from None
    elif suffix == ".json":
        try:
            items = json.loads(text)
        except json.JSONDecodeError as e:
            raise InvalidRecord(name, e.lineno, None, f"invalid JSON: {e.msg}") from None
        out = [(it, i) for i, it in enumerate(items if isinstance(items, list) else [items], 1)]
    elif suffix in (".yaml", ".yml"):
        try:
            docs = [d for d in yaml.load_all(text, Loader=_LineLoader) if d is not None]
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise InvalidRecord(name, mark.line + 1 if mark else None, None, f"invalid YAML: {e}") from None
        for d in docs:
            items = d if isinstance(d, list) else d.get("records", [d]) if isinstance(d, dict) else [d]
            for it in items:
                line = it.pop("__line__", 0) if isinstance(it, dict) else 0
                if isinstance(it, dict):
                    for v in it.values():
                        if isinstance(v, dict):
                            v.pop("__line__", None)
                out.append((it, line))
    elif suffix in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        for row in reader:
            rec = {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
            for k in list(rec):
                if k in _LIST_FIELDS:
                    rec[k] = [x.strip() for x in rec[k].split("|") if x.strip()]
                    if k == "span":
                        rec[k] = [int(x) for x in rec[k]]
                elif k in ("acting", "concurrent"):
                    rec[k] = rec[k].strip().lower() in ("1", "true", "yes", "x")
            if record_type and "type" not in rec:
                rec["type"] = record_type
            out.append((rec, reader.line_num))
    else:
        raise InvalidRecord(name, None, None, f"unknown file type '{suffix}'",
                            "use .jsonl, .json, .yaml, .yml, .csv or .tsv")
    return out


def read_records(path: Path, *, record_type: str | None = None) -> list[Located]:
    """Read and validate all records of one file (field-level checks only)."""
    return [parse_record(d, str(path), line) for d, line in read_raw(path, record_type=record_type)]
