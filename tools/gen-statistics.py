#!/usr/bin/env python3
"""Generates the illustrative sample statistics in content/statistics/ (issue 6).

Deterministic (a fixed linear congruential generator, no clock): running it twice writes the
same bytes. Every month from 2019-01 to 2020-05 for the district office `yen-lap` and the 17
commune-level units, by field, consistent month to month (carried_over = the previous
month's pending). The figures are made up except for the published Q1 2020 totals the
generator is pinned to: 7,599 dossiers resolved district-wide and none late. Hưng Long
(`xa-hung-long`) receives about 10 dossiers per working day, all on time, every surveyed
citizen satisfied. Xã Mỹ Lung reports without fields until 2019-06 (the format allows it).

Each row also has the optional feedback columns (phản ánh, kiến nghị: a few a month, carried
over like the dossiers, a handful answered late in 2019) and `apologies` (one letter for each
dossier that went past its deadline that month: resolved late without having been overdue
the month before, or pending overdue for the first time). Those come from a second generator,
so the dossier figures are the same as before they were added. The per-procedure files
(`content/statistics/thu-tuc/`, June 2019 – May 2020) give a few common procedures of each
row's field part of its resolved dossiers, with late ones only where the row had some.

Usage: python3 tools/gen-statistics.py [ROOT]   (ROOT defaults to the repository)
"""
import calendar
import os
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "content", "statistics")

COLUMNS = ["unit", "field", "carried_over", "received_online", "received_direct", "received_postal",
           "resolved_early", "resolved_on_time", "resolved_late", "pending_on_time", "pending_overdue",
           "withdrawn", "surveyed", "satisfied", "feedback_carried_over", "feedback_received",
           "feedback_answered_on_time", "feedback_answered_late", "feedback_pending", "apologies"]
PROCEDURE_COLUMNS = ["procedure", "unit", "received", "resolved_on_time", "resolved_late", "average_days"]

# Field → procedures the per-procedure sample covers: (code or slug, share of the row's resolved
# dossiers, average time taken as a share of the limit, the limit in working days; a limit
# of 0 is "within the day", whose dossiers take a fraction of a day).
DISTRICT_PROCEDURES = {
    "dat-dai": [("dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho-quyen-su-dung-dat", .30, .8, 20),
                ("tach-thua-hoac-hop-thua-dat", .12, .75, 25), ("1.000798", .06, .85, 25)],
    "ho-kinh-doanh": [("1.001612", .50, .6, 3), ("2.000720", .25, .7, 3)],
    "chung-thuc": [("2.001044", .20, .5, 2)],
    # 30 calendar days: the average (in working days) is shown without a comparison.
    "xay-dung": [("cap-giay-phep-xay-dung-cong-trinh-nha-o-rieng-le-cap-huyen", .60, .65, 21)],
}
COMMUNE_PROCEDURES = {
    "chung-thuc": [("2.000815", .70, .1, 0), ("2.000884", .12, .05, 0)],
    "ho-tich": [("1.001193", .35, .2, 0), ("1.004873", .20, .5, 3), ("1.000656", .10, .2, 0)],
}
PROCEDURE_MONTHS = [(2019, m) for m in range(6, 13)] + [(2020, m) for m in range(1, 6)]
# Feedback answered late (illustrative): (unit, field, month) → how many.
FEEDBACK_LATE = {("yen-lap", "dat-dai", (2019, 5)): 1, ("xa-ngoc-lap", "dat-dai", (2019, 6)): 1}

MONTHS = [(2019, m) for m in range(1, 13)] + [(2020, m) for m in range(1, 6)]

