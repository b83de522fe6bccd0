"""One build of the preview: the plan's HTML, or a page that lists what stops it.

The plan is rendered exactly as ``ntsplan build --only html`` renders it. The browser
support (a reload script and a favicon stub) is added to the served copy only: the built
file stays free of JavaScript.
"""

from __future__ import annotations

import html
import json
import traceback
from dataclasses import dataclass
from pathlib import Path

from ntsplan.check import CheckResult, check_folder
from ntsplan.errors import NtsplanError
from ntsplan.problems import Problem, Severity
from ntsplan.report import display_path

# Reloads the page when the server announces a build other than the one it shows. The
# EventSource reconnects by itself after a server restart and gets the current build then.
_RELOAD_SCRIPT = """<script nonce="{nonce}">
(function () {{
  "use strict";
  var shown = {token};
  var events = new EventSource("/events");
  events.addEventListener("build", function (event) {{
    if (event.data !== shown) {{
      events.close();
      location.reload();
    }}
  }});
}})();
</script>
"""
# Without it the browser asks for /favicon.ico, which the server does not serve.
_NO_FAVICON = '<link rel="icon" href="data:,">\n'

_ERROR_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; color: #a4000f; }
ol { padding-left: 0; list-style: none; }
li { border-left: 4px solid #a4000f; margin: 0 0 .75rem; padding: .25rem .75rem;
     background: #fdf2f2; }
li.warning { border-color: #a06000; background: #fdf8ee; }
.where { font-family: ui-monospace, monospace; font-weight: bold; }
.code { color: #555; font-family: ui-monospace, monospace; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .75rem; }
"""


@dataclass(frozen=True, slots=True)
class Build:
    """The outcome of one build.

    ``html`` is the plan document when ``ok``, otherwise a page listing the problems.
    ``result`` is the data check (None when it could not run); ``failure`` describes a
    failure that is not a problem in the data, such as a broken template.
    """

    html: str
    ok: bool
    result: CheckResult | None = None
    failure: str | None = None


def build_page(data_dir: Path) -> Build:
    """Check ``data_dir`` and render the plan, or a page that lists what stops it.

    Never raises for the user's mistakes: errors in the data, a missing folder and broken
    templates all become a page, so the preview keeps running while they are fixed.
    """
    try:
        result = check_folder(data_dir)
    except NtsplanError as error:
        return _failed(error.message if not error.hint else f"{error.message}\n{error.hint}")
    if result.plan is None:
        return Build(error_page(result.problems), ok=False, result=result)
    try:
        from ntsplan.plan.edition import choose_edition  # noqa: PLC0415
        from ntsplan.render import render_html  # noqa: PLC0415

        document = render_html(result.plan, choose_edition(result.plan))
    except NtsplanError as error:
        return _failed(error.message, result)
    except Exception as error:  # a template being edited may fail in any way
        return _failed(_describe(error), result)
    return Build(document, ok=True, result=result)


def forget_templates() -> None:
    """Drop the compiled templates and label catalogues, so the next build reads them anew.

    The render stage keeps them for the life of the process, which is right for one build
    but not for a preview whose templates are being edited.
    """
    from ntsplan.plan.labels import load_labels  # noqa: PLC0415
    from ntsplan.render.environment import make_environment  # noqa: PLC0415

    make_environment.cache_clear()
    load_labels.cache_clear()


def _failed(message: str, result: CheckResult | None = None) -> Build:
    return Build(error_page((), failure=message), ok=False, result=result, failure=message)


def _describe(error: Exception) -> str:
    """An exception raised while rendering, with the template file and line if known."""
    from jinja2 import TemplateSyntaxError  # noqa: PLC0415

    if isinstance(error, TemplateSyntaxError):
        where = display_path(error.filename) if error.filename else error.name or "template"
        return f"{where}:{error.lineno}: {error.message}"
    # Jinja puts the template's own frames into the traceback, with their file names.
    frames = [
        f"{display_path(frame.filename)}:{frame.lineno}"
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith(".j2")
    ]
    where = f"{frames[-1]}: " if frames else ""
    return f"{where}{type(error).__name__}: {error}"


def error_page(problems: tuple[Problem, ...] | list[Problem], failure: str | None = None) -> str:
    """A small self-contained page listing ``problems`` (or ``failure``), all escaped."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if failure is not None:
        heading = "The plan cannot be shown"
        body = f"<pre>{html.escape(failure)}</pre>\n"
    else:
        count = len(errors)
        heading = f"The plan has {count} error{'s' if count != 1 else ''}"
        items = "".join(_problem_item(problem) for problem in problems)
        body = f'<ol class="problems">\n{items}</ol>\n'
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading} – ntsplan</title>\n<style>{_ERROR_STYLE}</style>\n</head>\n<body>\n"
        f'<h1 id="problems">{heading}</h1>\n'
        "<p>Fix the files and save: this page shows the plan again by itself.</p>\n"
        f"{body}</body>\n</html>\n"
    )


def _problem_item(problem: Problem) -> str:
    where = f"{display_path(problem.file)}:{problem.line}:{problem.column}"
    return (
        f'<li class="{problem.severity.value}"><span class="where">{html.escape(where)}</span>'
        f": {problem.severity.value}: {html.escape(problem.message)} "
        f'<span class="code">[{html.escape(problem.code)}]</span></li>\n'
    )


def with_reload(document: str, token: str, nonce: str) -> str:
    """``document`` with the reload script for build ``token`` (run under CSP ``nonce``)."""
    script = _RELOAD_SCRIPT.format(nonce=nonce, token=json.dumps(token))
    document = _insert_before(document, "</head>", _NO_FAVICON)
    return _insert_before(document, "</body>", script)


def _insert_before(document: str, tag: str, text: str) -> str:
    at = document.lower().rfind(tag)
    if at < 0:
        return document + text if tag == "</body>" else document
    return document[:at] + text + document[at:]
