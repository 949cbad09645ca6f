#!/usr/bin/env python3
"""Baseline: python-calamine reads one sheet and counts cells (non-empty). Prints JSON."""
import json
import sys
import time

from python_calamine import CalamineWorkbook

path = sys.argv[1]
start = time.perf_counter()
wb = CalamineWorkbook.from_path(path)
sheet = wb.get_sheet_by_index(0)
rows = sheet.to_python(skip_empty_area=False)
cells = sum(1 for row in rows for v in row if v != "" and v is not None)
seconds = time.perf_counter() - start
print(json.dumps({"rows": len(rows), "cells": cells, "seconds": seconds, "cellsPerSecond": int(cells / seconds)}))
