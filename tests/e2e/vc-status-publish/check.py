# Check a published BitstringStatusListCredential independently of setara:
# its shape (members in order, types, purpose, dates, ttl), its bitstring
# (GZIP + multibase base64url, bit 0 the left-most of byte 0) and its
# ecdsa-jcs-2019 proof, with Python's json, gzip, base64 and the
# cryptography package; the key from the proof's verification method must
# be the certificate's (its trust list id).  Usage: check.py LIST.json CERT.pem
import base64, gzip, hashlib, json, os, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

# Base58 and JCS from the interop case's independent implementation.
sys.dont_write_bytecode = True  # nothing written into the checkout
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vc-interop"))
from di import b58decode, jcs  # noqa: E402


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
    # the method is the trust list's id of the certificate's key: the
    # issuer, "#key-" and the SHA-256 of its DER SubjectPublicKeyInfo
    key = cert.public_key()
    spki = key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)
    assert proof["verificationMethod"] == doc["issuer"] + "#key-" + \
        hashlib.sha256(spki).hexdigest(), "not the certificate's key"
    data = hashlib.sha256(jcs(proof).encode()).digest() + \
        hashlib.sha256(jcs(doc).encode()).digest()
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
