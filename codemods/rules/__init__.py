"""One module per migration rule; the module name is the rule name with underscores."""
