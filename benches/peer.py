"""Peer baseline: a plain Python 3.11 + regular-expression reader of a task-division notice.

This is the script a user would otherwise write to read a Chinese provincial
government's task-division notice (政府工作报告工作任务分工方案) into JSON:
stdlib ``re`` and ``json`` only, one pass of straightforward regexes, nothing
precomputed or cached between files. It is not meant to be exact; it is the
speed baseline.

The project's README uses it as the comparison for ``parse-notice`` batch
mode, timing 100 copies of the fixture against the same batch run of
``parse-notice``::

    time python3 benches/peer.py $(yes fixtures/guangdong-2023.txt | head -100) > /dev/null

Usage::

    python3 benches/peer.py FILE [FILE ...]

prints one JSON object per file, one per line (JSON Lines), in argument order,
with the keys ``file``, ``document``, ``sections``, ``tasks`` and
``livelihood_projects``.
"""

import json
import re
import sys

# CJK ideographs, CJK punctuation, fullwidth forms and curly quotes.
CJK = r"[\u2014\u2018-\u201d\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
CJK_SPACE = re.compile(rf"(?<={CJK})\s+|\s+(?={CJK})")

TASK_HEAD = re.compile(r"^(\d+)\.\s+(.*)$", re.S)
LABEL = re.compile(r"^(工作措施|分管省领导|部门分工)：(.*)$", re.S)
PART_HEAD = re.compile(r"^([一二三四五六七八九十]+)、(.*)$", re.S)
SUB_HEAD = re.compile(r"^（[一二三四五六七八九十]+）")
ANNEX = re.compile(r"^附件：")

DOC_NUMBER = re.compile(r"\S+〔\d{4}〕\d+号")
TITLE_LINE = re.compile(r"^.*关于印发.*$", re.M)
PRINTED_ON = re.compile(r"(\d{4}) 年 (\d+) 月 (\d+) 日印发")

LEAD_SUPPORT = re.compile(r"^(.+?)牵头，(.+?)等?配合$", re.S)
LEAD_ONLY = re.compile(r"^(.+?)牵头$", re.S)
JOINT = re.compile(r"^(.+?)(?:按职责分工)?负责$", re.S)
NAME_SEP = re.compile(r"[，、]")
SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def clean(text):
    """Remove whitespace next to CJK characters and trim."""
    return CJK_SPACE.sub("", text).strip()


def split_names(text):
    return [n for n in (s.strip() for s in NAME_SEP.split(text)) if n]


def paragraphs(text):
    """Blank-line separated paragraphs as [text, first_line, last_line] (1-based)."""
    paras = []
    buf = []
    first = None
    for no, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not buf:
                first = no
            buf.append(line.strip())
        elif buf:
            paras.append(["\n".join(buf), first, no - 1])
            buf = []
    if buf:
        paras.append(["\n".join(buf), first, first + len(buf) - 1])
    return paras


def starts_block(text):
    return bool(TASK_HEAD.match(text) or LABEL.match(text) or PART_HEAD.match(text)
                or SUB_HEAD.match(text) or ANNEX.match(text))


def joined_paragraphs(text):
    """Join a paragraph that does not start a block onto the previous one (page breaks).

    Each entry is [head_text, joined_text, first_line, last_line]."""
    out = []
    for para, first, last in paragraphs(text):
        if out and not starts_block(para):
            out[-1][1] += para
            out[-1][3] = last
        else:
            out.append([para, para, first, last])
    return out


def parse_departments(text):
    text = clean(text).rstrip("。")
    m = LEAD_SUPPORT.match(text)
    if m:
        return {"mode": "lead_support", "lead": split_names(m.group(1)),
                "support": split_names(m.group(2)), "text": text}
    m = LEAD_ONLY.match(text)
    if m:
        return {"mode": "lead_only", "lead": split_names(m.group(1)),
                "support": [], "text": text}
    m = JOINT.match(text)
    if m:
        return {"mode": "joint", "lead": split_names(m.group(1)),
                "support": [], "text": text}
    return {"mode": None, "lead": [], "support": [], "text": text}


def parse_tasks(text):
    tasks = []
    sections = []
    task = None
    section = None
    for head, para, first, last in joined_paragraphs(text):
        m = TASK_HEAD.match(para)
        if m:
            task = {"number": int(m.group(1)),
                    "section": section["number"] if section else None,
                    "title": clean(m.group(2)), "measures": [], "leaders": [],
                    "departments": None, "lines": [first, last]}
            tasks.append(task)
            if section:
                section["tasks"].append(task["number"])
            continue
        m = LABEL.match(para)
        if m and task is not None:
            label, value = m.group(1), clean(m.group(2))
            if label == "工作措施":
                task["measures"] = [s.strip() for s in SENTENCE.findall(value) if s.strip()]
            elif label == "分管省领导":
                task["leaders"] = [n for n in value.split("、") if n]
            else:
                task["departments"] = parse_departments(value)
            task["lines"][1] = last
            continue
        m = PART_HEAD.match(para)
        if m:
            section = {"number": m.group(1), "title": clean(PART_HEAD.match(head).group(2)),
                       "line": first, "tasks": []}
            sections.append(section)
        task = None
    return tasks, sections


def split_people(text):
    """Names in the annex are space-padded (朱 宏); pair up single-character tokens."""
    names = []
    pending = ""
    for tok in text.split():
        if len(tok) == 1:
            pending += tok
            if len(pending) == 2:
                names.append(pending)
                pending = ""
        else:
            if pending:
                names.append(pending)
                pending = ""
            names.append(tok)
    if pending:
        names.append(pending)
    return names


def parse_annex(text):
    projects = []
    category = None
    for line in text.split("\n"):
        if "\t" not in line or line.startswith("事 项"):
            continue
        fields = line.split("\t")
        if len(fields) < 5 or not fields[1].strip().isdigit():
            continue
        if fields[0].strip():
            category = clean(fields[0])
        dept_field = fields[4].strip().split(None, 1)
        department = dept_field[0] if dept_field else ""
        names = split_people(dept_field[1]) if len(dept_field) > 1 else []
        for extra in fields[5:]:
            if extra.strip():
                names.append(re.sub(r"\s+", "", extra))
        projects.append({"number": int(fields[1]), "category": category,
                         "task": clean(fields[2]),
                         "leader": re.sub(r"\s+", "", fields[3]),
                         "department": department, "names": names})
    return projects


def parse_document(text):
    number = DOC_NUMBER.search(text)
    title = TITLE_LINE.search(text)
    printed = PRINTED_ON.search(text)
    return {
        "doc_number": number.group(0) if number else None,
        "title": clean(title.group(0)) if title else None,
        "printed_on": ("%s-%02d-%02d" % (printed.group(1), int(printed.group(2)),
                                         int(printed.group(3)))) if printed else None,
    }


def parse_file(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    tasks, sections = parse_tasks(text)
    return {"file": path, "document": parse_document(text), "sections": sections,
            "tasks": tasks, "livelihood_projects": parse_annex(text)}


def main(argv):
    if not argv:
        sys.stderr.write("usage: python3 benches/peer.py FILE [FILE ...]\n")
        return 2
    out = sys.stdout
    for path in argv:
        out.write(json.dumps(parse_file(path), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
