# Check a published BitstringStatusListCredential independently of setara:
# its shape (members in order, types, purpose, dates, ttl), its bitstring
# (GZIP + multibase base64url, bit 0 the left-most of byte 0) and its
# ecdsa-jcs-2019 proof, with Python's json, gzip, base64 and the
# cryptography package; the key from the proof's verification method must
# be the certificate's.  Usage: check.py LIST.json CERT.pem
import base64, gzip, hashlib, json, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(s):
    n = 0
    for ch in s:
        n = n * 58 + B58.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(s) - len(s.lstrip("1"))) + raw


def jcs(v):
    # Enough of RFC 8785 for these documents: ASCII strings, integers.
    return json.dumps(v, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()


def verify(doc, cert):
    doc = dict(doc)
    proof = dict(doc.pop("proof"))
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "ecdsa-jcs-2019"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["@context"] == doc["@context"]
    value = proof.pop("proofValue")
    assert value[0] == "z"
    sig = b58decode(value[1:])
    assert len(sig) == 64
    mk = b58decode(proof["verificationMethod"].split("#", 1)[1][1:])
    assert mk[:2] == b"\x80\x24"
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), mk[2:])
    fmt = serialization.PublicFormat.SubjectPublicKeyInfo
    enc = serialization.Encoding.DER
    assert key.public_bytes(enc, fmt) == \
        cert.public_key().public_bytes(enc, fmt), "not the certificate's key"
    data = hashlib.sha256(jcs(proof)).digest() + \
        hashlib.sha256(jcs(doc)).digest()
    der = utils.encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                     int.from_bytes(sig[32:], "big"))
    try:
        key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        return True
    except Exception:
        return False


doc = json.load(open(sys.argv[1]))
cert = x509.load_pem_x509_certificate(open(sys.argv[2], "rb").read())
print("members:", " ".join(doc))
print("type:", " ".join(doc["type"]), "| issuer:", doc["issuer"])
print("valid:", doc["validFrom"], "to", doc["validUntil"])
s = doc["credentialSubject"]
assert s["id"] == doc["id"] + "#list"
print("subject:", " ".join(k for k in s if k != "id"), "|", s["type"],
      s["statusPurpose"], "ttl", s["ttl"])
e = s["encodedList"]
assert e[0] == "u" and "=" not in e
e = e[1:]
bits = gzip.decompress(base64.urlsafe_b64decode(e + "=" * (-len(e) % 4)))
print("entries:", len(bits) * 8, "set:",
      [i for i in range(len(bits) * 8) if bits[i // 8] >> (7 - i % 8) & 1])
print("proof:", "verified" if verify(doc, cert) else "REFUSED")
# The same list with its purpose changed must not verify.
doc["credentialSubject"]["statusPurpose"] = "suspension" \
    if s["statusPurpose"] == "revocation" else "revocation"
print("tampered:", "VERIFIED" if verify(doc, cert) else "refused")
