"""The emulated ASAN Login: a real OpenID Connect provider (django-oauth-toolkit), served by the
portal itself under /asan-login/ while settings name no real issuer (development and tests only;
production refuses it). The portal signs in against it through the same OIDC client
(integrations/identity/oidc.py) that talks to the real ASAN Login.

Nothing here is imported by settings except `signing_key`, which needs no Django.
"""
