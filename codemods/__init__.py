"""Codemods that migrate TensorFlow 1 RNN code to tf1compat (`tf1compat-migrate`).

`codemods.migrate.migrate_code(source, rules)` migrates one source text;
`codemods.cli.main` is the command line; `codemods.registry.RULES` lists the rules.
"""
