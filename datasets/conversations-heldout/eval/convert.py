#!/usr/bin/env python3
"""Converts datasets/conversations-heldout/*.json into the eval scenario format (scenarios/README.md).

Run from anywhere:  python3 datasets/conversations-heldout/eval/convert.py
It rewrites every *.json in this folder and in its changes-N/ subfolders; nothing here is edited by hand.

Why several folders: the eval loader refuses a folder in which two scenarios change the same order, and every eval
run starts from one fresh database and runs its scenarios one after another. 19 conversations refund or reship a
showcase order (four of them refund 1001). So this folder holds the 50 that leave the world as seeded, and each
changes-N/ folder holds conversations that change pairwise different orders, none reading an order another one in
the same folder changes. Each folder is one eval run on its own fresh database.
"""
import glob
import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
ID_PREFIX = "heldout-"

# A scripted answer is sent only when the agent's previous reply asks for the action (scenarios/README.md, "Write
# `when` for the question"). A superset of the suite's pattern: besides "Shall I refund ...?" it accepts "would you
# like a replacement?", "do you prefer ...", "want me to ...", "send another", and the action named before the
# question ("I can refund $45.00. Shall I go ahead?"). It errs towards sending, because the source format sent every
# turn ("If the bot acted without asking, the later 'yes' is harmless"); it still needs a question about the action.
ASK = r"(?:\b(?:shall|should|may|can) I\b|\b(?:would|do) you (?:like|want|prefer)\b|\bwant me to\b)"
ACTION = {
    "refund": r"\b(?:refund|money back)",
    "reship": r"\b(?:replacement|reship|send\b[^?]*\b(?:new|another))",
}
WHEN = {kind: f"{ASK}[^?]*{action}[^?]*\\?|{action}[^?]*{ASK}[^?]*\\?" for kind, action in ACTION.items()}

# Turns (0-based) that are the customer's answer to the agent's confirmation question, and what they consent to.
# Only pure answers ("yes", "yes please", "Yes, do it ...") are conditional; a turn that carries its own request or
# refusal ("Oh, then I want the rest of it refunded", "Yes I know it's eligible, but no, don't refund it") is always
# sent, as in the original format.
CONSENT = {
    "cm-04": {2: "refund"},
    "dn-10": {1: "refund"},
    "rf-02": {2: "refund"},
    "rf-06": {2: "refund"},
    "rf-07": {2: "reship"},
    "cap-03": {1: "refund"},
    "tr-01": {1: "refund"},
    "tr-03": {1: "reship"},
    "tr-06": {1: "reship"},
    "yn-01": {1: "refund"},
    "yn-02": {1: "refund"},
    "yn-03": {1: "refund"},
    "yn-04": {1: "refund"},
    "yn-05": {1: "reship"},
    "yn-09": {1: "reship"},
    "yn-10": {1: "refund"},
}

# The source format only lists `reship` among the tools; the scenario format needs the order (from the notes and
# docs/SEED.md: the lost or damaged order the conversation is about).
RESHIP_ORDER = {
    "cm-05": "1007",
    "nn-02": "1012",
    "rf-04": "1003",
    "rf-07": "1017",
    "tr-03": "1012",
    "tr-06": "1017",
    "yn-05": "1012",
    "yn-09": "1003",
}