# (field, share of the unit's volume, share still pending at month end)
DISTRICT_FIELDS = [("dat-dai", .42, .22), ("ho-kinh-doanh", .12, .04), ("xay-dung", .08, .15),
                   ("chung-thuc", .11, .0), ("ho-tich", .05, .03), ("bao-tro-xa-hoi", .08, .08),
                   ("nguoi-co-cong", .04, .08), ("moi-truong", .02, .10), ("giao-duc-dao-tao", .04, .05),
                   ("hop-tac-xa", .01, .05), ("luu-thong-hang-hoa", .03, .04)]
COMMUNE_FIELDS = [("chung-thuc", .52, .0), ("ho-tich", .30, .02), ("bao-tro-xa-hoi", .07, .06),
                  ("nguoi-co-cong", .04, .06), ("dat-dai", .05, .10), ("xay-dung", .02, .08)]

# Unit → new dossiers per working day (Hưng Long: about 10).
UNITS = {
    "yen-lap": 32.0, "thi-tran-yen-lap": 7.8, "xa-hung-long": 10.6, "xa-dong-lac": 4.1,
    "xa-dong-thinh": 4.6, "xa-luong-son": 4.9, "xa-minh-hoa": 3.6, "xa-my-lung": 3.2,
    "xa-my-luong": 4.0, "xa-nga-hoang": 3.3, "xa-ngoc-dong": 3.0, "xa-ngoc-lap": 5.2,
    "xa-phuc-khanh": 4.4, "xa-thuong-long": 4.3, "xa-trung-son": 2.9, "xa-xuan-an": 4.7,
    "xa-xuan-thuy": 3.9, "xa-xuan-vien": 3.5,
}
UNSPLIT_UNTIL = {"xa-my-lung": (2019, 6)}
# (unit, field, month) → dossiers that miss their deadline that month (illustrative).
OVERDUE = {("yen-lap", "dat-dai", (2019, m)): n for m, n in [(4, 3), (5, 4), (6, 2), (7, 2), (8, 1)]}
OVERDUE.update({("xa-ngoc-lap", "dat-dai", (2019, 5)): 1, ("xa-ngoc-lap", "dat-dai", (2019, 6)): 1,
                ("yen-lap", "xay-dung", (2020, 4)): 2, ("yen-lap", "dat-dai", (2020, 5)): 3,
                ("xa-dong-lac", "ho-tich", (2020, 5)): 1})
# Dossiers resolved late in a month beyond those overdue before (illustrative, 2019 only).
LATE = {("yen-lap", "dat-dai", (2019, m)): n for m, n in [(3, 2), (4, 3), (9, 1), (10, 2)]}
LATE.update({("xa-ngoc-lap", "chung-thuc", (2019, 7)): 1, ("yen-lap", "xay-dung", (2019, 11)): 1})

PUBLISHED_Q1_2020_RESOLVED = 7599


class Lcg:
    """A fixed generator so that the output never depends on Python's version."""
    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.s >> 33) / 2**31

    def around(self, x, spread):
        return x * (1 - spread + 2 * spread * self.next())


def weekdays(y, m):
    return sum(1 for d in range(1, calendar.monthrange(y, m)[1] + 1) if calendar.weekday(y, m, d) < 5)


