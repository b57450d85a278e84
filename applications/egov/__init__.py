"""e-gov.az, the state portal, reads the applications through an API (`api`, OAuth 2.0 client
credentials from django-oauth-toolkit) and is told of every status change by signed webhook
events (`models`: the subscriptions and the outbox; `services`, `tasks`: delivery)."""
