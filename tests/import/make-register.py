# Writes register.xlsx: a programme register as a ministry keeps it in Excel. A title row, a
# blank row, the header, Excel dates, a currency-formatted cost column, predecessors by
# reference, a row with a typed date and amount, and a total row.
# Run once with `python3 make-register.py` (needs openpyxl); the file is committed.
import datetime as dt
from openpyxl import Workbook
from openpyxl.styles import Font

wb = Workbook()
ws = wb.active
ws.title = "Register"
ws["A1"] = "National AI programme — investment register"
ws["A1"].font = Font(bold=True, size=14)
ws.append([])
ws.append(["Ref", "Project", "Workstream", "Lead", "Start date", "End date", "Cost (EUR)",
           "Predecessors", "Comments"])
rows = [
    ("C-01", "GPU cluster phase 1", "Compute", "Compute Agency", dt.date(2026, 1, 15),
     dt.date(2027, 6, 30), 450000000, "", "Tender in Q1"),
    ("C-02", "GPU cluster phase 2", "Compute", "Compute Agency", dt.date(2027, 7, 1),
     dt.date(2028, 12, 31), 300000000.5, "C-01", ""),
    ("T-01", "AI fellowships", "Talent", "Talent Office", dt.date(2026, 3, 1),
     dt.date(2028, 2, 29), 25000000, "", ""),
    ("M-01", "Open model v1", "Models", "Research Council", dt.date(2027, 9, 1),
     dt.date(2028, 8, 31), 80000000, "C-01; T-01", "Open weights"),
    ("D-01", "Speech corpus", "Data", "Data Agency", dt.date(2026, 4, 1),
     dt.date(2026, 11, 30), 3500000, "", ""),
    # Typed by hand: a text date, a month name in German, an amount as text.
    ("T-02", "Data stewards", "Talent", "Data Agency", "01/09/2026", "März 2027",
     "€ 1.250.000,00", "D-01", ""),
]
for r in rows:
    ws.append(list(r))
ws.append(["", "Total", "", "", None, None, "=SUM(G4:G9)", "", ""])
for row in ws.iter_rows(min_row=4, max_row=8):
    row[4].number_format = "dd/mm/yyyy"
    row[5].number_format = "dd/mm/yyyy"
for row in ws.iter_rows(min_row=4, max_row=10):
    row[6].number_format = '#,##0.00 [$€-x-euro2]'
notes = wb.create_sheet("Notes")
notes["A1"] = "Figures as of November 2026."
wb.save("register.xlsx")

# password.xlsx is register.xlsx encrypted with the password "secret", as Excel does it:
#   pip install msoffcrypto-tool && msoffcrypto-tool -e -p secret register.xlsx password.xlsx
