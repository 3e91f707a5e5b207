#!/usr/bin/env python3
"""Writes demo-collection.json: the bundled STIX 2.1 sample collection of the project's own TAXII server.

Deterministic (fixed seed): running it again produces the same file. Every value is a documentation value
(example.com/.net/.org, RFC 5737 and RFC 3849 addresses, made-up hashes and names); nothing here is a real indicator.
Each object carries `x_taxii_date_added`, which the server's loader takes out and serves as TAXII `date_added`.

    python3 tests/TaxiiConnector.Testing/SampleData/generate_demo_collection.py \
        > src/TaxiiConnector.Server/SampleData/demo-collection.json
"""
import datetime as dt
import hashlib
import json
import random
import sys
import uuid

rng = random.Random(20260501)
SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")

TLP = {
    "white": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    "green": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    "amber": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    "red": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
CONFIDENCE = {"high": 85, "medium": 50, "low": 15}

clock = dt.datetime(2026, 5, 4, 8, 0, 0, tzinfo=dt.timezone.utc)
objects = []


def new_id(kind):
    return f"{kind}--{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def sco_id(kind, contributing):
    canonical = json.dumps(contributing, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{kind}--{uuid.uuid5(SCO_NAMESPACE, canonical)}"


def stix_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def taxii_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def tick(min_minutes=3, max_minutes=900):
    global clock
    clock += dt.timedelta(minutes=rng.randint(min_minutes, max_minutes), microseconds=rng.randint(1, 999_999))
    return clock


def add(obj, sdo=True):
    added = tick()
    if sdo and "created" not in obj:
        created = added - dt.timedelta(hours=rng.randint(0, 72), minutes=rng.randint(0, 59))
        obj["created"] = stix_time(created)
        obj["modified"] = stix_time(created + dt.timedelta(minutes=rng.randint(0, 600)))
    obj["x_taxii_date_added"] = taxii_time(added)
    objects.append(obj)
    return obj


def fake_hex(length, salt):
    digest = b""
    counter = 0
    while len(digest) * 2 < length:
        digest += hashlib.sha256(f"taxiiconnector-demo-{salt}-{counter}".encode()).digest()
        counter += 1
    return digest.hex()[:length]


def marking(level):
    return [TLP[level]]


# --- who speaks, and how the data is marked -------------------------------------------------------------------
identity = add({
    "type": "identity", "spec_version": "2.1", "id": "identity--5b2a8e04-3c1f-4d69-9a0e-7f2c1b8d4e61",
    "name": "Example Threat Intelligence Desk", "identity_class": "organization",
    "description": "Fictional producer of the TaxiiConnector demo collection.",
    "sectors": ["technology"], "contact_information": "cti@example.org",
})
AUTHOR = identity["id"]

for level, tlp_id in TLP.items():
    add({
        "type": "marking-definition", "spec_version": "2.1", "id": tlp_id, "created": "2017-01-20T00:00:00.000Z",
        "definition_type": "tlp", "name": f"TLP:{level.upper()}", "definition": {"tlp": level},
    }, sdo=False)

statement = add({
    "type": "marking-definition", "spec_version": "2.1", "id": new_id("marking-definition"),
    "created": "2026-05-01T00:00:00.000Z", "created_by_ref": AUTHOR, "definition_type": "statement",
    "name": "Demo data statement", "definition": {"statement": "Demo data: documentation values only, not for operational use."},
}, sdo=False)


def common(level="green"):
    return {"created_by_ref": AUTHOR, "object_marking_refs": marking(level)}


# --- what the adversaries do and who they are -----------------------------------------------------------------
ATTACK = [
    ("T1566", "Phishing", "initial-access"), ("T1190", "Exploit Public-Facing Application", "initial-access"),
    ("T1059", "Command and Scripting Interpreter", "execution"), ("T1053", "Scheduled Task/Job", "persistence"),
    ("T1547", "Boot or Logon Autostart Execution", "persistence"), ("T1055", "Process Injection", "defense-evasion"),
    ("T1027", "Obfuscated Files or Information", "defense-evasion"), ("T1003", "OS Credential Dumping", "credential-access"),
    ("T1021", "Remote Services", "lateral-movement"), ("T1071", "Application Layer Protocol", "command-and-control"),
    ("T1041", "Exfiltration Over C2 Channel", "exfiltration"), ("T1486", "Data Encrypted for Impact", "impact"),
]
attack_patterns = []
for external_id, name, phase in ATTACK:
    attack_patterns.append(add({
        "type": "attack-pattern", "spec_version": "2.1", "id": new_id("attack-pattern"), **common("white"),
        "name": name, "description": f"Demo description of the {name.lower()} technique.",
        "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": phase}],
        "external_references": [{"source_name": "mitre-attack", "external_id": external_id}],
    }))