def main():
    rng = Lcg(20200331)
    pending = {}  # (unit, field) → (on time, overdue) at the end of the previous month
    data = {}
    for idx, (y, m) in enumerate(MONTHS):
        rows = []
        # Tết: February has fewer working days in practice.
        days = weekdays(y, m) - (5 if m == 2 else 0)
        online_share = .08 + .30 * idx / (len(MONTHS) - 1)
        for unit, per_day in UNITS.items():
            fields = DISTRICT_FIELDS if unit == "yen-lap" else COMMUNE_FIELDS
            unsplit = unit in UNSPLIT_UNTIL and (y, m) <= UNSPLIT_UNTIL[unit]
            if unsplit:
                fields = [("", 1.0, .02)]
            elif unit in UNSPLIT_UNTIL and (y, m) == UNSPLIT_UNTIL[unit][0:1] + (UNSPLIT_UNTIL[unit][1] + 1,):
                # Switching to rows by field: the unit's pending moves to hộ tịch.
                on, over = pending.pop((unit, ""), (0, 0))
                pending[(unit, "ho-tich")] = (on, over)
            volume = rng.around(per_day * days * (1 if unit == "xa-hung-long" else 1.17), .08)
            for field, share, pend in fields:
                carried_on, carried_over_ = pending.get((unit, field), (0, 0))
                carried = carried_on + carried_over_
                new = max(1, round(rng.around(volume * share, .15)))
                postal = round(new * rng.around(.035, .5))
                online = round(new * rng.around(online_share, .2))
                direct = new - online - postal
                withdrawn = 1 if rng.next() < .12 and new > 20 else 0
                overdue = OVERDUE.get((unit, field, (y, m)), 0)
                late = carried_over_ + LATE.get((unit, field, (y, m)), 0)
                if unit == "xa-hung-long":
                    overdue = late = 0
                pend_on = round(new * rng.around(pend, .3)) if pend else 0
                resolved = carried + new - pend_on - overdue - withdrawn
                if resolved < late:
                    pend_on = max(0, pend_on - (late - resolved))
                    resolved = carried + new - pend_on - overdue - withdrawn
                early = round((resolved - late) * rng.around(.45, .3))
                on_time = resolved - late - early
                surveyed = round(resolved * rng.around(.1, .4))
                satisfied = surveyed if unit == "xa-hung-long" else surveyed - (1 if rng.next() < .2 and surveyed >= 8 else 0)
                row = dict(unit=unit, field=field, carried_over=carried, received_online=online,
                           received_direct=direct, received_postal=postal, resolved_early=early,
                           resolved_on_time=on_time, resolved_late=late, pending_on_time=pend_on,
                           pending_overdue=overdue, withdrawn=withdrawn, surveyed=surveyed, satisfied=satisfied)
                rows.append(row)
                pending[(unit, field)] = (pend_on, overdue)
        data[(y, m)] = rows
    # Pin Q1 2020 to the published total: the difference is spread over the quarter's rows
    # (Hưng Long aside) in proportion to their size, as dossiers received in person and
    # resolved on time, which leaves every month's pending, and so every later month, as is.
    q1_rows = [r for mm in [(2020, 1), (2020, 2), (2020, 3)] for r in data[mm] if r["unit"] != "xa-hung-long"]
    q1 = sum(r["resolved_early"] + r["resolved_on_time"] + r["resolved_late"]
             for mm in [(2020, 1), (2020, 2), (2020, 3)] for r in data[mm])
    diff = PUBLISHED_Q1_2020_RESOLVED - q1
    weight = sum(r["resolved_on_time"] for r in q1_rows)
    shares = [diff * r["resolved_on_time"] // weight for r in q1_rows]
    order = sorted(range(len(q1_rows)), key=lambda i: (-q1_rows[i]["resolved_on_time"], i))
    for k in range(diff - sum(shares)):
        shares[order[k % len(order)]] += 1
    for r, add in zip(q1_rows, shares):
        r["received_direct"] += add
        r["resolved_on_time"] += add
        assert r["received_direct"] >= 0 and r["resolved_on_time"] >= 0
    for mm in [(2020, 1), (2020, 2), (2020, 3)]:
        assert all(r["resolved_late"] == 0 for r in data[mm]), "Q1 2020 has no late dossier"
    add_feedback_and_apologies(data)
    os.makedirs(OUT, exist_ok=True)
    for (y, m), rows in data.items():
        for r in rows:
            ins = sum(r[c] for c in ["carried_over", "received_online", "received_direct", "received_postal"])
            outs = sum(r[c] for c in ["resolved_early", "resolved_on_time", "resolved_late", "pending_on_time", "pending_overdue", "withdrawn"])
            assert ins == outs and min(r[c] for c in COLUMNS[2:]) >= 0, r
        with open(os.path.join(OUT, f"{y:04d}-{m:02d}.csv"), "w", encoding="utf-8", newline="\n") as f:
            f.write(",".join(COLUMNS) + "\n")
            for r in rows:
                f.write(",".join(str(r[c]) for c in COLUMNS) + "\n")
    write_per_procedure(data)
    hl = [r for r in data[(2020, 3)] if r["unit"] == "xa-hung-long"]
    new = sum(r["received_online"] + r["received_direct"] + r["received_postal"] for r in hl)
    print(f"wrote {len(data)} months to {OUT}; Q1 2020 adjusted by {diff:+d} to {PUBLISHED_Q1_2020_RESOLVED}; "
          f"Hưng Long 03/2020: {new} new, {new / weekdays(2020, 3):.1f} per working day")


def add_feedback_and_apologies(data):
    """The feedback and apology columns, from their own generator (see the module's doc)."""
    rng = Lcg(20200615)
    open_items = {}  # (unit, field) → feedback still open at the previous month's end
    overdue_before = {}  # (unit, field) → pending overdue at the previous month's end
    for (y, m) in MONTHS:
        for r in data[(y, m)]:
            key = (r["unit"], r["field"])
            if r["field"] and (r["unit"], "") in open_items:  # the unit switched to rows by field
                open_items[(r["unit"], "ho-tich")] = open_items.pop((r["unit"], ""))
                overdue_before[(r["unit"], "ho-tich")] = overdue_before.pop((r["unit"], ""), 0)
            carried = open_items.get(key, 0)
            new = r["received_online"] + r["received_direct"] + r["received_postal"]
            received = int(rng.around(new * .004, .9) + rng.next())
            late = min(carried + received, FEEDBACK_LATE.get((r["unit"], r["field"], (y, m)), 0))
            pending = min(carried + received - late, int(rng.next() * 1.6)) if carried + received - late else 0
            r["feedback_carried_over"] = carried
            r["feedback_received"] = received
            r["feedback_answered_on_time"] = carried + received - late - pending
            r["feedback_answered_late"] = late
            r["feedback_pending"] = pending
            open_items[key] = pending
            # Letters go to dossiers newly past their deadline: those overdue at the previous
            # month's end had theirs then.
            r["apologies"] = max(0, r["resolved_late"] + r["pending_overdue"] - overdue_before.get(key, 0))
            overdue_before[key] = r["pending_overdue"]


def write_per_procedure(data):
    """`content/statistics/thu-tuc/YYYY-MM.csv`: parts of each row's resolved dossiers."""
    rng = Lcg(20190601)
    out = os.path.join(OUT, "thu-tuc")
    os.makedirs(out, exist_ok=True)
    for (y, m) in PROCEDURE_MONTHS:
        lines = []
        for r in data[(y, m)]:
            table = DISTRICT_PROCEDURES if r["unit"] == "yen-lap" else COMMUNE_PROCEDURES
            resolved = r["resolved_early"] + r["resolved_on_time"] + r["resolved_late"]
            late_left = r["resolved_late"]
            for proc, share, speed, limit in table.get(r["field"], []):
                done = int(resolved * rng.around(share, .15))
                late = min(late_left, done)
                late_left -= late
                received = int(done * rng.around(1.0, .1))
                if limit:
                    avg = limit * rng.around(speed, .1) + (limit * .3 * late / done if done else 0)
                else:
                    avg = rng.around(speed, .5)
                lines.append([proc, r["unit"], received, done - late, late, f"{avg:.1f}" if done else ""])
        with open(os.path.join(out, f"{y:04d}-{m:02d}.csv"), "w", encoding="utf-8", newline="\n") as f:
            f.write(",".join(PROCEDURE_COLUMNS) + "\n")
            for row in lines:
                f.write(",".join(str(c) for c in row) + "\n")


if __name__ == "__main__":
    main()
