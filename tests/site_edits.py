"""Random edits to a synthetic site (tests/bench/gen_site.py, its theme copied into it), shared by
the differential tests of incremental rebuilds (test_incremental.py for build --incremental,
test_serve_incremental.py for serve). Each edit returns a short name of what it did.
Python standard library only."""
import os, re, shutil


class Edits:
    def __init__(self, site, rnd):
        self.site, self.rnd = site, rnd
        self.plan = os.path.join(site, "content/plans/synthetic")
        self.data = os.path.join(site, "content/data")
        self.theme = os.path.join(site, "themes/default")
        e = self
        self.order = [e.e_body, e.e_body, e.e_body_same_size, e.e_title, e.e_objectives, e.e_objectives,
                      e.e_leads, e.e_order, e.e_entity, e.e_objective_title, e.e_rename,
                      e.e_delete, e.e_add, e.e_template, e.e_strings, e.e_site, e.e_none]

    def pick(self, step):
        """The edit of step number step: the list in order first, then random ones."""
        return self.order[step] if step < len(self.order) else self.rnd.choice(self.order)

    def apply(self, step):
        return self.pick(step)(self.rnd.choice(self.workstreams()))

    def workstreams(self):
        return sorted(f[:-5] for f in os.listdir(self.plan) if f.startswith("ws-") and f.endswith(".yaml"))

    def edit_file(self, path, fn):
        with open(path) as f:
            text = f.read()
        new = fn(text)
        with open(path, "w") as f:
            f.write(new)

    def e_body(self, ws):
        lang = self.rnd.choice(["es", "en"])
        self.edit_file(f"{self.plan}/{ws}.{lang}.md", lambda t: t + f"\nUn párrafo nuevo {self.rnd.random()}.\n")
        return "body"

    def e_body_same_size(self, ws):
        """One letter of the body changed: the file keeps its size (a fingerprint must not rest on
        sizes or times)."""
        lang = self.rnd.choice(["es", "en"])

        def swap(t):
            head, sep, body = t.partition("\n---\n")
            i = max(body.find("a"), 0)
            return head + sep + body[:i] + ("e" if body[i:i + 1] == "a" else "a") + body[i + 1:]
        self.edit_file(f"{self.plan}/{ws}.{lang}.md", swap)
        return "body"

    def e_title(self, ws):
        self.edit_file(f"{self.plan}/{ws}.en.md", lambda t: re.sub(r'title: "', f'title: "T{self.rnd.randint(0, 99)} ', t, 1))
        return "title"

    def e_objectives(self, ws):
        objs = sorted(self.rnd.sample(range(1, 24), self.rnd.randint(1, 4)))
        self.edit_file(f"{self.plan}/{ws}.yaml", lambda t: re.sub(r"objectives: \[.*\]",
                                                         f"objectives: [{', '.join(map(str, objs))}]", t))
        return "objectives"

    def e_leads(self, ws):
        leads = self.rnd.sample(["iom", "unhcr", "undp", "ilo", "unicef", "who"], 2)
        self.edit_file(f"{self.plan}/{ws}.yaml", lambda t: re.sub(r"leads: \[.*\]", f"leads: [{', '.join(leads)}]", t))
        return "facts (leads)"

    def e_order(self, ws):
        self.edit_file(f"{self.plan}/{ws}.yaml", lambda t: re.sub(r"order: \d+", f"order: {self.rnd.randint(1, 60)}", t))
        return "facts (order)"

    def e_entity(self, ws):
        self.edit_file(f"{self.data}/entities.yaml",
                  lambda t: t.replace('name: "OIT"', 'name: "Organización Internacional del Trabajo"', 1)
                  if 'name: "OIT"' in t else t.replace('name: "Organización Internacional del Trabajo"',
                                                       'name: "OIT"', 1))
        return "entity"

    def e_objective_title(self, ws):
        k = self.rnd.randint(1, 23)
        self.edit_file(f"{self.data}/objectives.yaml",
                  lambda t: t.replace(f'title: "Objective {k}"', f'title: "Objective {k} (renamed)"', 1))
        return "objective title"

    def e_rename(self, ws):
        new = f"ws-{self.rnd.randint(100, 999):05d}"
        if os.path.exists(f"{self.plan}/{new}.yaml"):
            return "rename (skipped)"
        for ext in (".yaml", ".es.md", ".en.md"):
            os.rename(f"{self.plan}/{ws}{ext}", f"{self.plan}/{new}{ext}")
        return "rename"

    def e_delete(self, ws):
        if len(self.workstreams()) < 10:
            return "delete (skipped)"
        for ext in (".yaml", ".es.md", ".en.md"):
            os.unlink(f"{self.plan}/{ws}{ext}")
        return "delete"

    def e_add(self, ws):
        new = f"ws-{self.rnd.randint(1000, 9999):05d}"
        for ext in (".yaml", ".es.md", ".en.md"):
            shutil.copy(f"{self.plan}/{ws}{ext}", f"{self.plan}/{new}{ext}")
        self.edit_file(f"{self.plan}/{new}.yaml", lambda t: re.sub(r'number: "\d+"', f'number: "{new[3:]}"', t))
        return "add"

    def e_template(self, ws):
        name = self.rnd.choice(["workstream", "ws-card", "base", "term"])
        self.edit_file(f"{self.theme}/templates/{name}.mustache", lambda t: t + f"<!-- {self.rnd.random()} -->\n")
        return f"template {name}"

    def e_strings(self, ws):
        lang = self.rnd.choice(["es", "en"])
        self.edit_file(f"{self.theme}/i18n/{lang}.yaml",
                  lambda t: re.sub(r'^home: "([^"]*)"', lambda m: f'home: "{m.group(1)}+"', t, 1, re.M))
        return f"string table {lang}"

    def e_site(self, ws):
        self.edit_file(f"{self.site}/content/site.yaml", lambda t: t.replace('Synthetic site', 'Synthetic site 2')
                  if 'site 2' not in t else t.replace('Synthetic site 2', 'Synthetic site'))
        return "site.yaml"

    def e_none(self, ws):
        return "no change"
