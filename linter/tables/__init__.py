"""The standard tables of the 2019 and 2021 report formats.

`templates` loads the table templates (rules/templates/standard-tables.yaml),
`rows` finds labelled rows of figures in a document (whatever the loader: a
grid's text rendering or a copied table in plain text), and `match` maps those
rows onto a template by their labels, in template order.
"""
