#!/usr/bin/env python3
"""Make a synthetic bilingual plansite site of N workstreams per language, the same shape as
gen_hugo_site.py beside it (the Hugo version): each workstream has three GCM objectives and
two lead entities, a status, a ~60-word purpose and ten Markdown activities (~4 KB per file).
Usage: gen_site.py N OUTDIR   (OUTDIR gets content/; themes/ are linked from this repository)"""
import os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
ents = ["iom", "unhcr", "undp", "ilo", "unicef", "who", "ohchr", "unodc", "ifad", "un-desa"]
acr = {"es": ["OIM", "ACNUR", "PNUD", "OIT", "UNICEF", "OMS", "ACNUDH", "UNODC", "FIDA", "DAES"],
       "en": ["IOM", "UNHCR", "UNDP", "ILO", "UNICEF", "WHO", "OHCHR", "UNODC", "IFAD", "UN DESA"]}
words = ("migración pacto red apoyo datos retorno integración vías regulares "
         "capacidad gobiernos orientación indicadores derechos trabajo").split()

def para(k):
    return " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."

def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

c = f"{out}/content"
w(f"{c}/site.yaml", "languages: [es, en]\nbase_url: \"http://localhost/\"\n"
  "title: {es: \"Sitio sintético\", en: \"Synthetic site\"}\n")
w(f"{c}/data/objectives.yaml", "".join(
    f"- number: {i}\n  es: {{title: \"Objetivo {i}\", short: \"O{i}\"}}\n"
    f"  en: {{title: \"Objective {i}\", short: \"O{i}\"}}\n" for i in range(1, 24)))
for name, count in (("principles", 10), ("areas", 5), ("sdgs", 17)):
    w(f"{c}/data/{name}.yaml", "".join(
        f"- number: {i}\n  es: {{title: \"{name} {i}\"}}\n  en: {{title: \"{name} {i}\"}}\n"
        for i in range(1, count + 1)))
w(f"{c}/data/entities.yaml", "".join(
    f"- id: {e}\n  es: {{acronym: \"{acr['es'][i]}\", name: \"{acr['es'][i]}\"}}\n"
    f"  en: {{acronym: \"{acr['en'][i]}\", name: \"{acr['en'][i]}\"}}\n" for i, e in enumerate(ents)))
w(f"{c}/data/statuses.yaml", "- id: ongoing\n  es: {name: \"En curso\"}\n  en: {name: \"Ongoing\"}\n")
w(f"{c}/data/countries.yaml", "- id: mx\n  es: {name: \"México\"}\n  en: {name: \"Mexico\"}\n")
p = f"{c}/plans/synthetic"
w(f"{p}/plan.yaml", "scope: global\nperiod: {start: 2024, end: 2025}\norder: 1\ngroups:\n  - id: all\n")
for lang, t in (("es", "Plan sintético"), ("en", "Synthetic plan")):
    w(f"{p}/plan.{lang}.md", f"---\ntitle: \"{t}\"\ngroups:\n  all: {{title: \"{t}\"}}\n---\n{para(40)}\n")
for i in range(1, n + 1):
    objs = sorted(rnd.sample(range(1, 24), 3))
    leads = rnd.sample(ents, 2)
    w(f"{p}/ws-{i:05d}.yaml", f"number: \"{i}\"\norder: {i}\ngroup: all\nstatus: ongoing\n"
      f"leads: [{', '.join(leads)}]\nobjectives: [{', '.join(map(str, objs))}]\n")
    for lang in ("es", "en"):
        acts = "\n".join(f"{k}. {para(25)} **{para(3)}** _{para(4)}_" for k in range(1, 11))
        w(f"{p}/ws-{i:05d}.{lang}.md",
          f"---\ntitle: \"Lineamiento {i}: {para(8)}\"\npurpose: \"{para(60)}\"\n---\n\n"
          f"## Actividades\n\n{acts}\n")
os.makedirs(out, exist_ok=True)
themes = os.path.join(out, "themes")
if not os.path.exists(themes):
    os.symlink(os.path.abspath(os.path.join(os.path.dirname(__file__), "../../themes")), themes)
