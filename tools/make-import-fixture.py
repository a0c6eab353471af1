#!/usr/bin/env python3
"""Writes tests/fixtures/statistics/import/bao-cao-2020-05.xlsx from the CSV export beside it,
with the official form's merged heading cells (needs openpyxl: pip install openpyxl)."""
import csv
import datetime
import os

import openpyxl

HERE = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "statistics", "import")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bao cao"
with open(os.path.join(HERE, "bao-cao-2020-05.csv"), encoding="utf-8") as f:
    for row in csv.reader(f):
        ws.append([int(c) if c.isdigit() else (c or None) for c in row])
for cells in ["D1:F1", "G1:I1", "J1:K1", "A1:A2", "B1:B2", "C1:C2"]:
    ws.merge_cells(cells)
wb.properties.created = wb.properties.modified = datetime.datetime(2020, 6, 1)
wb.save(os.path.join(HERE, "bao-cao-2020-05.xlsx"))
