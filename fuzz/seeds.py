#!/usr/bin/env python3
"""Writes the seed corpus fuzz/corpus/parse/ from fixtures/guangdong-2023.txt.

Run from the repository root: python3 fuzz/seeds.py
The seeds are the whole fixture plus slices and variants of it: each part of
the grammar (envelope, tasks, page breaks, requirements, annex, tail) and each
input form parse_bytes detects (BOM, CRLF, GBK, UTF-16, HTML).
"""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "fixtures", "guangdong-2023.txt")
OUT = os.path.join(ROOT, "fuzz", "corpus", "parse")

text = open(FIXTURE, encoding="utf-8").read()
lines = text.split("\n")


def span(first, last):
    """Lines first..last (1-based, inclusive) joined, with a final newline."""
    return "\n".join(lines[first - 1:last]) + "\n"


envelope = span(1, 20)
part_one = span(21, 40)
page_break = span(98, 112)            # task 13, broken by a page end
joint = span(628, 640)                # a 按职责分工负责 clause
requirements = span(1567, 1580)
annex = span(1581, 1605)
tail = span(1619, 1631)
small = envelope + part_one

seeds = {
    "fixture.txt": text,
    "envelope.txt": envelope,
    "part-one.txt": part_one,
    "envelope-part-one.txt": small,
    "page-break.txt": page_break,
    "joint.txt": joint,
    "requirements.txt": requirements,
    "annex.txt": annex,
    "tail.txt": tail,
    "annex-tail.txt": annex + tail,
    "requirements-annex-tail.txt": requirements + annex + tail,
    "no-blank-lines.txt": "\n".join(l for l in (small + page_break).split("\n") if l.strip()) + "\n",
    "crlf.txt": small.replace("\n", "\r\n"),
    "ideographic-indent.txt": "".join("\u3000\u3000" + l + "\n" for l in small.split("\n")),
    "half-width.txt": (part_one + page_break).replace("：", ":").replace("，", ","),
    "full-width-stop.txt": part_one.replace(". ", "．"),
    "lead-only-empty-lead.txt": "1. 任务。\n分管省领导：张虎\n部门分工：牵头，各地、各部门配合。\n2. 任务。\n分管省领导：张\n部门分工：省国资委牵头。\n",
    "duplicate-labels.txt": "1. 任务。\n分管省领导：张虎\n分管省领导：张虎\n部门分工：省财政厅牵头。\n部门分工：省财政厅牵头。\n",
    "out-of-order.txt": span(21, 30) + span(91, 97) + span(22, 29) + "一、重复\n",
    "truncated-task.txt": span(21, 27) + "5. 规模以上工业增加值",
    "table-row-outside-annex.txt": part_one + span(1586, 1587),
    # Latin, Greek and four-byte characters right after a stop and among
    # names: byte triples that read as CJK marks if taken for them
    "non-cjk-after-stops.txt": page_break.replace("。", "。3@Kϼɀ\U00080740", 3).replace("、", "、A", 3),
    # leader lists padded and set apart, with spaces of both widths
    "leaders-spaced.txt": part_one.replace("分管省领导：张虎", "分管省领导：张 虎  王 曦  欧阳 卫民  孙志洋")
    .replace("分管省领导：张新", "分管省领导：王\u3000曦\u3000\u3000冯 玲 陈良贤"),
    # an old Mac file (bare '\r') that an editor gave a final '\n'
    "old-mac-final-lf.txt": part_one.replace("\n", "\r") + "\n",
}

os.makedirs(OUT, exist_ok=True)
for name in os.listdir(OUT):
    os.remove(os.path.join(OUT, name))
for name, body in seeds.items():
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(body)

binary = {
    "bom.txt": b"\xef\xbb\xbf" + small.encode("utf-8"),
    "gbk.txt": small.encode("gb18030"),
    "gbk-annex.txt": (annex + tail).encode("gb18030"),
    "utf16le.txt": b"\xff\xfe" + small.encode("utf-16-le"),
    "utf16be.txt": b"\xfe\xff" + page_break.encode("utf-16-be"),
    "page.html": (
        "<!doctype html><html><head><title>通知</title><style>p{}</style></head><body>"
        "<nav>首页</nav><div id=\"zoom\">"
        + "".join("<p style=\"text-indent:2em\">%s</p>" % l for l in (envelope + part_one).split("\n") if l.strip())
        + "<table>"
        + "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in row.split("\t"))
                  for row in span(1585, 1590).split("\n") if row.strip())
        + "</table></div><footer>版权</footer></body></html>"
    ).encode("utf-8"),
    "nul.txt": b"1. \x00\n" + part_one.encode("utf-8"),
    "invalid.txt": part_one.encode("utf-8")[:200] + b"\xff\xfe\xfd",
}
for name, body in binary.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(body)

print(len(seeds) + len(binary), "seeds in", OUT)