MALWARE = [
    ("ExampleLoader", ["downloader"]), ("PaperCrane RAT", ["remote-access-trojan"]), ("QuietLedger", ["spyware"]),
    ("DemoLocker", ["ransomware"]), ("SampleStealer", ["spyware"]), ("NullPost", ["backdoor"]),
    ("GlassWorm", ["worm"]), ("TinyDropper", ["dropper"]), ("FauxMiner", ["resource-exploitation"]),
    ("LabKeylog", ["keylogger"]), ("MockBot", ["bot"]), ("StubShell", ["webshell"]),
    ("PlaceholderRootkit", ["rootkit"]), ("TestCrypt", ["ransomware"]), ("ExhibitRAT", ["remote-access-trojan"]),
]
malware = []
for name, types in MALWARE:
    malware.append(add({
        "type": "malware", "spec_version": "2.1", "id": new_id("malware"), **common("green"),
        "name": name, "is_family": True, "malware_types": types,
        "description": f"{name} is a fictional {types[0].replace('-', ' ')} family used in the demo data set.",
        "labels": [rng.choice(["high", "medium", "low"])],
    }))

ACTORS = ["Paper Heron", "Quiet Lynx", "Copper Finch", "Slate Badger", "Amber Moth", "Velvet Otter", "Granite Wren", "Lunar Stoat"]
threat_actors = []
for name in ACTORS:
    threat_actors.append(add({
        "type": "threat-actor", "spec_version": "2.1", "id": new_id("threat-actor"), **common("amber"),
        "name": name, "threat_actor_types": [rng.choice(["crime-syndicate", "nation-state", "hacktivist", "criminal"])],
        "sophistication": rng.choice(["intermediate", "advanced", "expert"]),
        "resource_level": rng.choice(["organization", "team", "government"]),
        "primary_motivation": rng.choice(["financial-gain", "ideology", "organizational-gain"]),
        "aliases": [name.replace(" ", "") + "Group"],
        "description": f"{name} is a fictional actor invented for the demo data set.",
    }))

intrusion_sets = []
for index, name in enumerate(["Operation Cardboard", "Operation Lantern", "Campaign Foxglove", "Operation Teacup", "Cluster Juniper", "Operation Sandbar"]):
    intrusion_sets.append(add({
        "type": "intrusion-set", "spec_version": "2.1", "id": new_id("intrusion-set"), **common("amber"),
        "name": name, "description": f"Fictional activity cluster {index + 1} of the demo data set.",
        "first_seen": "2025-0%d-1%dT00:00:00.000Z" % (index + 1, index),
        "goals": ["steal demo data"], "resource_level": "organization", "primary_motivation": "financial-gain",
    }))

relationships = []


def relate(source, kind, target, level="green"):
    rel = add({
        "type": "relationship", "spec_version": "2.1", "id": new_id("relationship"), **common(level),
        "relationship_type": kind, "source_ref": source["id"], "target_ref": target["id"],
        "confidence": rng.choice([15, 50, 85]),
    })
    relationships.append(rel)
    return rel


for actor in threat_actors:
    for family in rng.sample(malware, 2):
        relate(actor, "uses", family, "amber")
for index, cluster in enumerate(intrusion_sets):
    relate(cluster, "attributed-to", threat_actors[index], "amber")
    relate(cluster, "uses", rng.choice(attack_patterns), "amber")
for family in malware:
    relate(family, "uses", rng.choice(attack_patterns))

# --- indicators and observables, in six waves, each closed by a report ----------------------------------------
octet_pool = {"192.0.2": list(range(1, 255)), "198.51.100": list(range(1, 255)), "203.0.113": list(range(1, 255))}
for pool in octet_pool.values():
    rng.shuffle(pool)
WORDS = ["update", "cdn", "login", "mail", "files", "portal", "sync", "static", "api", "billing", "support", "docs", "vpn", "auth"]
TLDS = ["example.com", "example.net", "example.org"]
used_names = set()


