"""The case list: its model (the paper's Table columns, filter, sort) and its panel."""
