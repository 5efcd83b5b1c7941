"""The mapping rule of docs/vc.md ("Decisions and attestations"), written
again from the XML with ElementTree, to check that a credential carries
every field of the document it was issued from.

    python3 tree.py decision|attestation DOC.xml CREDENTIAL.json

Exit 0 and "same" when the credential's subject is the document's body
by the rule; exit 1 and the first difference otherwise.
"""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{urn:setara:doc:1}"
LISTS = {
    "decision": {"basis", "item", "cap", "from", "to", "step"},
    "attestation": {"check", "reason", "unit", "input", "step"},
}
HEAD = {"id", "issuer", "subject", "issued", "validFrom", "validUntil",
        "status"}


def local(tag):
    return tag[len(NS):] if tag.startswith(NS) else tag


def tree(e, lists):
    kids = list(e)
    if not e.attrib and not kids:
        return e.text or ""
    names = {local(k.tag) for k in kids}
    # an attribute named as a child element too is carried as NAME + "Id"
    o = {(a + "Id" if a in names else a): v for a, v in e.attrib.items()}
    text = (e.text or "") + "".join(k.tail or "" for k in kids)
    if text.strip():
        o["text"] = text
    for k in kids:
        name = local(k.tag)
        if name in lists:
            o.setdefault(name, []).append(tree(k, lists))
        else:
            o[name] = tree(k, lists)
    return o


def main():
    kind, xml, cred = sys.argv[1:4]
    root = ET.parse(xml).getroot()
    lists = LISTS[kind]
    want = {}
    for e in root:
        name = local(e.tag)
        if name == "subject":
            want["learner" if kind == "decision" else "holder"] = \
                tree(e, lists)
        elif name not in HEAD and not e.tag.startswith("{http://www.w3"):
            want[name] = tree(e, lists)
    got = dict(json.load(open(cred))["credentialSubject"])
    got.pop("type", None)
    if got == want:
        print("same")
        return 0
    for k in sorted(set(got) | set(want)):
        if got.get(k) != want.get(k):
            print("differs at", k)
            print(" xml: ", json.dumps(want.get(k))[:300])
            print(" json:", json.dumps(got.get(k))[:300])
            break
    return 1


sys.exit(main())