def ipv4():
    prefix = rng.choice(list(octet_pool))
    return f"{prefix}.{octet_pool[prefix].pop()}"


def ipv6():
    return f"2001:db8:{rng.randint(1, 0xffff):x}::{rng.randint(1, 0xffff):x}"


def domain():
    while True:
        name = f"{rng.choice(WORDS)}{rng.randint(1, 99)}.{rng.choice(TLDS)}"
        if name not in used_names:
            used_names.add(name)
            return name


def url():
    return f"https://{domain()}/{rng.choice(WORDS)}/{rng.choice(['index.php', 'payload.bin', 'invoice.html', 'a.js', 'gate'])}"


def email():
    return f"{rng.choice(['billing', 'hr', 'it-support', 'ceo', 'noreply', 'payroll'])}{rng.randint(1, 99)}@{rng.choice(TLDS)}"


def file_hashes(kind, salt):
    return {"MD5": fake_hex(32, salt), "SHA-1": fake_hex(40, salt), "SHA-256": fake_hex(64, salt)}[kind]


def observable(kind, value, **extra):
    if kind == "file":
        contributing = {"hashes": value}
        body = {"hashes": value, **extra}
    else:
        contributing = {"value": value}
        body = {"value": value, **extra}
    return add({"type": kind, "spec_version": "2.1", "id": sco_id(kind, contributing), **body,
                "object_marking_refs": marking("green")}, sdo=False)


def escape(value):
    return value.replace("\\", "\\\\").replace("'", "\\'")


def indicator(name, pattern, kind_tag, pattern_type="stix", level=None, tlp="green"):
    level = level or rng.choice(["high", "medium", "low"])
    created_hint = clock
    obj = {
        "type": "indicator", "spec_version": "2.1", "id": new_id("indicator"), **common(tlp),
        "name": name, "description": f"Demo indicator ({kind_tag}).",
        "indicator_types": [rng.choice(["malicious-activity", "anomalous-activity", "attribution", "compromised"])],
        "pattern": pattern, "pattern_type": pattern_type,
        "valid_from": stix_time(created_hint - dt.timedelta(days=rng.randint(0, 10))),
        "labels": [level], "confidence": CONFIDENCE[level],
    }
    if rng.random() < 0.3:
        obj["valid_until"] = stix_time(created_hint + dt.timedelta(days=rng.randint(30, 365)))
    if rng.random() < 0.4:
        obj["kill_chain_phases"] = [{"kill_chain_name": "lockheed-martin-cyber-kill-chain",
                                     "phase_name": rng.choice(["delivery", "exploitation", "command-and-control"])}]
    if rng.random() < 0.3:
        obj["external_references"] = [{"source_name": "Example CTI blog", "url": f"https://blog.example.org/posts/{rng.randint(100, 999)}"}]
    return add(obj)


def single(kind_tag, kind, value, path):
    obs = observable(kind, value)
    shown = value if isinstance(value, str) else next(iter(value.values()))
    ind = indicator(f"{kind_tag} {shown}", f"[{kind}:{path} = '{escape(shown)}']", kind_tag)
    relate(ind, "based-on", obs)
    return ind, obs


