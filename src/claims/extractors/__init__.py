"""One module per kind of extraction; each is a function (doc, *, what it needs) -> list of records."""
