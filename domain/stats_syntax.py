"""SPSS, Stata and R syntax reading an export's tidy CSV files with their labels.

Written from the export's plan (the same columns the CSV files hold): each file is read
with a type per column (text stays text, so a code such as reference "20" is not turned
into a number), every variable gets its label, and every choice field gets a coded
companion with value labels (SPSS and Stata: `<name>_code`, numbered as in the REDCap
dictionary; R: a factor with the labels). In SPSS the "not specified" code is declared a
missing value. No statistics package is needed to write them; GNU PSPP runs the SPSS file
in the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .codebook import redcap_codes
from .export_plan import Column
from .fields import CHOICE, INTEGER, NUMBER
from .model import NOT_SPECIFIED

Columns = Mapping[str, Sequence[Column]]
Widths = Mapping[str, Sequence[int]]
SPSS_MAX_TEXT = 32767
HEAD = "DM Casebook export: reads the CSV files of this folder with labels."


def _choices(c: Column) -> list[tuple[str, str, str]]:
    """(code, label, stored value) of a choice column, numbered from 1."""
    if c.field is not None and c.field.type == CHOICE and c.type == CHOICE:
        return redcap_codes(c.field)
    return [(str(i), label, value) for i, (value, label) in enumerate(c.allowed, 1)] if (
        c.type == CHOICE) else []


def _sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _dq(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


# ---- SPSS / PSPP -------------------------------------------------------------------------
def _spss_format(c: Column, width: int) -> str:
    if c.type == INTEGER:
        return "F8.0"
    if c.type == NUMBER:
        return "F16.4"
    return f"A{min(max(width, 1), SPSS_MAX_TEXT)}"


def spss(columns: Columns, widths: Widths) -> str:
    out = [f"* {HEAD}", "* Run it with this folder as the working directory",
           "* (in SPSS: CD 'the folder'.), or edit the FILE= paths.", ""]
    for table, cols in columns.items():
        out += [
            f"GET DATA /TYPE=TXT /FILE='{table}.csv' /ENCODING='UTF8'",
            "  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2",
            "  /DELIMITERS=\",\" /QUALIFIER='\"'",
            "  /VARIABLES=",
            *[f"    {c.name} {_spss_format(c, w)}" for c, w in zip(cols, widths[table],
                                                                strict=True)],
            ".",
            f"DATASET NAME {table}.",
            "VARIABLE LABELS",
            "  " + "\n  /".join(f"{c.name} {_sq(c.label[:250])}" for c in cols) + ".",
        ]
        for c in cols:
            codes = _choices(c)
            if not codes:
                continue
            coded = f"{c.name}_code"
            pairs = " ".join(f"({_sq(value)}={code})" for code, _l, value in codes)
            out += [
                f"RECODE {c.name} {pairs} INTO {coded}.",
                f"VARIABLE LABELS {coded} {_sq((c.label + ' (coded)')[:250])}.",
                f"FORMATS {coded} (F3.0).",
                f"VARIABLE LEVEL {coded} (NOMINAL).",
                f"VALUE LABELS {coded} "
                + " ".join(f"{code} {_sq(label)}" for code, label, _v in codes) + ".",
            ]
            missing = [code for code, _l, value in codes if value == NOT_SPECIFIED]
            if missing:
                out.append(f"MISSING VALUES {coded} ({missing[0]}).")
        out += ["EXECUTE.", f"SAVE OUTFILE='{table}.sav'.", ""]
    return "\n".join(out) + "\n"


# ---- Stata -------------------------------------------------------------------------------
def stata(columns: Columns, widths: Widths) -> str:
    del widths  # Stata sizes its strings itself
    out = [f"* {HEAD}", "* Run it with this folder as the working directory (cd).",
           "version 14", ""]
    for table, cols in columns.items():
        text = [str(i) for i, c in enumerate(cols, 1) if c.type not in (INTEGER, NUMBER)]
        strings = f" stringcols({' '.join(text)})" if text else ""
        out.append(f'import delimited using "{table}.csv", varnames(1) '
                   f'encoding("utf-8") bindquote(strict) case(preserve){strings} clear')
        out += [f"label variable {c.name} {_dq(c.label[:80])}" for c in cols]
        for c in cols:
            codes = _choices(c)
            if not codes:
                continue
            coded, lbl = f"{c.name}_code"[:32], f"l_{c.name}"[:32]
            out.append(f"generate byte {coded} = .")
            out += [f"replace {coded} = {code} if {c.name} == {_dq(value)}"
                    for code, _l, value in codes]
            out.append(f"label define {lbl} "
                       + " ".join(f"{code} {_dq(label)}" for code, label, _v in codes)
                       + ", replace")
            out += [f"label values {coded} {lbl}",
                    f"label variable {coded} {_dq((c.label + ' (coded)')[:80])}"]
        out += [f'save "{table}.dta", replace', ""]
    return "\n".join(out) + "\n"


# ---- R -----------------------------------------------------------------------------------
def _r_class(c: Column) -> str:
    return {INTEGER: "integer", NUMBER: "numeric"}.get(c.type, "character")


def _r_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def r_script(columns: Columns, widths: Widths) -> str:
    del widths
    out = [f"# {HEAD}", "# Run it with this folder as the working directory (setwd).",
           "# Empty cells are NA: values the casebook does not hold.", "", "dm <- list()"]
    for table, cols in columns.items():
        classes = ", ".join(f"{c.name} = {_r_str(_r_class(c))}" for c in cols)
        out += [f"dm${table} <- read.csv({_r_str(table + '.csv')}, encoding = \"UTF-8\", "
                f"na.strings = \"\", check.names = FALSE,", f"  colClasses = c({classes}))"]
        for c in cols:
            ref = f"dm${table}${c.name}"
            codes = _choices(c)
            if codes:
                if any(value == "" for _c, _l, value in codes):
                    out.append(f"{ref}[is.na({ref})] <- \"\"")
                levels = ", ".join(_r_str(value) for _c, _l, value in codes)
                labels = ", ".join(_r_str(label) for _c, label, _v in codes)
                out.append(f"{ref} <- factor({ref}, levels = c({levels}), "
                           f"labels = c({labels}))")
            out.append(f"attr({ref}, \"label\") <- {_r_str(c.label)}")
        out.append("")
    return "\n".join(out) + "\n"