for wave in range(6):
    wave_refs = []

    def keep(*items):
        wave_refs.extend(items)

    for _ in range(4):
        keep(*single("ipv4", "ipv4-addr", ipv4(), "value"))
    if wave < 3:
        block = f"{rng.choice(list(octet_pool))}.0/24"
        keep(indicator(f"ipv4 range {block}", f"[ipv4-addr:value = '{block}']", "ipv4-cidr"))
    for _ in range(2):
        keep(*single("ipv6", "ipv6-addr", ipv6(), "value"))
    for _ in range(4):
        keep(*single("domain", "domain-name", domain(), "value"))
    for _ in range(3):
        keep(*single("url", "url", url(), "value"))
    for _ in range(2):
        keep(*single("email", "email-addr", email(), "value"))
    for hash_kind, pattern_path in (("MD5", "hashes.MD5"), ("SHA-1", "hashes.'SHA-1'"), ("SHA-256", "hashes.'SHA-256'")):
        for _ in range(2 if hash_kind != "SHA-256" else 3):
            digest = file_hashes(hash_kind, f"{wave}-{len(objects)}")
            obs = observable("file", {hash_kind: digest}, name=f"{rng.choice(WORDS)}_{rng.randint(1, 999)}.exe")
            ind = indicator(f"file {hash_kind} {digest[:12]}", f"[file:{pattern_path} = '{digest}']", f"file-{hash_kind.lower()}")
            relate(ind, "based-on", obs)
            keep(ind, obs)
    # Combinations: one observation with AND, OR inside one observation, and across observations.
    md5 = fake_hex(32, f"and-{wave}")
    keep(indicator("file hash and name", f"[file:hashes.MD5 = '{md5}' AND file:name = 'invoice_{wave}.exe']", "and"))
    keep(indicator("two domains", f"[domain-name:value = '{domain()}' OR domain-name:value = '{domain()}']", "or"))
    if wave % 2 == 0:
        keep(indicator("address and domain seen together", f"[ipv4-addr:value = '{ipv4()}'] AND [domain-name:value = '{domain()}']", "and-observations"))
    else:
        keep(indicator("either address family", f"[ipv4-addr:value = '{ipv4()}'] OR [ipv6-addr:value = '{ipv6()}']", "or-observations"))
    keep(indicator("url or email", f"[url:value = '{url()}'] OR [email-addr:value = '{email()}']", "or-observations"))

    # Quoted values that contain the words a naive pattern splitter trips on.
    if wave == 0:
        keep(indicator("file name with AND", "[file:name = 'statement AND invoice.pdf.exe']", "quoted-and"))
        keep(indicator("subject with AND", "[email-message:subject = 'Payment AND shipping details']", "quoted-and"))
    if wave == 1:
        keep(indicator("url with OR in the query", "[url:value = 'https://search.example.com/q?term=red OR blue']", "quoted-or"))
        keep(indicator("file name with a quote", "[file:name = 'O\\'Brien AND Sons invoice.doc']", "quoted-and"))
    if wave == 2:
        keep(indicator("yara rule", "rule demo_marker { strings: $a = \"taxiiconnector-demo\" condition: $a }", "yara", pattern_type="yara"))
    if wave == 3:
        keep(indicator("sigma rule", "title: Demo process\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image|endswith: '\\\\demo.exe'\n  condition: selection", "sigma", pattern_type="sigma"))

    # Tie this wave's indicators to malware and actors.
    wave_indicators = [item for item in wave_refs if item["type"] == "indicator"]
    family = malware[wave % len(malware)]
    for ind in rng.sample(wave_indicators, 6):
        keep(relate(ind, "indicates", family))
    keep(relate(family, "uses", rng.choice(attack_patterns)))
    keep(relate(threat_actors[wave % len(threat_actors)], "uses", family, "amber"))

    report_level = rng.choice(["green", "amber"])
    refs = [item["id"] for item in wave_refs] + [family["id"], threat_actors[wave % len(threat_actors)]["id"]]
    add({
        "type": "report", "spec_version": "2.1", "id": new_id("report"), **common(report_level),
        "name": f"Demo report {wave + 1}: {family['name']} activity",
        "description": f"Fictional analysis of {family['name']} infrastructure, wave {wave + 1} of the demo data set.",
        "report_types": ["threat-report"], "published": stix_time(clock),
        "object_refs": refs, "labels": [rng.choice(["high", "medium", "low"])],
        "external_references": [{"source_name": "Example CTI blog", "url": f"https://blog.example.org/reports/{wave + 1}"}],
    })
    # A second, smaller report on the actor.
    add({
        "type": "report", "spec_version": "2.1", "id": new_id("report"), **common("amber"),
        "name": f"Demo actor brief {wave + 1}: {threat_actors[wave % len(threat_actors)]['name']}",
        "report_types": ["threat-actor"], "published": stix_time(clock),
        "object_refs": [threat_actors[wave % len(threat_actors)]["id"], family["id"], intrusion_sets[wave % len(intrusion_sets)]["id"]],
    })

# A statement-marked note on the whole set, so every marking kind is referenced.
add({
    "type": "note", "spec_version": "2.1", "id": new_id("note"), "created_by_ref": AUTHOR,
    "object_marking_refs": [TLP["white"], statement["id"]],
    "abstract": "About this data", "content": "Every value in this collection is a documentation value.",
    "object_refs": [identity["id"]],
})

assert len({o["id"] for o in objects}) == len(objects), "duplicate ids"
bundle = {"type": "bundle", "id": f"bundle--{uuid.UUID(int=rng.getrandbits(128), version=4)}", "objects": objects}
json.dump(bundle, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
