"""Tests of the kg-vn ontology files (ontology/*.ttl, ontology/vendor/org.ttl).

(a) every file parses; (b) every vn:/pt:/ot:/ut:/dt:/rk: subject has vi and en labels (NFC, traditional tone
style); (c) key slugs of domain.md §2 and §6.2 exist; (d) no dangling references; (e) OWL reasoning with
owlready2 + HermiT (local ORG import, no network) gives the expected inferences; (f) disjointness makes
mixed individuals inconsistent.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTO = ROOT / "ontology"
FILES = ["kg.ttl", "positions.ttl", "org-types.ttl", "unit-types.ttl", "decision-types.ttl", "ranks.ttl",
         "implications.ttl", "vendor/org.ttl"]

VN = Namespace("https://w3id.org/kg-vn/ontology#")
PT = Namespace("https://w3id.org/kg-vn/pt/")
OT = Namespace("https://w3id.org/kg-vn/ot/")
UT = Namespace("https://w3id.org/kg-vn/ut/")
DT = Namespace("https://w3id.org/kg-vn/dt/")
RK = Namespace("https://w3id.org/kg-vn/rank/")
ORG = Namespace("http://www.w3.org/ns/org#")
OWN = [str(VN), str(PT), str(OT), str(UT), str(DT), str(RK)]

KEY_POSITIONS = [
    "bi-thu", "pho-bi-thu", "pho-bi-thu-thuong-truc", "uy-vien-ban-thuong-vu", "uy-vien-ban-chap-hanh", "uy-vien-du-khuyet",
    "chu-nhiem-ubkt", "pho-chu-nhiem-ubkt", "uy-vien-ubkt", "truong-ban-to-chuc", "chanh-van-phong", "pho-chanh-van-phong",
    "bi-thu-chi-bo", "tong-bi-thu", "thuong-truc-ban-bi-thu", "uy-vien-bo-chinh-tri", "bi-thu-trung-uong-dang", "uy-vien-trung-uong",
    "chu-tich-hdnd", "pho-chu-tich-hdnd", "uy-vien-thuong-truc-hdnd", "truong-ban-hdnd", "pho-truong-ban-hdnd", "dai-bieu-hdnd",
    "chu-tich-ubnd", "pho-chu-tich-ubnd", "pho-chu-tich-thuong-truc-ubnd", "uy-vien-ubnd", "giam-doc-so", "pho-giam-doc-so",
    "truong-phong", "dai-bieu-quoc-hoi", "truong-doan-dbqh", "pho-truong-doan-dbqh", "chu-tich-quoc-hoi", "pho-chu-tich-quoc-hoi",
    "uy-vien-ubtvqh", "chu-tich-nuoc", "pho-chu-tich-nuoc", "thu-tuong", "pho-thu-tuong", "bo-truong", "thu-truong",
    "truong-ban", "pho-truong-ban", "giam-doc", "chu-nhiem", "pho-chu-nhiem", "uy-vien",
    "tu-lenh", "pho-tu-lenh", "chinh-uy", "pho-chinh-uy", "tham-muu-truong", "chu-nhiem-chinh-tri", "chi-huy-truong",
    "pho-chi-huy-truong", "chinh-tri-vien", "chinh-tri-vien-pho", "tro-ly-quan-su", "don-truong",
    "chu-tich-ubmttq", "pho-chu-tich-ubmttq", "uy-vien-ban-thuong-truc-mttq", "bi-thu-doan", "chu-tich-hoi-lhpn",
    "chu-tich-hoi-nong-dan", "chu-tich-hoi-ccb", "chu-tich-ldld", "giam-doc-cong-an", "pho-giam-doc-cong-an", "truong-cong-an-xa",
]
KEY_ORG_TYPES = [
    "dang-cong-san-viet-nam", "ban-chap-hanh-trung-uong", "bo-chinh-tri", "ban-bi-thu", "uy-ban-kiem-tra-trung-uong",
    "quan-uy-trung-uong", "dang-bo-tinh", "dang-bo-thanh-pho-tw", "tinh-uy", "thanh-uy-tw", "ban-thuong-vu-tinh-uy",
    "uy-ban-kiem-tra-tinh-uy", "ban-to-chuc-tinh-uy", "ban-tuyen-giao-dan-van-tinh-uy", "ban-noi-chinh-tinh-uy", "van-phong-tinh-uy",
    "dang-bo-huyen", "dang-bo-quan", "dang-bo-thi-xa", "dang-bo-thanh-pho", "huyen-uy", "quan-uy", "thi-uy", "thanh-uy",
    "ban-thuong-vu-thanh-uy", "ban-thuong-vu-huyen-uy", "ban-thuong-vu-thanh-uy-tw", "dang-bo-xa", "dang-bo-phuong",
    "dang-bo-thi-tran", "dang-bo-dac-khu", "dang-uy-xa", "dang-uy-phuong", "dang-uy-dac-khu", "ban-thuong-vu-dang-uy-xa",
    "chi-bo", "dang-bo-quan-su-tinh", "dang-uy-quan-su-tinh", "dang-bo-quan-su-huyen", "dang-uy-quan-su-huyen",
    "dang-bo-quan-su-thanh-pho", "dang-uy-quan-su-thanh-pho", "chi-bo-quan-su-xa", "dang-uy-quan-khu", "quoc-hoi",
    "uy-ban-thuong-vu-quoc-hoi", "uy-ban-cua-quoc-hoi", "doan-dbqh", "chinh-phu", "bo", "so", "hdnd-tinh", "hdnd-huyen",
    "hdnd-thanh-pho", "hdnd-quan", "hdnd-thi-xa", "hdnd-xa", "thuong-truc-hdnd", "ubnd-tinh", "ubnd-huyen", "ubnd-thanh-pho",
    "ubnd-quan", "ubnd-thi-xa", "ubnd-xa", "bo-quoc-phong", "quan-khu", "bo-chqs-tinh", "ban-chqs-huyen", "ban-chqs-thanh-pho",
    "ban-chi-huy-phong-thu-khu-vuc", "ban-chi-huy-bdbp", "ban-chqs-xa", "bo-cong-an", "cong-an-tinh", "cong-an-xa",
    "ubmttq-tinh", "ubmttq-huyen", "ubmttq-xa", "tinh-doan", "hoi-lhpn", "hoi-nong-dan", "hoi-ccb", "ldld-tinh",
]
KEY_UNIT_TYPES = ["tinh", "thanh-pho-tw", "huyen", "quan", "thi-xa", "thanh-pho-thuoc-tinh", "xa", "phuong", "thi-tran", "dac-khu"]
KEY_DECISION_TYPES = ["bau", "chuan-y", "phe-chuan", "chi-dinh", "bo-nhiem", "mien-nhiem", "bai-nhiem", "cho-thoi", "dieu-dong",
                      "luan-chuyen", "phan-cong", "giao-quyen", "hiep-y", "nghi-huu", "ky-luat-khien-trach", "ky-luat-canh-cao",
                      "ky-luat-cach-chuc", "ky-luat-khai-tru", "cach-chuc", "thang-quan-ham", "thanh-lap", "giai-the", "sap-nhap",
                      "hop-nhat", "ket-thuc-hoat-dong"]
KEY_RANKS = ["binh-nhi", "binh-nhat", "ha-si", "trung-si", "thuong-si", "thieu-uy", "trung-uy", "thuong-uy", "dai-uy", "thieu-ta",
             "trung-ta", "thuong-ta", "dai-ta", "thieu-tuong", "trung-tuong", "thuong-tuong", "dai-tuong"]
# Names the Python core depends on (docs/design.md).
DESIGN_CLASSES = ["Person", "PartyBody", "StateBody", "MilitaryBody", "PoliceBody", "FrontBody", "PartyOrganization", "PartyCell",
                  "PartyOrgan", "PartyCommittee", "StandingCommittee", "InspectionCommission", "PartyDepartment", "PeoplesCouncil",
                  "PeoplesCommittee", "StateAgency", "NationalAssembly", "MilitaryCommand", "PoliceAgency", "FrontCommittee",
                  "MassOrganization", "PositionType", "OrganizationType", "UnitType", "DecisionType", "Rank", "AdministrativeUnit",
                  "Post", "Tenure", "Attestation", "Decision", "Term", "RankAssignment", "Source", "Establishment", "Merger",
                  "Absorption", "Split", "Dissolution", "Cessation", "Rename", "Reassignment", "Pillar", "Level", "EndReason",
                  "PositionImplication", "OrgPath"]
DESIGN_PROPERTIES = ["orgType", "jurisdiction", "organOf", "electedFrom", "unitName", "validFrom", "validUntil", "unitType", "gsoCode",
                     "partOf", "shortName", "positionType", "holder", "post", "start", "end", "startEarliest", "startLatest",
                     "endEarliest", "endLatest", "currentAsOf", "term", "acting", "concurrent", "startedBy", "endedBy", "obtainedBy",
                     "endReason", "attestedOn", "status", "quote", "spanStart", "spanEnd", "decisionType", "issuedBy", "subject",
                     "forPost", "signedOn", "effectiveOn", "documentNumber", "createsTenure", "endsTenure", "rank", "originalUnit",
                     "resultingUnit", "date", "legalAct", "legalEffectiveDate", "file", "checksum", "memberOfStandingCommittee",
                     "memberOfExecutiveCommittee", "secretaryOf", "appliesTo", "singleHolder", "pillar", "orgClass", "level",
                     "organOfType", "electedFromType", "parentType", "needsUnitName", "rankOrder", "fromPosition", "toPosition",
                     "orgPath", "activeFrom", "activeUntil", "isMembership", "startsTenure"]
DESIGN_INDIVIDUALS = ["OrganizationEnded", "Relieved", "Retired", "Transferred", "TermEnded", "Died", "Disciplined", "PartyPillar",
                      "StatePillar", "MilitaryPillar", "PolicePillar", "FrontPillar", "CentralLevel", "ProvinceLevel", "DistrictLevel",
                      "CommuneLevel", "RegionalLevel", "SameOrganization", "ElectedFromOrganization", "StandingCommitteeOfOrganization"]
# phonological ("new style") tone placement on an open oa/oe/uy syllable ("uỷ", "hoà", "khoá"; not "quý",
# not "Đoàn"): allowed in altLabels, not in prefLabels / rdfs:labels
NEW_STYLE = re.compile(r"(?<![qQ])(?:[oO][àáảãạèéẻẽẹ]|[uU][ỳýỷỹỵ])(?!\w)")


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def graphs() -> dict[str, rdflib.Graph]:
    return {f: rdflib.Graph().parse(ONTO / f, format="turtle") for f in FILES}


@pytest.fixture(scope="module")
def g(graphs) -> rdflib.Graph:
    merged = rdflib.Graph()
    for gr in graphs.values():
        merged += gr
    return merged


def own(term) -> bool:
    return isinstance(term, URIRef) and any(str(term).startswith(ns) for ns in OWN)


def local(term) -> str:
    s = str(term)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- (a) parsing
@pytest.mark.parametrize("name", FILES)
def test_file_parses(name):
    gr = rdflib.Graph().parse(ONTO / name, format="turtle")
    assert len(gr) > 10


def test_org_vendored_typos_fixed(graphs):
    org = graphs["vendor/org.ttl"]
    text = (ONTO / "vendor/org.ttl").read_text(encoding="utf-8")
    assert (ORG.Post, RDFS.subClassOf, ORG.Organization) in org
    assert (ORG.unitOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in org
    assert not any("subClasOf" in str(p) or "Organzation" in str(o) for _, p, o in org)
    assert "rdfs:subClasOf org:" not in text.split("@prefix", 1)[1]
    assert (ORG.transitiveSubOrganizationOf, RDF.type, OWL.TransitiveProperty) in org
    assert (ORG.subOrganizationOf, RDFS.subPropertyOf, ORG.transitiveSubOrganizationOf) in org


# ---------------------------------------------------------------- (b) labels
def test_every_own_subject_has_vi_and_en_labels(g):
    missing = []
    for s in {s for s in g.subjects() if own(s)}:
        labels = list(g.objects(s, RDFS.label)) + list(g.objects(s, SKOS.prefLabel))
        langs = {getattr(lab, "language", None) for lab in labels}
        if not {"vi", "en"} <= langs:
            missing.append(str(s))
    assert not missing, f"subjects without vi+en label: {sorted(missing)[:20]}"


def test_labels_nfc_and_traditional_tone_style(g):
    bad = []
    for s, p, o in g:
        if not own(s) or not isinstance(o, rdflib.Literal) or p not in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            continue
        text = str(o)
        if unicodedata.normalize("NFC", text) != text:
            bad.append((str(s), text, "not NFC"))
        if p != SKOS.altLabel and NEW_STYLE.search(text):
            bad.append((str(s), text, "new tone style in a preferred label"))
    assert not bad, bad[:20]


def test_one_pref_label_per_language(g):
    for s in {s for s in g.subjects(SKOS.prefLabel, None) if own(s)}:
        langs = [lab.language for lab in g.objects(s, SKOS.prefLabel)]
        assert len(langs) == len(set(langs)), f"{s} has several prefLabels in one language"


def test_classes_and_properties_documented(graphs):
    kg = graphs["kg.ttl"]
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for kind in kinds:
        for s in kg.subjects(RDF.type, kind):
            if not own(s):
                continue
            assert any(c.language == "en" for c in kg.objects(s, RDFS.comment)), f"{s} lacks an English rdfs:comment"


def test_every_vn_property_has_domain_and_range(graphs):
    kg = graphs["kg.ttl"]
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for p in kg.subjects(RDF.type, kind):
            if own(p):
                assert kg.value(p, RDFS.domain) is not None, f"{p} has no rdfs:domain"
                assert kg.value(p, RDFS.range) is not None, f"{p} has no rdfs:range"


# ---------------------------------------------------------------- (c) slugs and design names
@pytest.mark.parametrize("ns,cls,slugs", [
    (PT, VN.PositionType, KEY_POSITIONS), (OT, VN.OrganizationType, KEY_ORG_TYPES), (UT, VN.UnitType, KEY_UNIT_TYPES),
    (DT, VN.DecisionType, KEY_DECISION_TYPES), (RK, VN.Rank, KEY_RANKS)])
def test_key_slugs_exist(g, ns, cls, slugs):
    missing = [s for s in slugs if (ns[s], RDF.type, cls) not in g]
    assert not missing, missing


def test_design_names_declared(graphs):
    kg = graphs["kg.ttl"]
    for c in DESIGN_CLASSES:
        assert (VN[c], RDF.type, OWL.Class) in kg, c
    declared = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        declared |= set(kg.subjects(RDF.type, kind))
    assert not [p for p in DESIGN_PROPERTIES if VN[p] not in declared]
    for i in DESIGN_INDIVIDUALS:
        assert any(True for _ in kg.objects(VN[i], RDF.type)), i


def test_every_vn_term_used_is_declared(g):
    declared = {s for s in g.subjects(RDF.type, None) if own(s)}
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(VN))}
    assert not sorted(used - declared), sorted(used - declared)


# ---------------------------------------------------------------- (d) references and vocabulary sanity
def test_no_dangling_references(g):
    targets = {VN.appliesTo: VN.OrganizationType, VN.organOfType: VN.OrganizationType, VN.parentType: VN.OrganizationType,
               VN.electedFromType: VN.OrganizationType, VN.unitOfType: VN.OrganizationType,
               VN.partyOrganizationOfType: VN.OrganizationType, VN.unitType: VN.UnitType, VN.level: VN.Level,
               VN.pillar: VN.Pillar, VN.fromPosition: VN.PositionType, VN.toPosition: VN.PositionType, VN.orgPath: VN.OrgPath,
               VN.rankGroup: VN.RankGroup, VN.baseRank: VN.Rank, VN.impliesEndReason: VN.EndReason}
    dangling = [(str(s), local(p), str(o)) for p, cls in targets.items() for s, o in g.subject_objects(p)
                if (o, RDF.type, cls) not in g]
    for s, o in g.subject_objects(SKOS.broader):
        if own(s) and (o, RDF.type, g.value(s, RDF.type)) not in g:
            dangling.append((str(s), "broader", str(o)))
    for p in (VN.orgClass, VN.changeEventClass, VN.pillarClass):
        dangling += [(str(s), local(p), str(o)) for s, o in g.subject_objects(p) if (o, RDF.type, OWL.Class) not in g]
    assert not dangling, dangling[:20]


def test_org_type_structure(g):
    superclasses = {}

    def supers(c):
        if c not in superclasses:
            superclasses[c] = set(g.transitive_objects(c, RDFS.subClassOf))
        return superclasses[c]

    for ot in g.subjects(RDF.type, VN.OrganizationType):
        cls, pillar = g.value(ot, VN.orgClass), g.value(ot, VN.pillar)
        assert cls is not None and pillar is not None, ot
        assert g.value(pillar, VN.pillarClass) in supers(cls), f"{ot}: {cls} is not in {pillar}"
        for target in g.objects(ot, VN.organOfType):
            assert VN.PartyOrgan in supers(cls) and VN.PartyOrganization in supers(g.value(target, VN.orgClass)), ot
        for target in g.objects(ot, VN.electedFromType):
            assert g.value(target, VN.electedFromType) is None, f"{ot}: electedFrom chains must stay one step"
        for d in list(g.objects(ot, VN.activeFrom)) + list(g.objects(ot, VN.activeUntil)):
            assert d.datatype == XSD.date
    assert (OT["tinh-uy"], VN.organOfType, OT["dang-bo-tinh"]) in g
    assert (OT["ban-thuong-vu-tinh-uy"], VN.electedFromType, OT["tinh-uy"]) in g
    assert (OT["ubnd-huyen"], VN.parentType, OT["ubnd-tinh"]) in g
    assert (OT["thanh-uy-tw"], VN.unitType, UT["thanh-pho-tw"]) in g
    assert (OT["huyen-uy"], VN.activeUntil, rdflib.Literal("2025-06-30", datatype=XSD.date)) in g
    assert (OT["ban-chi-huy-phong-thu-khu-vuc"], VN.activeFrom, rdflib.Literal("2025-07-01", datatype=XSD.date)) in g
    for slug in ["so", "bo", "uy-ban-cua-quoc-hoi", "ban-tinh-uy"]:
        assert g.value(OT[slug], VN.needsUnitName) == rdflib.Literal(True), slug


def test_position_altlabels_unambiguous(g):
    owner = defaultdict(set)
    for pt in g.subjects(RDF.type, VN.PositionType):
        for lab in list(g.objects(pt, SKOS.prefLabel)) + list(g.objects(pt, SKOS.altLabel)):
            if lab.language == "vi":
                owner[str(lab).casefold()].add(pt)
    clashes = {k: v for k, v in owner.items() if len(v) > 1}
    assert not clashes, clashes
    assert owner["tỉnh ủy viên"] == {PT["uy-vien-ban-chap-hanh"]}
    assert owner["tuv"] == {PT["uy-vien-ban-chap-hanh"]}


def test_position_flags(g):
    true = rdflib.Literal(True)
    for slug in ["bi-thu", "pho-bi-thu-thuong-truc", "chu-tich-ubnd", "chu-tich-hdnd", "chinh-uy", "chi-huy-truong", "tu-lenh", "giam-doc-so"]:
        assert g.value(PT[slug], VN.singleHolder) == true, slug
    assert g.value(PT["pho-bi-thu"], VN.singleHolder) is None
    for slug in ["uy-vien-ban-chap-hanh", "uy-vien-ban-thuong-vu", "uy-vien-ubnd", "dai-bieu-hdnd", "dai-bieu-quoc-hoi"]:
        assert g.value(PT[slug], VN.isMembership) == true, slug
    for pt in g.subjects(RDF.type, VN.PositionType):
        if local(pt).startswith(("uy-vien", "dai-bieu")):
            assert g.value(pt, VN.isMembership) == true, pt
    assert (PT["pho-bi-thu-thuong-truc"], SKOS.broader, PT["pho-bi-thu"]) in g
    assert (PT["pho-chu-tich-thuong-truc-ubnd"], SKOS.broader, PT["pho-chu-tich-ubnd"]) in g
    assert (PT["bi-thu"], VN.appliesTo, OT["dang-uy-quan-su-thanh-pho"]) in g
    for pt in g.subjects(RDF.type, VN.PositionType):
        assert list(g.objects(pt, VN.pillar)), pt
        assert list(g.objects(pt, VN.appliesTo)), pt


def test_ranks_ordered(g):
    order = {local(r): int(g.value(r, VN.rankOrder)) for r in g.subjects(RDF.type, VN.Rank) if g.value(r, VN.baseRank) is None}
    assert [order[s] for s in KEY_RANKS] == list(range(1, 18))
    assert "Chuẩn Đô đốc" in {str(x) for x in g.objects(RK["thieu-tuong"], SKOS.altLabel)}


def test_decision_type_flags(g):
    assert g.value(DT["bau"], VN.startsTenure) == rdflib.Literal(True)
    assert g.value(DT["mien-nhiem"], VN.closesTenure) == rdflib.Literal(True)
    assert g.value(DT["mien-nhiem"], VN.impliesEndReason) == VN.Relieved
    assert "tái đắc cử" in {str(x) for x in g.objects(DT["bau"], SKOS.altLabel)}
    assert "bổ nhiệm lại" in {str(x) for x in g.objects(DT["bo-nhiem"], SKOS.altLabel)}


def test_implications(g):
    found = {(g.value(i, VN.fromPosition), g.value(i, VN.toPosition), g.value(i, VN.orgPath))
             for i in g.subjects(RDF.type, VN.PositionImplication)}
    expected = [("bi-thu", "uy-vien-ban-chap-hanh", VN.SameOrganization),
                ("bi-thu", "uy-vien-ban-thuong-vu", VN.StandingCommitteeOfOrganization),
                ("pho-bi-thu", "uy-vien-ban-chap-hanh", VN.SameOrganization),
                ("pho-bi-thu", "uy-vien-ban-thuong-vu", VN.StandingCommitteeOfOrganization),
                ("pho-bi-thu-thuong-truc", "pho-bi-thu", VN.SameOrganization),
                ("uy-vien-ban-thuong-vu", "uy-vien-ban-chap-hanh", VN.ElectedFromOrganization),
                ("chu-tich-ubnd", "uy-vien-ubnd", VN.SameOrganization),
                ("pho-chu-tich-ubnd", "uy-vien-ubnd", VN.SameOrganization)]
    for f, t, path in expected:
        assert (PT[f], PT[t], path) in found, (f, t)
    assert not [i for i in found if i[0] == PT["uy-vien-du-khuyet"]], "M6: alternates imply nothing"


def test_owl_axioms_present(graphs):
    kg = graphs["kg.ttl"]
    chain = kg.value(VN.memberOfExecutiveCommittee, OWL.propertyChainAxiom)
    assert list(rdflib.collection.Collection(kg, chain)) == [VN.memberOfStandingCommittee, VN.electedFrom]
    assert (VN.electedFrom, RDF.type, OWL.TransitiveProperty) not in kg
    assert (VN.memberOfStandingCommittee, RDFS.subPropertyOf, VN.memberOfExecutiveCommittee) in kg
    assert (VN.memberOfExecutiveCommittee, RDFS.subPropertyOf, ORG.memberOf) in kg
    assert (VN.secretaryOf, RDFS.subPropertyOf, VN.memberOfStandingCommittee) in kg
    assert (VN.organOf, RDFS.subPropertyOf, ORG.unitOf) in kg
    assert (VN.Person, OWL.disjointWith, ORG.Organization) in kg
    assert (URIRef("https://w3id.org/kg-vn/ontology"), OWL.imports, URIRef("http://www.w3.org/ns/org#")) in kg


# ---------------------------------------------------------------- (e, f) OWL reasoning with HermiT


@pytest.fixture(scope="module")
def ntriples(tmp_path_factory) -> dict[str, Path]:
    """owlready2 reads RDF/XML or N-Triples: convert the Turtle files once."""
    d = tmp_path_factory.mktemp("onto")
    out = {}
    for name, src in [("org", "vendor/org.ttl"), ("kg", "kg.ttl")]:
        out[name] = d / f"{name}.nt"
        rdflib.Graph().parse(ONTO / src, format="turtle").serialize(out[name], format="nt", encoding="utf-8")
    return out


def load_world(ntriples):
    """A fresh owlready2 World with ORG (local copy) loaded first, so kg.ttl's owl:imports resolves offline."""
    import owlready2

    world = owlready2.World()
    org = world.get_ontology("http://www.w3.org/ns/org#")
    with open(ntriples["org"], "rb") as f:
        org.load(fileobj=f, format="ntriples")
    kg = world.get_ontology("https://w3id.org/kg-vn/ontology#")
    with open(ntriples["kg"], "rb") as f:
        kg.load(fileobj=f, format="ntriples")
    assert org in kg.imported_ontologies
    return world


