"""e-gov.az, the state portal: the status events the portal pushes to its webhook URL, signed as
the Standard Webhooks specification says (`base` the contract, `fake` records, `http` sends)."""
