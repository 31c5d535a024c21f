#!/usr/bin/env python3
"""Mints a development JWT for one clinic role, signed with the development key the services use.

    deploy/dev-token.py prescriber                  # prints the token (clinic "main")
    TOKEN=$(deploy/dev-token.py scheduler)          # then: curl -H "Authorization: Bearer $TOKEN" ...
    deploy/dev-token.py analyst dev-analyst '*'     # third argument: the clinics, comma-separated; '*' = every clinic

Roles: prescriber, intake, scheduler, therapist, medical, analyst, system, operator (/operations endpoints),
privacy-officer (/audit/access).
Set AUTH_SIGNING_KEY (and AUTH_ISSUER / AUTH_AUDIENCE) to match a deployment that does not use the defaults.

With AUTH_AUTHORITY set (e.g. http://127.0.0.1:8084, the identity provider), nothing is minted here: the token comes
from $AUTH_AUTHORITY/connect/token by client credentials as client dev-<role> (secret dev-<role>-secret, or
AUTH_CLIENT_SECRET), scope user/*.cruds (system/*.cruds for role system, or AUTH_SCOPE). The provider's client decides
subject and clinics, so the second and third arguments are ignored then.
"""
import base64, hashlib, hmac, json, os, sys, time, urllib.error, urllib.parse, urllib.request

ROLES = {"prescriber", "intake", "scheduler", "therapist", "medical", "analyst", "system", "operator", "privacy-officer"}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_authority(authority: str, role: str) -> int:
    form = urllib.parse.urlencode({
        "grant_type": "client_credentials",
        "client_id": f"dev-{role}",
        "client_secret": os.environ.get("AUTH_CLIENT_SECRET", f"dev-{role}-secret"),
        "scope": os.environ.get("AUTH_SCOPE", "system/*.cruds" if role == "system" else "user/*.cruds"),
    }).encode()
    request = urllib.request.Request(authority.rstrip("/") + "/connect/token", data=form, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            print(json.load(response)["access_token"])
            return 0
    except urllib.error.HTTPError as error:
        print(f"dev-token: {authority} answered {error.code}: {error.read().decode(errors='replace')}", file=sys.stderr)
    except urllib.error.URLError as error:
        print(f"dev-token: cannot reach {authority}: {error.reason}", file=sys.stderr)
    return 1


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ROLES:
        print(__doc__, file=sys.stderr)
        return 2
    role = sys.argv[1]
    authority = os.environ.get("AUTH_AUTHORITY")
    if authority:
        return from_authority(authority, role)
    subject = sys.argv[2] if len(sys.argv) > 2 else f"dev-{role}"
    clinics = (sys.argv[3] if len(sys.argv) > 3 else "main").split(",")
    key = os.environ.get("AUTH_SIGNING_KEY", "development-only-signing-key-change-me-0123456789")
    now = int(time.time())
    claims = {
        "iss": os.environ.get("AUTH_ISSUER", "kap-platform"),
        "aud": os.environ.get("AUTH_AUDIENCE", "kap-platform"),
        "sub": subject, "role": role, "clinic": clinics if len(clinics) > 1 else clinics[0], "iat": now, "nbf": now, "exp": now + 8 * 3600,
        # SMART on FHIR scopes (docs/identity.md): every resource, as a clinic system or as a user.
        "scope": os.environ.get("AUTH_SCOPE", "system/*.cruds" if role == "system" else "user/*.cruds"),
    }
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    print(f"{header}.{payload}.{b64(signature)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