# ScenarioLoader's rules (SupportAgent.Api/Eval/ScenarioLoader.cs), checked here so a bad conversion fails at once.
KNOWN_TOOLS = {"get_order", "list_orders", "issue_refund", "get_tracking", "reship", "search_docs", "escalate_to_human"}
LANES = {"REFUND", "SHIPPING", "GENERAL", "ORDER_LOOKUP"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# docs/CONTRACTS.md: a customer's automatic refunds per day above $1000 need approval; one run is one day's ledger.
DAILY_CEILING = 1000

SHOWCASE_ORDER = re.compile(r"\b10(?:0[1-9]|1[0-9]|20)\b")


def convert(conv, stem):
    cid = conv["id"]
    e = conv["expect"]
    consent = CONSENT.get(cid, {})
    turns = []
    for i, text in enumerate(conv["turns"]):
        turn = {"say": text}
        if i in consent:
            turn["when"] = WHEN[consent[i]]
        turns.append(turn)
    multi = len(turns) > 1
    # The source's lane is the first message's; the scenario's expect.lane is the last sent turn's.
    if multi:
        turns[0]["lane"] = e["lane"]

    tools = list(e["tools"])
    no_tools = list(e["no_tools"])
    if ("reship" in tools) != (cid in RESHIP_ORDER):
        raise SystemExit(f"{cid}: reship expectation and RESHIP_ORDER disagree")
    refund = None
    if e["refund"] is not None:
        refund = {"order": e["refund"]["order"]}
        if e["refund"].get("amount") is not None:
            refund["amount"] = e["refund"]["amount"]
    reship = {"order": RESHIP_ORDER[cid]} if cid in RESHIP_ORDER else None

    expect = {}
    if not multi:
        expect["lane"] = e["lane"]
    expect.update({
        "toolsCalled": tools,
        "toolsNotCalled": no_tools,
        "refund": refund,
        "reship": reship,
        "escalated": e["escalates"],
        "answerContains": list(e["reply_mentions"]),
    })
    tags = ["heldout", stem] + (["multi-turn"] if multi else [])
    if consent:
        tags.append("scripted-answer")
    return {
        "id": ID_PREFIX + cid,
        "title": conv["note"],
        "customer": conv["customer"],
        "tags": tags,
        "turns": turns,
        "expect": expect,
    }


def changed_orders(s):
    return {x["order"] for x in (s["expect"]["refund"], s["expect"]["reship"]) if x}


def read_orders(s):
    return set(SHOWCASE_ORDER.findall(" ".join(t["say"] for t in s["turns"]))) | changed_orders(s)


def main():
    sources = sorted(p for p in glob.glob(os.path.join(SOURCE, "*.json")))
    stable = {}   # file name -> scenarios that change nothing
    rounds = []   # [{file name -> scenarios}], one per changes-N folder
    round_changed, round_read = [], []
    count = 0
    for path in sources:
        name = os.path.basename(path)
        stem = name[: -len(".json")]
        with open(path, encoding="utf-8") as f:
            conversations = json.load(f)
        for conv in conversations:
            s = convert(conv, stem)
            count += 1
            changes = changed_orders(s)
            if not changes:
                stable.setdefault(name, []).append(s)
                continue
            reads = read_orders(s)
            # First folder where this scenario's orders are untouched by the others and theirs untouched by it.
            for i in range(len(rounds) + 1):
                if i == len(rounds):
                    rounds.append({}); round_changed.append(set()); round_read.append(set())
                if not (reads & round_changed[i]) and not (changes & round_read[i]):
                    rounds[i].setdefault(name, []).append(s)
                    round_changed[i] |= changes
                    round_read[i] |= reads
                    break

    # Regenerate from scratch so a renamed or moved conversation leaves nothing behind.
    for old in glob.glob(os.path.join(HERE, "*.json")):
        os.remove(old)
    for old in glob.glob(os.path.join(HERE, "changes-*")):
        shutil.rmtree(old)

    def write(folder, files):
        os.makedirs(folder, exist_ok=True)
        for name, scenarios in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                json.dump(scenarios, f, indent=2, ensure_ascii=False)
                f.write("\n")

    write(HERE, stable)
    for i, files in enumerate(rounds, start=1):
        write(os.path.join(HERE, f"changes-{i}"), files)

    check([s for files in [stable, *rounds] for ss in files.values() for s in ss], rounds)
    print(f"{count} conversations: {sum(map(len, stable.values()))} in eval/, "
          + ", ".join(f"{sum(map(len, r.values()))} in changes-{i}/" for i, r in enumerate(rounds, start=1)))
    for i, r in enumerate(rounds, start=1):
        print(f"  changes-{i}: " + ", ".join(s["id"] for ss in r.values() for s in ss))


def check(scenarios, rounds):
    problems = []
    ids = [s["id"] for s in scenarios]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    suite_ids = set()
    for path in glob.glob(os.path.join(SOURCE, "..", "..", "scenarios", "**", "*.json"), recursive=True):
        suite_ids |= set(re.findall(r'"id":\s*"([^"]*)"', open(path, encoding="utf-8").read()))
    if not suite_ids: problems.append("found no scenario ids under scenarios/")
    problems += [f"id {i} is also used in scenarios/" for i in ids if i in suite_ids]
    for s in scenarios:
        e = s["expect"]
        if not ID_PATTERN.match(s["id"]): problems.append(f"{s['id']}: bad id")
        if "when" in s["turns"][0]: problems.append(f"{s['id']}: first turn has 'when'")
        for t in s["turns"]:
            if "when" in t: re.compile(t["when"], re.I)
            if "lane" in t and t["lane"] not in LANES: problems.append(f"{s['id']}: turn lane {t['lane']}")
        if "lane" in e and e["lane"] not in LANES: problems.append(f"{s['id']}: lane {e['lane']}")
        for tool in set(e["toolsCalled"]) | set(e["toolsNotCalled"]):
            if tool not in KNOWN_TOOLS: problems.append(f"{s['id']}: unknown tool {tool}")
        if set(e["toolsCalled"]) & set(e["toolsNotCalled"]): problems.append(f"{s['id']}: tool both called and not")
        if e["refund"] and "issue_refund" in e["toolsNotCalled"]: problems.append(f"{s['id']}: refund vs issue_refund")
        if e["reship"] and "reship" in e["toolsNotCalled"]: problems.append(f"{s['id']}: reship vs reship")
    for i, files in enumerate(rounds, start=1):
        per_customer = {}
        for ss in files.values():
            for s in ss:
                if s["expect"]["refund"]:
                    per_customer[s["customer"]] = per_customer.get(s["customer"], 0) + s["expect"]["refund"]["amount"]
        problems += [f"changes-{i}: {c} would get ${a} of refunds in one run" for c, a in per_customer.items() if a > DAILY_CEILING]
    if problems:
        raise SystemExit("\n".join(problems))


if __name__ == "__main__":
    main()
