"""The Apps screen's page, remote_netsuite_connector/static/description/index.html, made from the
OCA readme fragments in remote_netsuite_connector/readme/*.md and the manifest, laid out as the
OCA's oca-gen-addon-readme lays it out (that tool is not on PyPI: it lives in the OCA's
maintainer-tools repository). Images in the fragments point at ../static/description/, where
Odoo finds them for the page too.

    python3 scripts/gen_addon_readme.py           writes index.html
    python3 scripts/gen_addon_readme.py --check   fails when index.html is not what it writes
"""

import ast
import html
import sys
from pathlib import Path

from markdown_it import MarkdownIt

ADDON = Path(__file__).resolve().parent.parent / "remote_netsuite_connector"
INDEX = ADDON / "static/description/index.html"
SECTIONS = (  # fragment, title (the description has none)
    ("DESCRIPTION", None),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
)


def fragment(name):
    path = ADDON / "readme" / f"{name}.md"
    rendered = MarkdownIt("commonmark").render(path.read_text(encoding="utf-8"))
    return rendered.replace('src="../static/description/', 'src="')


def section(anchor, title, body):
    return f'<section id="{anchor}">\n<h2>{html.escape(title)}</h2>\n{body}</section>\n'


def render():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    series = ".".join(manifest["version"].split(".")[:2])
    badges = " · ".join(
        html.escape(value)
        for value in (manifest["development_status"], manifest["license"], f"Odoo {series}")
    )
    parts = [
        '<div class="document">\n',
        f'<h1 class="title">{html.escape(manifest["name"])}</h1>\n',
        f'<p class="lead">{html.escape(manifest["summary"])}</p>\n',
        f'<p class="badges"><em>{badges}</em></p>\n',
        fragment("DESCRIPTION"),
        "<h2>Table of contents</h2>\n<ul>\n",
    ]
    titled = [(name, title) for name, title in SECTIONS if title]
    parts += [f'<li><a href="#{name.lower()}">{title}</a></li>\n' for name, title in titled]
    parts.append('<li><a href="#credits">Credits</a></li>\n</ul>\n')
    parts += [section(name.lower(), title, fragment(name)) for name, title in titled]
    maintainers = ", ".join(html.escape(login) for login in manifest["maintainers"])
    credits = (
        f"<h3>Authors</h3>\n<ul>\n<li>{html.escape(manifest['author'])}</li>\n</ul>\n"
        f"<h3>Contributors</h3>\n{fragment('CONTRIBUTORS')}"
        f"<h3>Maintainers</h3>\n<p>{maintainers} "
        f'(<a href="{html.escape(manifest["website"])}">{html.escape(manifest["website"])}</a>)'
        "</p>\n"
    )
    parts += [section("credits", "Credits", credits), "</div>\n"]
    return "".join(parts)


if __name__ == "__main__":
    page = render()
    if "--check" in sys.argv[1:]:
        if INDEX.read_text(encoding="utf-8") != page:
            sys.exit(f"{INDEX} is not made from readme/: run python3 scripts/gen_addon_readme.py")
    else:
        INDEX.write_text(page, encoding="utf-8")
