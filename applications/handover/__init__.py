"""A transfer's handover: the day and the meter reading the contract changes hands at, what the
outgoing holder says about it (confirmed, or an objection), and the co-owners' consent.

`models` holds them, `services` records the answers, `views` and `urls` serve the outgoing holder's
and the co-owners' pages behind their signed links (`links`)."""
