"""Clinical instruments computed from a case's facts (pure: no Qt, no SQL).

facts.py gathers each input with where it came from; bohan_peter.py, eular_acr.py, tis.py
and imacs_screening.py compute one instrument each; the reference values they use are in
resources/scores_reference.json and resources/imacs2023_screening.json.
"""