def reason(world):
    import owlready2

    owlready2.sync_reasoner_hermit(world, infer_property_values=True, ignore_unsupported_datatypes=True, debug=0)


def test_hermit_consistent_and_infers(ntriples):
    world = load_world(ntriples)
    vn = world.get_namespace(str(VN))
    abox = world.get_ontology("http://example.org/kg-test-abox#")
    with abox:
        dbt = vn.PartyOrganization("dang-bo-tinh")
        tinh_uy = vn.PartyCommittee("tinh-uy")
        btv = vn.StandingCommittee("btv-tinh-uy")
        tinh_uy.organOf = [dbt]
        btv.organOf = [dbt]
        btv.electedFrom = [tinh_uy]
        person = vn.Person("person")
        person.memberOfStandingCommittee = [btv]
        secretary = vn.Person("secretary")
        secretary.secretaryOf = [btv]
        party = vn.PartyOrganization("dcsvn")
        dbh = vn.PartyOrganization("dang-bo-huyen")
        dbh.subOrganizationOf = [dbt]
        dbt.subOrganizationOf = [party]
        dbt.validFrom = [datetime.date(1997, 1, 1)]  # xsd:date: unsupported by HermiT, ignored
        dbt.validUntil = [datetime.date(2025, 6, 30)]
    reason(world)  # raises OwlReadyInconsistentOntologyError if inconsistent

    # rule M1 via the property chain, and sub-property to org:memberOf
    assert tinh_uy in person.memberOfExecutiveCommittee
    assert tinh_uy in person.memberOf and btv in person.memberOf
    assert tinh_uy in secretary.memberOfExecutiveCommittee and btv in secretary.INDIRECT_memberOfStandingCommittee
    # transitive closure over two hops
    assert party in dbh.transitiveSubOrganizationOf
    assert {dbt, party} <= set(dbh.INDIRECT_transitiveSubOrganizationOf)
    # class inferences for a Tỉnh ủy
    ancestors = set(tinh_uy.INDIRECT_is_a)
    assert vn.PartyBody in ancestors
    orgns = world.get_namespace(str(ORG))
    assert orgns.Organization in ancestors and orgns.OrganizationalUnit in ancestors
    # organOf is a sub-property of org:unitOf, itself (fixed typo) of org:subOrganizationOf
    assert dbt in tinh_uy.INDIRECT_subOrganizationOf


@pytest.mark.parametrize("classes", [("Person", "PartyCommittee"), ("PartyBody", "StateBody"), ("PartyCommittee", "StandingCommittee")])
def test_hermit_detects_disjointness(ntriples, classes):
    import owlready2

    world = load_world(ntriples)
    vn = world.get_namespace(str(VN))
    abox = world.get_ontology("http://example.org/kg-test-bad#")
    with abox:
        x = getattr(vn, classes[0])("x")
        x.is_a.append(getattr(vn, classes[1]))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(world)
