"""Reports: a readable table (vi or en), JSON, and the SHACL validation report in Turtle."""
from __future__ import annotations

import json
import textwrap

from .findings import Finding

HEAD = {"vi": ["Quy tắc", "Mức", "Thông báo", "Căn cứ", "Dữ kiện mâu thuẫn (nguồn)"],
        "en": ["Rule", "Severity", "Message", "Legal source", "Conflicting facts (source)"]}
SEV = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
       "en": {"error": "error", "warning": "warning", "info": "info"}}


def table(findings: list[Finding], lang: str = "vi", n_decisions: int | None = None, width: int = 60) -> str:
    lines = []
    current = None
    for f in findings:
        key = (f.file, f.line, f.focus)
        if key != current:
            current = key
            where = f.where or ""
            lines.append("")
            lines.append(f"== {where} {f.focus.rsplit('/', 1)[-1] if f.focus else ''}".rstrip())
        msg = textwrap.fill(f.message(lang), width, subsequent_indent="    ")
        lines.append(f"  [{f.rule}] {SEV[lang][f.severity].upper()}: {msg}")
        lines.append(f"    {HEAD[lang][3]}: {f.source if lang == 'vi' else (f.source_en or f.source)}")
        for x in f.facts:
            lines.append(f"    - {x['fact']}" + (f"  ({x['source']})" if x.get("source") else ""))
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    infos = sum(f.severity == "info" for f in findings)
    if lang == "vi":
        summary = (f"{n_decisions} quyết định: " if n_decisions is not None else "") + \
            f"{errors} lỗi, {warnings} cảnh báo, {infos} thông tin"
        verdict = "HỢP LỆ" if not errors else "KHÔNG HỢP LỆ"
    else:
        summary = (f"{n_decisions} decision(s): " if n_decisions is not None else "") + \
            f"{errors} error(s), {warnings} warning(s), {infos} info"
        verdict = "VALID" if not errors else "INVALID"
    lines.append("")
    lines.append(f"{verdict} — {summary}")
    return "\n".join(lines).lstrip("\n")


def to_json(findings: list[Finding], n_decisions: int | None = None) -> str:
    return json.dumps({"decisions": n_decisions, "valid": not any(f.severity == "error" for f in findings),
                       "errors": sum(f.severity == "error" for f in findings),
                       "warnings": sum(f.severity == "warning" for f in findings),
                       "findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=1)


def to_turtle(findings: list[Finding], shacl_report=None) -> str:
    """A sh:ValidationReport: pyshacl's results, plus every other finding as a sh:ValidationResult."""
    import rdflib
    from rdflib import BNode, Literal, Namespace, URIRef
    from rdflib.namespace import RDF
    SH = Namespace("http://www.w3.org/ns/shacl#")
    VN = Namespace("https://w3id.org/kg-vn/ontology#")
    g = rdflib.Graph()
    g.bind("sh", SH)
    g.bind("vn", VN)
    report = None
    if shacl_report is not None:
        for t in shacl_report:
            g.add(t)
        report = next(iter(g.subjects(RDF.type, SH.ValidationReport)), None)
    if report is None:
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
    conforms = not any(f.severity == "error" for f in findings)
    g.set((report, SH.conforms, Literal(conforms)))
    sev = {"error": SH.Violation, "warning": SH.Warning, "info": SH.Info}
    for f in findings:
        if f.engine == "shacl":
            continue
        r = BNode()
        g.add((report, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        if f.focus:
            g.add((r, SH.focusNode, URIRef(f.focus)))
        g.add((r, SH.resultSeverity, sev[f.severity]))
        g.add((r, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent if f.engine == "sparql"
               else SH.JSConstraintComponent if f.engine == "python" else SH.SPARQLConstraintComponent))
        g.add((r, SH.resultMessage, Literal(f.message_vi, lang="vi")))
        g.add((r, SH.resultMessage, Literal(f.message_en, lang="en")))
        g.add((r, VN.ruleId, Literal(f.rule)))
        g.add((r, VN.legalSource, Literal(f.source, lang="vi")))
        for x in f.facts:
            g.add((r, VN.conflictingFact, Literal(f"{x['fact']} ({x.get('source', '')})")))
    return g.serialize(format="turtle")
