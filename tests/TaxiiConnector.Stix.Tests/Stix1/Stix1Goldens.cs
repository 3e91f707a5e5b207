namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// The expected STIX 2.1 output of each golden case, reviewed by hand: patterns, escaping, ids (checked against Python's
/// uuid5 over the canonical JSON), TC_V2 fields, markings, confidence. Object order is the converter's write order.
/// </summary>
internal static class Stix1Goldens
{
    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>
    {
        ["tc-host-colon"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "created": "2026-11-19T15:49:05.000Z",
                "modified": "2026-11-19T15:49:05.000Z",
                "name": "Example Owner",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--a8e1bb7d-91d0-595c-b1ae-961da122403c",
                "created": "2026-11-19T15:49:05.000Z",
                "modified": "2026-11-19T15:49:05.000Z",
                "name": "bad-domain.example",
                "indicator_types": [
                  "domain-watchlist"
                ],
                "pattern": "[domain-name:value = 'bad-domain.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T15:49:05.000Z",
                "confidence": 0,
                "labels": [
                  "tc-false-positives:1"
                ],
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "external_references": [
                  {
                    "source_name": "ThreatConnect - Example Owner",
                    "url": "https://app.threatconnect.example/auth/indicators/details/host.xhtml?host=bad-domain.example"
                  }
                ],
                "x_opencti_score": 45,
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--4cb84530-de68-5409-a634-5218adb0dd82",
                "value": "bad-domain.example",
                "x_opencti_score": 45,
                "x_opencti_created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--832cc6a5-ce23-5610-9c47-ebb192ec1398",
                "created": "2026-11-19T15:49:05.000Z",
                "modified": "2026-11-19T15:49:05.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--a8e1bb7d-91d0-595c-b1ae-961da122403c",
                "target_ref": "domain-name--4cb84530-de68-5409-a634-5218adb0dd82",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                  "indicator--a8e1bb7d-91d0-595c-b1ae-961da122403c",
                  "domain-name--4cb84530-de68-5409-a634-5218adb0dd82",
                  "relationship--832cc6a5-ce23-5610-9c47-ebb192ec1398"
                ]
              }
            ]
            """,
        ["tc-host-full"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69",
                "created": "2026-11-19T16:00:00.000Z",
                "modified": "2026-11-19T16:00:00.000Z",
                "name": "ACME Corp",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--b731fedf-9481-5d9d-89ba-f1ca7627ca20",
                "created": "2026-11-19T16:00:00.000Z",
                "modified": "2026-11-19T16:00:00.000Z",
                "name": "phish.example.net",
                "description": "Landing page | credential harvest",
                "indicator_types": [
                  "domain-watchlist"
                ],
                "pattern": "[domain-name:value = 'phish.example.net']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:00:00.000Z",
                "confidence": 70,
                "labels": [
                  "tc-rating:4"
                ],
                "created_by_ref": "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69",
                "external_references": [
                  {
                    "source_name": "Partner feed",
                    "description": "ThreatConnect source attribute"
                  }
                ],
                "x_opencti_score": 71,
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--6c98209b-3c3d-54c5-93b6-9915ba224364",
                "value": "phish.example.net",
                "x_opencti_score": 71,
                "x_opencti_created_by_ref": "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--ba69acef-851d-5d97-9849-0e80723aded2",
                "created": "2026-11-19T16:00:00.000Z",
                "modified": "2026-11-19T16:00:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--b731fedf-9481-5d9d-89ba-f1ca7627ca20",
                "target_ref": "domain-name--6c98209b-3c3d-54c5-93b6-9915ba224364",
                "created_by_ref": "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69",
                  "indicator--b731fedf-9481-5d9d-89ba-f1ca7627ca20",
                  "domain-name--6c98209b-3c3d-54c5-93b6-9915ba224364",
                  "relationship--ba69acef-851d-5d97-9849-0e80723aded2"
                ]
              }
            ]
            """,
        ["tc-address-ipv4"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "created": "2026-11-19T16:01:00.000Z",
                "modified": "2026-11-19T16:01:00.000Z",
                "name": "Example Owner",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--b398ed50-699e-58cc-be9f-d8d56bc64b76",
                "created": "2026-11-19T16:01:00.000Z",
                "modified": "2026-11-19T16:01:00.000Z",
                "name": "198.51.100.7",
                "indicator_types": [
                  "ip-watchlist"
                ],
                "pattern": "[ipv4-addr:value = '198.51.100.7']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:01:00.000Z",
                "confidence": 25,
                "labels": [
                  "tc-rating:3",
                  "tc-false-positives:2"
                ],
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "x_opencti_score": 60,
                "x_opencti_main_observable_type": "IPv4-Addr"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db",
                "value": "198.51.100.7",
                "x_opencti_score": 60,
                "x_opencti_created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--234691f3-067d-5245-b501-be7eded8585e",
                "created": "2026-11-19T16:01:00.000Z",
                "modified": "2026-11-19T16:01:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--b398ed50-699e-58cc-be9f-d8d56bc64b76",
                "target_ref": "ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                  "indicator--b398ed50-699e-58cc-be9f-d8d56bc64b76",
                  "ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db",
                  "relationship--234691f3-067d-5245-b501-be7eded8585e"
                ]
              }
            ]
            """,
        ["tc-address-ipv6"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "created": "2026-11-19T16:02:00.000Z",
                "modified": "2026-11-19T16:02:00.000Z",
                "name": "Example Owner",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--5f6e999a-e4c3-5caa-a0c2-dff448091833",
                "created": "2026-11-19T16:02:00.000Z",
                "modified": "2026-11-19T16:02:00.000Z",
                "name": "2001:db8::1",
                "indicator_types": [
                  "ip-watchlist"
                ],
                "pattern": "[ipv6-addr:value = '2001:db8::1']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:02:00.000Z",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "x_opencti_score": 12,
                "x_opencti_main_observable_type": "IPv6-Addr"
              },
              {
                "type": "ipv6-addr",
                "spec_version": "2.1",
                "id": "ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26",
                "value": "2001:db8::1",
                "x_opencti_score": 12,
                "x_opencti_created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--0adabfb3-aad5-5077-9f2c-b2741bb4a781",
                "created": "2026-11-19T16:02:00.000Z",
                "modified": "2026-11-19T16:02:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--5f6e999a-e4c3-5caa-a0c2-dff448091833",
                "target_ref": "ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                  "indicator--5f6e999a-e4c3-5caa-a0c2-dff448091833",
                  "ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26",
                  "relationship--0adabfb3-aad5-5077-9f2c-b2741bb4a781"
                ]
              }
            ]
            """,
        ["tc-url-escaping"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "created": "2026-11-19T16:03:00.000Z",
                "modified": "2026-11-19T16:03:00.000Z",
                "name": "Example Owner",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--7128ba94-85ac-5a02-a5e2-216c495ec7b6",
                "created": "2026-11-19T16:03:00.000Z",
                "modified": "2026-11-19T16:03:00.000Z",
                "name": "http://bad.example/it's\\payload.exe?a=1|b=2",
                "indicator_types": [
                  "url-watchlist"
                ],
                "pattern": "[url:value = 'http://bad.example/it\\'s\\\\payload.exe?a=1|b=2']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:03:00.000Z",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "x_opencti_score": 100,
                "x_opencti_main_observable_type": "Url"
              },
              {
                "type": "url",
                "spec_version": "2.1",
                "id": "url--db76d95a-f99b-5007-8d2b-5463f2f224e4",
                "value": "http://bad.example/it's\\payload.exe?a=1|b=2",
                "x_opencti_score": 100,
                "x_opencti_created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--424971fb-7e4f-5260-94b3-131eabe6167e",
                "created": "2026-11-19T16:03:00.000Z",
                "modified": "2026-11-19T16:03:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--7128ba94-85ac-5a02-a5e2-216c495ec7b6",
                "target_ref": "url--db76d95a-f99b-5007-8d2b-5463f2f224e4",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                  "indicator--7128ba94-85ac-5a02-a5e2-216c495ec7b6",
                  "url--db76d95a-f99b-5007-8d2b-5463f2f224e4",
                  "relationship--424971fb-7e4f-5260-94b3-131eabe6167e"
                ]
              }
            ]
            """,
        ["tc-file-three-hashes"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "created": "2026-11-19T16:04:00.000Z",
                "modified": "2026-11-19T16:04:00.000Z",
                "name": "Example Owner",
                "identity_class": "organization"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--8e780bd2-e8ba-5920-9f74-a1d2ec4d0d2f",
                "created": "2026-11-19T16:04:00.000Z",
                "modified": "2026-11-19T16:04:00.000Z",
                "name": "D41D8CD98F00B204E9800998ECF8427E : DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 : E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "indicator_types": [
                  "file-hash-watchlist"
                ],
                "pattern": "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' OR file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:04:00.000Z",
                "confidence": 85,
                "labels": [
                  "tc-rating:5"
                ],
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                "x_opencti_score": 88,
                "x_opencti_main_observable_type": "StixFile"
              },
              {
                "type": "file",
                "spec_version": "2.1",
                "id": "file--02fff920-f614-527c-81d1-6353633a6d21",
                "hashes": {
                  "MD5": "d41d8cd98f00b204e9800998ecf8427e",
                  "SHA-1": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                  "SHA-256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                },
                "x_opencti_score": 88,
                "x_opencti_created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--56fce348-f2a1-59f2-8b44-de3b3dfecac7",
                "created": "2026-11-19T16:04:00.000Z",
                "modified": "2026-11-19T16:04:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--8e780bd2-e8ba-5920-9f74-a1d2ec4d0d2f",
                "target_ref": "file--02fff920-f614-527c-81d1-6353633a6d21",
                "created_by_ref": "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--c6025440-aeda-5e68-beef-ed3f5d6237cf",
                  "indicator--8e780bd2-e8ba-5920-9f74-a1d2ec4d0d2f",
                  "file--02fff920-f614-527c-81d1-6353633a6d21",
                  "relationship--56fce348-f2a1-59f2-8b44-de3b3dfecac7"
                ]
              }
            ]
            """,
        ["email-address"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--ee07210b-b67d-5626-a89d-699e31f3bbd3",
                "created": "2026-11-19T16:05:00.000Z",
                "modified": "2026-11-19T16:05:00.000Z",
                "name": "Phishing sender",
                "description": "Sender of the invoice campaign",
                "indicator_types": [
                  "malicious-email"
                ],
                "pattern": "[email-addr:value = 'billing@evil.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:05:00.000Z",
                "confidence": 50,
                "x_opencti_main_observable_type": "Email-Addr"
              },
              {
                "type": "email-addr",
                "spec_version": "2.1",
                "id": "email-addr--4a97a878-3c77-5def-9d74-363c8f1ae78b",
                "value": "billing@evil.example"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--4798ac16-8832-5a38-8381-7725fc8ba579",
                "created": "2026-11-19T16:05:00.000Z",
                "modified": "2026-11-19T16:05:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--ee07210b-b67d-5626-a89d-699e31f3bbd3",
                "target_ref": "email-addr--4a97a878-3c77-5def-9d74-363c8f1ae78b"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--ee07210b-b67d-5626-a89d-699e31f3bbd3",
                  "email-addr--4a97a878-3c77-5def-9d74-363c8f1ae78b",
                  "relationship--4798ac16-8832-5a38-8381-7725fc8ba579"
                ]
              }
            ]
            """,
        ["ip-watchlist-list"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--aab57b46-6221-58d6-aa86-620611e4963e",
                "created": "2026-11-19T16:06:00.000Z",
                "modified": "2026-11-19T16:06:00.000Z",
                "name": "IP Address for known C2 channel",
                "indicator_types": [
                  "ip-watchlist"
                ],
                "pattern": "[ipv4-addr:value = '10.0.0.0' OR ipv4-addr:value = '10.0.0.1' OR ipv4-addr:value = '10.0.0.2']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:06:00.000Z",
                "x_opencti_main_observable_type": "IPv4-Addr"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--9de1cadd-e20b-59f0-8a46-1c5dc050cbde",
                "value": "10.0.0.0"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--195c6f20-df7b-55e0-a7a7-76c94c5f3cc1",
                "created": "2026-11-19T16:06:00.000Z",
                "modified": "2026-11-19T16:06:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--aab57b46-6221-58d6-aa86-620611e4963e",
                "target_ref": "ipv4-addr--9de1cadd-e20b-59f0-8a46-1c5dc050cbde"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--7dd44d27-f473-5ba9-b12b-0d3a61bbed2e",
                "value": "10.0.0.1"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--308b75b5-cc1b-54b1-90c8-441d42f1f59e",
                "created": "2026-11-19T16:06:00.000Z",
                "modified": "2026-11-19T16:06:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--aab57b46-6221-58d6-aa86-620611e4963e",
                "target_ref": "ipv4-addr--7dd44d27-f473-5ba9-b12b-0d3a61bbed2e"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--2013cff3-6fa4-53ef-b956-e078b939419c",
                "value": "10.0.0.2"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--9cb804b7-7635-5380-a96c-5db05f01827d",
                "created": "2026-11-19T16:06:00.000Z",
                "modified": "2026-11-19T16:06:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--aab57b46-6221-58d6-aa86-620611e4963e",
                "target_ref": "ipv4-addr--2013cff3-6fa4-53ef-b956-e078b939419c"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--aab57b46-6221-58d6-aa86-620611e4963e",
                  "ipv4-addr--9de1cadd-e20b-59f0-8a46-1c5dc050cbde",
                  "relationship--195c6f20-df7b-55e0-a7a7-76c94c5f3cc1",
                  "ipv4-addr--7dd44d27-f473-5ba9-b12b-0d3a61bbed2e",
                  "relationship--308b75b5-cc1b-54b1-90c8-441d42f1f59e",
                  "ipv4-addr--2013cff3-6fa4-53ef-b956-e078b939419c",
                  "relationship--9cb804b7-7635-5380-a96c-5db05f01827d"
                ]
              }
            ]
            """,
        ["delimiter-producer-amber"] = """
            [
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e",
                "created": "2026-11-19T16:07:00.000Z",
                "modified": "2026-11-19T16:07:00.000Z",
                "name": "Example CERT",
                "identity_class": "organization",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ]
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--a6df12a7-6328-5946-a2f5-3f5ac85cb399",
                "created": "2026-11-19T16:07:00.000Z",
                "modified": "2026-11-19T16:07:00.000Z",
                "name": "Watchlist with editor delimiter",
                "pattern": "[ipv4-addr:value = '192.0.2.10' OR ipv4-addr:value = '192.0.2.11']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:07:00.000Z",
                "confidence": 85,
                "created_by_ref": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ],
                "external_references": [
                  {
                    "source_name": "Example CERT",
                    "url": "https://cert.example/advisories/42"
                  }
                ],
                "x_opencti_main_observable_type": "IPv4-Addr"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--a2fbe2c6-009e-52e0-b452-90b71e3109c2",
                "value": "192.0.2.10",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ],
                "x_opencti_created_by_ref": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--92e10234-5ec6-5dd6-8f6e-efc03195babf",
                "created": "2026-11-19T16:07:00.000Z",
                "modified": "2026-11-19T16:07:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--a6df12a7-6328-5946-a2f5-3f5ac85cb399",
                "target_ref": "ipv4-addr--a2fbe2c6-009e-52e0-b452-90b71e3109c2",
                "created_by_ref": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ]
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--8e0f8082-1cc8-5ed0-bf54-19befd43f435",
                "value": "192.0.2.11",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ],
                "x_opencti_created_by_ref": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--c78fb5fd-b360-518d-b339-6732a6cc009b",
                "created": "2026-11-19T16:07:00.000Z",
                "modified": "2026-11-19T16:07:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--a6df12a7-6328-5946-a2f5-3f5ac85cb399",
                "target_ref": "ipv4-addr--8e0f8082-1cc8-5ed0-bf54-19befd43f435",
                "created_by_ref": "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ]
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "identity--ac6f7b3a-7aa5-558d-a1bd-4a4f52840f9e",
                  "indicator--a6df12a7-6328-5946-a2f5-3f5ac85cb399",
                  "ipv4-addr--a2fbe2c6-009e-52e0-b452-90b71e3109c2",
                  "relationship--92e10234-5ec6-5dd6-8f6e-efc03195babf",
                  "ipv4-addr--8e0f8082-1cc8-5ed0-bf54-19befd43f435",
                  "relationship--c78fb5fd-b360-518d-b339-6732a6cc009b"
                ],
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
                ]
              }
            ]
            """,
        ["hostname-red-over-green"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--c1950caa-0d97-5d5f-88c9-0ab5cb7b8bc1",
                "created": "2026-11-19T16:08:00.000Z",
                "modified": "2026-11-19T16:08:00.000Z",
                "name": "Sinkholed host",
                "pattern": "[domain-name:value = 'mini99.example.org']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-01T00:00:00.000Z",
                "valid_until": "2026-12-01T00:00:00.000Z",
                "confidence": 15,
                "object_marking_refs": [
                  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
                ],
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--4860c4ce-d68a-550c-881d-69855cf2fd65",
                "value": "mini99.example.org",
                "object_marking_refs": [
                  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
                ]
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--0667de49-0435-5a4b-8383-d9e922f37ecc",
                "created": "2026-11-19T16:08:00.000Z",
                "modified": "2026-11-19T16:08:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--c1950caa-0d97-5d5f-88c9-0ab5cb7b8bc1",
                "target_ref": "domain-name--4860c4ce-d68a-550c-881d-69855cf2fd65",
                "object_marking_refs": [
                  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
                ]
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--c1950caa-0d97-5d5f-88c9-0ab5cb7b8bc1",
                  "domain-name--4860c4ce-d68a-550c-881d-69855cf2fd65",
                  "relationship--0667de49-0435-5a4b-8383-d9e922f37ecc"
                ],
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
                ]
              }
            ]
            """,
        ["url-contains"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--ca53c93e-3d49-57b1-ab90-6a9987b839b5",
                "created": "2026-11-19T16:09:00.000Z",
                "modified": "2026-11-19T16:09:00.000Z",
                "name": "Payload path",
                "pattern": "[url:value LIKE '%/wp-content/[x].php%']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:09:00.000Z",
                "x_opencti_main_observable_type": "Url"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--ca53c93e-3d49-57b1-ab90-6a9987b839b5"
                ]
              }
            ]
            """,
        ["composition-and-untyped-hash"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--e496af77-0200-598b-80a9-3229f98e5c64",
                "created": "2026-11-19T16:10:00.000Z",
                "modified": "2026-11-19T16:10:00.000Z",
                "name": "C2 domain or address",
                "indicator_types": [
                  "command-and-control"
                ],
                "pattern": "[domain-name:value = 'c2.example.com'] OR [ipv4-addr:value = '203.0.113.9']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:10:00.000Z",
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--18658069-b22f-5128-b69d-1b79b8f22823",
                "value": "c2.example.com"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--bdad4f91-90a0-583e-ab91-cb9f86aef864",
                "created": "2026-11-19T16:10:00.000Z",
                "modified": "2026-11-19T16:10:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--e496af77-0200-598b-80a9-3229f98e5c64",
                "target_ref": "domain-name--18658069-b22f-5128-b69d-1b79b8f22823"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--39090fdc-366e-571f-ab5b-d05e2918f88f",
                "value": "203.0.113.9"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--e04dd32b-70da-5b13-b7b9-0db6fb0bacea",
                "created": "2026-11-19T16:10:00.000Z",
                "modified": "2026-11-19T16:10:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--e496af77-0200-598b-80a9-3229f98e5c64",
                "target_ref": "ipv4-addr--39090fdc-366e-571f-ab5b-d05e2918f88f"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--212283be-e8db-5a9e-a0ca-e15ac841a23d",
                "created": "2026-11-19T16:11:00.000Z",
                "modified": "2026-11-19T16:11:00.000Z",
                "name": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "pattern": "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' AND file:name = 'dropper.exe']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:11:00.000Z",
                "x_opencti_main_observable_type": "StixFile"
              },
              {
                "type": "file",
                "spec_version": "2.1",
                "id": "file--f4d2ea5d-ee4b-54af-8b2a-8000e713f85a",
                "hashes": {
                  "SHA-1": "da39a3ee5e6b4b0d3255bfef95601890afd80709"
                },
                "name": "dropper.exe"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--719c9770-6a0c-58a6-aad0-7f6a1a47cb05",
                "created": "2026-11-19T16:11:00.000Z",
                "modified": "2026-11-19T16:11:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--212283be-e8db-5a9e-a0ca-e15ac841a23d",
                "target_ref": "file--f4d2ea5d-ee4b-54af-8b2a-8000e713f85a"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--e496af77-0200-598b-80a9-3229f98e5c64",
                  "domain-name--18658069-b22f-5128-b69d-1b79b8f22823",
                  "relationship--bdad4f91-90a0-583e-ab91-cb9f86aef864",
                  "ipv4-addr--39090fdc-366e-571f-ab5b-d05e2918f88f",
                  "relationship--e04dd32b-70da-5b13-b7b9-0db6fb0bacea",
                  "indicator--212283be-e8db-5a9e-a0ca-e15ac841a23d",
                  "file--f4d2ea5d-ee4b-54af-8b2a-8000e713f85a",
                  "relationship--719c9770-6a0c-58a6-aad0-7f6a1a47cb05"
                ]
              }
            ]
            """,
        ["email-message"] = """
            [
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--ec9e1dad-2a22-5207-884d-72e708763299",
                "created": "2026-11-19T16:20:00.000Z",
                "modified": "2026-11-19T16:20:00.000Z",
                "name": "Invoice phish",
                "indicator_types": [
                  "malicious-email"
                ],
                "pattern": "[email-message:subject = 'Invoice \\'overdue\\'' AND email-message:from_ref.value = 'billing@bad.example' AND email-message:to_refs[*].value = 'victim@example.org' AND email-message:cc_refs[*].value = 'finance@example.org' AND email-message:message_id = '<abc123@bad.example>' AND email-message:additional_header_fields.'X-Mailer' = 'PHPMailer 5.2' AND email-message:date = t'2026-11-18T09:30:00.000Z' AND email-message:body_multipart[*].body_raw_ref.name = 'invoice.doc.exe']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:20:00.000Z",
                "x_opencti_main_observable_type": "Email-Message"
              },
              {
                "type": "email-addr",
                "spec_version": "2.1",
                "id": "email-addr--925d7156-ee6b-5c4f-ad3a-85eafd596389",
                "value": "billing@bad.example"
              },
              {
                "type": "email-addr",
                "spec_version": "2.1",
                "id": "email-addr--364d6777-f282-5c08-81a8-4bec38d26a7b",
                "value": "victim@example.org"
              },
              {
                "type": "email-addr",
                "spec_version": "2.1",
                "id": "email-addr--7a7d60b0-b35a-5178-a99e-0ad9b9bd11b0",
                "value": "finance@example.org"
              },
              {
                "type": "file",
                "spec_version": "2.1",
                "id": "file--39552b40-5372-599f-8122-0917356fc3a2",
                "name": "invoice.doc.exe"
              },
              {
                "type": "email-message",
                "spec_version": "2.1",
                "id": "email-message--5d4fe193-0c4d-5ae1-b862-fe0b474c22e3",
                "is_multipart": true,
                "subject": "Invoice 'overdue'",
                "from_ref": "email-addr--925d7156-ee6b-5c4f-ad3a-85eafd596389",
                "to_refs": [
                  "email-addr--364d6777-f282-5c08-81a8-4bec38d26a7b"
                ],
                "cc_refs": [
                  "email-addr--7a7d60b0-b35a-5178-a99e-0ad9b9bd11b0"
                ],
                "message_id": "<abc123@bad.example>",
                "additional_header_fields": {
                  "X-Mailer": "PHPMailer 5.2"
                },
                "date": "2026-11-18T09:30:00.000Z",
                "body_multipart": [
                  {
                    "body": "Please pay the attached invoice."
                  },
                  {
                    "body_raw_ref": "file--39552b40-5372-599f-8122-0917356fc3a2"
                  }
                ]
              },
              {
                "type": "url",
                "spec_version": "2.1",
                "id": "url--18fd0359-2aee-5052-98e9-0a4b057f1a69",
                "value": "http://pay.bad.example/invoice"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--f4cf1485-8148-5d7f-8546-010b66139e54",
                "created": "2026-11-19T16:20:00.000Z",
                "modified": "2026-11-19T16:20:00.000Z",
                "relationship_type": "related-to",
                "source_ref": "email-message--5d4fe193-0c4d-5ae1-b862-fe0b474c22e3",
                "target_ref": "url--18fd0359-2aee-5052-98e9-0a4b057f1a69"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--e479aa37-86c6-59cb-9423-9afb95105e4f",
                "created": "2026-11-19T16:20:00.000Z",
                "modified": "2026-11-19T16:20:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--ec9e1dad-2a22-5207-884d-72e708763299",
                "target_ref": "email-message--5d4fe193-0c4d-5ae1-b862-fe0b474c22e3"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--ec9e1dad-2a22-5207-884d-72e708763299",
                  "email-addr--925d7156-ee6b-5c4f-ad3a-85eafd596389",
                  "email-addr--364d6777-f282-5c08-81a8-4bec38d26a7b",
                  "email-addr--7a7d60b0-b35a-5178-a99e-0ad9b9bd11b0",
                  "file--39552b40-5372-599f-8122-0917356fc3a2",
                  "email-message--5d4fe193-0c4d-5ae1-b862-fe0b474c22e3",
                  "url--18fd0359-2aee-5052-98e9-0a4b057f1a69",
                  "relationship--f4cf1485-8148-5d7f-8546-010b66139e54",
                  "relationship--e479aa37-86c6-59cb-9423-9afb95105e4f"
                ]
              }
            ]
            """,
        ["markings-ais-tou-scoped"] = """
            [
              {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                "created": "2026-11-19T16:30:00.000Z",
                "definition_type": "statement",
                "name": "AIS consent: EVERYONE; not proprietary; CISA proprietary: false",
                "definition": {
                  "statement": "AIS consent: EVERYONE; not proprietary; CISA proprietary: false"
                },
                "x_opencti_definition_type": "statement",
                "x_opencti_definition": "AIS consent: EVERYONE; not proprietary; CISA proprietary: false"
              },
              {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456",
                "created": "2026-11-19T16:30:00.000Z",
                "definition_type": "statement",
                "name": "Use under the AIS Terms of Use.",
                "definition": {
                  "statement": "Use under the AIS Terms of Use."
                },
                "x_opencti_definition_type": "statement",
                "x_opencti_definition": "Use under the AIS Terms of Use."
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--716d4716-0f70-5764-b5cf-bfadbe0ecfb1",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "name": "inherits.example",
                "pattern": "[domain-name:value = 'inherits.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:30:00.000Z",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ],
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--9c0c73f6-59e2-5155-8206-03e0a76583a1",
                "value": "inherits.example",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ]
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--c0059ca5-2872-535f-b3fe-8ed97aea9296",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--716d4716-0f70-5764-b5cf-bfadbe0ecfb1",
                "target_ref": "domain-name--9c0c73f6-59e2-5155-8206-03e0a76583a1",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ]
              },
              {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": "marking-definition--f8c3c5bd-a0e2-596b-990a-d59bbfcec7c5",
                "created": "2026-11-19T16:30:00.000Z",
                "definition_type": "statement",
                "name": "Partner distribution only.",
                "definition": {
                  "statement": "Partner distribution only."
                },
                "x_opencti_definition_type": "statement",
                "x_opencti_definition": "Partner distribution only."
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--bd728f3d-4d61-5b56-96b7-24f21a165ebf",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "name": "scoped.example",
                "pattern": "[domain-name:value = 'scoped.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:30:00.000Z",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456",
                  "marking-definition--f8c3c5bd-a0e2-596b-990a-d59bbfcec7c5"
                ],
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--546908d7-c8a2-55e6-ba7d-204d376ccd95",
                "value": "scoped.example",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456",
                  "marking-definition--f8c3c5bd-a0e2-596b-990a-d59bbfcec7c5"
                ]
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--38554433-a4d8-5e81-869f-455517e3e6d3",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--bd728f3d-4d61-5b56-96b7-24f21a165ebf",
                "target_ref": "domain-name--546908d7-c8a2-55e6-ba7d-204d376ccd95",
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456",
                  "marking-definition--f8c3c5bd-a0e2-596b-990a-d59bbfcec7c5"
                ]
              },
              {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": "marking-definition--02ea9b12-551a-5ce1-9479-f2ff253bb74a",
                "created": "2026-11-19T16:30:00.000Z",
                "definition_type": "statement",
                "name": "Do not post publicly.",
                "definition": {
                  "statement": "Do not post publicly."
                },
                "x_opencti_definition_type": "statement",
                "x_opencti_definition": "Do not post publicly."
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--fdd5477f-9f44-5b03-bb03-657a33a5dc3e",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "name": "own.example",
                "pattern": "[domain-name:value = 'own.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T16:30:00.000Z",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                  "marking-definition--02ea9b12-551a-5ce1-9479-f2ff253bb74a",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ],
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--37304fa4-bc31-54b6-a33c-38ebb8c43435",
                "value": "own.example",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                  "marking-definition--02ea9b12-551a-5ce1-9479-f2ff253bb74a",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ]
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--8d8e33e4-82c3-5d77-9909-f0c2a362ba10",
                "created": "2026-11-19T16:30:00.000Z",
                "modified": "2026-11-19T16:30:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--fdd5477f-9f44-5b03-bb03-657a33a5dc3e",
                "target_ref": "domain-name--37304fa4-bc31-54b6-a33c-38ebb8c43435",
                "object_marking_refs": [
                  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                  "marking-definition--02ea9b12-551a-5ce1-9479-f2ff253bb74a",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ]
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "indicator--716d4716-0f70-5764-b5cf-bfadbe0ecfb1",
                  "domain-name--9c0c73f6-59e2-5155-8206-03e0a76583a1",
                  "relationship--c0059ca5-2872-535f-b3fe-8ed97aea9296",
                  "indicator--bd728f3d-4d61-5b56-96b7-24f21a165ebf",
                  "domain-name--546908d7-c8a2-55e6-ba7d-204d376ccd95",
                  "relationship--38554433-a4d8-5e81-869f-455517e3e6d3",
                  "indicator--fdd5477f-9f44-5b03-bb03-657a33a5dc3e",
                  "domain-name--37304fa4-bc31-54b6-a33c-38ebb8c43435",
                  "relationship--8d8e33e4-82c3-5d77-9909-f0c2a362ba10"
                ],
                "object_marking_refs": [
                  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                  "marking-definition--9aee6d27-c4d3-501c-be7e-c21563897f41",
                  "marking-definition--5ce3dc5b-0a19-5cac-82b2-42631b748456"
                ]
              }
            ]
            """,
        ["package-ttps-incident-sighting-report"] = """
            [
              {
                "type": "malware",
                "spec_version": "2.1",
                "id": "malware--bf080877-57e6-57c5-88cc-b44436603caf",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "name": "Poison Ivy Variant d1c6",
                "malware_types": [
                  "remote-access-trojan"
                ],
                "is_family": false
              },
              {
                "type": "attack-pattern",
                "spec_version": "2.1",
                "id": "attack-pattern--80c03e95-1368-5c58-b069-80ce9b89ab3c",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "name": "Spear phishing",
                "description": "Spear phishing with an invoice lure.",
                "external_references": [
                  {
                    "source_name": "capec",
                    "url": "https://capec.mitre.org/data/definitions/163.html",
                    "external_id": "CAPEC-163"
                  }
                ]
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "name": "C2 beacon host",
                "pattern": "[domain-name:value = 'beacon.bad.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T17:00:00.000Z",
                "x_opencti_main_observable_type": "Domain-Name"
              },
              {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": "domain-name--09aa784d-db75-52c8-9464-1056de23a332",
                "value": "beacon.bad.example"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--de030690-b927-5fa0-8df8-4c458dbaf813",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                "target_ref": "domain-name--09aa784d-db75-52c8-9464-1056de23a332"
              },
              {
                "type": "indicator",
                "spec_version": "2.1",
                "id": "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "name": "Phishing sender",
                "pattern": "[email-addr:value = 'ceo@bad.example']",
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": "2026-11-19T17:00:00.000Z",
                "x_opencti_main_observable_type": "Email-Addr"
              },
              {
                "type": "email-addr",
                "spec_version": "2.1",
                "id": "email-addr--a01e0bb8-e3f9-57d9-92d7-0b8f812c1201",
                "value": "ceo@bad.example"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--2379f063-a199-53c9-8bd7-d0a14fede090",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "relationship_type": "based-on",
                "source_ref": "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768",
                "target_ref": "email-addr--a01e0bb8-e3f9-57d9-92d7-0b8f812c1201"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--0e37fa2a-d30d-52c5-8d58-cbd04d7eb0c6",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "relationship_type": "indicates",
                "source_ref": "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                "target_ref": "malware--bf080877-57e6-57c5-88cc-b44436603caf"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--04b17714-0c44-53f3-ae5e-8e078e55f1c2",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "relationship_type": "related-to",
                "source_ref": "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                "target_ref": "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768"
              },
              {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--6c4eacc9-c65e-584d-815c-95cb312e4cd5",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "name": "Example SOC",
                "identity_class": "organization"
              },
              {
                "type": "sighting",
                "spec_version": "2.1",
                "id": "sighting--658a3be2-b543-56ad-828c-a35ae42be602",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "description": "Seen in proxy logs.",
                "first_seen": "2026-11-19T12:00:00.000Z",
                "last_seen": "2026-11-19T12:00:00.000Z",
                "count": 1,
                "sighting_of_ref": "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                "where_sighted_refs": [
                  "identity--6c4eacc9-c65e-584d-815c-95cb312e4cd5"
                ]
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--523616c8-ae99-5d92-b128-2e286aa144b9",
                "created": "2026-11-19T17:00:00.000Z",
                "modified": "2026-11-19T17:00:00.000Z",
                "relationship_type": "indicates",
                "source_ref": "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768",
                "target_ref": "attack-pattern--80c03e95-1368-5c58-b069-80ce9b89ab3c"
              },
              {
                "type": "incident",
                "spec_version": "2.1",
                "id": "incident--647ac735-3dbc-5a99-bc5f-55b1648b60d8",
                "created": "2026-11-19T18:00:00.000Z",
                "modified": "2026-11-19T18:00:00.000Z",
                "name": "Invoice phishing wave",
                "description": "Several finance users received the lure."
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--4146979b-957c-507c-9aea-4a133dede956",
                "created": "2026-11-19T18:00:00.000Z",
                "modified": "2026-11-19T18:00:00.000Z",
                "relationship_type": "related-to",
                "source_ref": "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768",
                "target_ref": "incident--647ac735-3dbc-5a99-bc5f-55b1648b60d8"
              },
              {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--b4ec7b94-4794-5b1f-a147-47c26244ea4d",
                "created": "2026-11-19T18:00:00.000Z",
                "modified": "2026-11-19T18:00:00.000Z",
                "relationship_type": "uses",
                "source_ref": "incident--647ac735-3dbc-5a99-bc5f-55b1648b60d8",
                "target_ref": "attack-pattern--80c03e95-1368-5c58-b069-80ce9b89ab3c"
              },
              {
                "type": "ipv4-addr",
                "spec_version": "2.1",
                "id": "ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db",
                "value": "198.51.100.7"
              },
              {
                "type": "report",
                "spec_version": "2.1",
                "id": "report--49d3e18e-8f28-58c8-9c04-138e23066701",
                "created": "2026-11-20T10:00:00.000Z",
                "modified": "2026-11-20T10:00:00.000Z",
                "name": "Report: Example Owner",
                "report_types": [
                  "threat-report"
                ],
                "published": "2026-11-20T10:00:00.000Z",
                "object_refs": [
                  "malware--bf080877-57e6-57c5-88cc-b44436603caf",
                  "attack-pattern--80c03e95-1368-5c58-b069-80ce9b89ab3c",
                  "indicator--203f5aa9-f138-5279-b739-8bded48bc3bc",
                  "domain-name--09aa784d-db75-52c8-9464-1056de23a332",
                  "relationship--de030690-b927-5fa0-8df8-4c458dbaf813",
                  "indicator--1578975c-91b8-5ab0-9f8a-0df5945a4768",
                  "email-addr--a01e0bb8-e3f9-57d9-92d7-0b8f812c1201",
                  "relationship--2379f063-a199-53c9-8bd7-d0a14fede090",
                  "relationship--0e37fa2a-d30d-52c5-8d58-cbd04d7eb0c6",
                  "relationship--04b17714-0c44-53f3-ae5e-8e078e55f1c2",
                  "identity--6c4eacc9-c65e-584d-815c-95cb312e4cd5",
                  "sighting--658a3be2-b543-56ad-828c-a35ae42be602",
                  "relationship--523616c8-ae99-5d92-b128-2e286aa144b9",
                  "incident--647ac735-3dbc-5a99-bc5f-55b1648b60d8",
                  "relationship--4146979b-957c-507c-9aea-4a133dede956",
                  "relationship--b4ec7b94-4794-5b1f-a147-47c26244ea4d",
                  "ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db"
                ]
              }
            ]
            """,
    };
}
