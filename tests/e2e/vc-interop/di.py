"""An independent Data Integrity implementation for the vc-interop test:
JCS (RFC 8785) written here, the ecdsa-jcs-2019 and eddsa-jcs-2022
algorithms with Python's cryptography package, keys from the trust list.

  di.py verify TRUST.xml CRED.json
  di.py sign KEY.pem METHOD IN.json OUT.json   (IN without proof)
"""
import base64
import hashlib
import json
import math
import sys
import xml.etree.ElementTree as ET

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature, encode_dss_signature)

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58encode(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(s) - len(s.lstrip("1"))) + body


def jcs_number(x):
    if isinstance(x, bool) or not math.isfinite(x):
        raise ValueError("no JSON form")
    if x == 0:
        return "0"
    if float(x).is_integer() and abs(x) < 1e21:
        return str(int(x))
    r = repr(float(x))  # shortest round-trip digits
    if "e" not in r:
        return r
    mant, exp = r.split("e")
    e = int(exp)
    if -7 < e < 21:  # repr used an exponent where ECMAScript does not
        return format(float(x), "f").rstrip("0").rstrip(".")
    mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
    return mant + "e" + ("+" if e > 0 else "-") + str(abs(e))


def jcs_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f",
                        13: "\\r"}.get(o, "\\u%04x" % o))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return jcs_number(v)
    if isinstance(v, str):
        return jcs_string(v)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(jcs_string(k) + ":" + jcs(v[k]) for k in keys) + "}"


def hash_data(doc, config):
    return (hashlib.sha256(jcs(config).encode()).digest() +
            hashlib.sha256(jcs(doc).encode()).digest())


def trusted_key(trust, method):
    ns = {"t": "urn:setara:data:1"}
    for vm in ET.parse(trust).getroot().iterfind(".//t:verificationMethod",
                                                 ns):
        if vm.get("id") == method:
            return serialization.load_der_public_key(
                base64.b64decode(vm.get("publicKey")))
    raise SystemExit("di.py: %s is not in the trust list" % method)


def verify(trust, path):
    cred = json.load(open(path, encoding="utf-8"))
    proof = cred.pop("proof")
    config = dict(proof)
    sig = b58decode(config.pop("proofValue")[1:])
    data = hash_data(cred, config)
    key = trusted_key(trust, proof["verificationMethod"])
    if proof["cryptosuite"] == "ecdsa-jcs-2019":
        der = encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                   int.from_bytes(sig[32:], "big"))
        key.verify(der, data, ec.ECDSA(hashes.SHA256()))
    elif proof["cryptosuite"] == "eddsa-jcs-2022":
        key.verify(sig, data)
    else:
        raise SystemExit("di.py: unknown cryptosuite")
    print("%s: %s proof verifies (python)" % (path, proof["cryptosuite"]))


def sign(keyfile, method, src, dst):
    cred = json.load(open(src, encoding="utf-8"))
    key = serialization.load_pem_private_key(open(keyfile, "rb").read(),
                                             None)
    ed = isinstance(key, ed25519.Ed25519PrivateKey)
    config = {"type": "DataIntegrityProof",
              "cryptosuite": "eddsa-jcs-2022" if ed else "ecdsa-jcs-2019",
              "created": "2026-11-23T10:00:00Z",
              "verificationMethod": method,
              "proofPurpose": "assertionMethod",
              "@context": cred["@context"]}
    data = hash_data(cred, config)
    if ed:
        sig = key.sign(data)
    else:
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    config["proofValue"] = "z" + b58encode(sig)
    cred["proof"] = config
    json.dump(cred, open(dst, "w", encoding="utf-8"), indent=1,
              ensure_ascii=False)


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        for p in sys.argv[3:]:
            verify(sys.argv[2], p)
    else:
        sign(*sys.argv[2:6])
