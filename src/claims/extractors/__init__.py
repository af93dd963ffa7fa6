"""One module per kind of extraction; each is a function (doc, context) -> list of records."""
