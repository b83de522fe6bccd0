"""Live preview for ``ntsplan serve``: the plan as a web page that follows every save.

    watcher  a background thread that reports saves in the data and template folders
    page     one build: the plan's HTML, or a page listing the problems that stop it
    live     the latest page, a build counter, and waiting for the next build
    server   the HTTP server: the page at ``/`` and Server-Sent Events at ``/events``

Only ``ntsplan serve`` imports this package; it pulls in ``http.server`` and watchfiles.
"""
