"""The document bundle sent to a citizen after submission: the receipt, the draft household
contract (transfer) or updated subscriber card (rename), and the final one after approval.

`models` holds them, `generation` decides and stores, `content` says what each document prints,
`pdf` draws it, `fonts` makes sure every letter can be drawn; `links` signs the citizen's link,
`views` and `urls` serve the bundle and the public verification page, `tasks` render in a worker.
"""
