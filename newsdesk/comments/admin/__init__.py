"""Comment moderation in the Wagtail admin (registered in ../wagtail_hooks.py).

The Comment model is a snippet viewset (viewset.py): Wagtail's filters, search, ordering,
bulk selection and per-row buttons. On top of that (moderation.py): a POST-only view that
moves one comment to another status, the same moves as bulk actions, and (dashboard.py) a
pending count in the menu and on the dashboard with a panel of the newest pending comments.

Every status change goes through `Comment.moderate()`, so moderated_at / moderated_by are
kept. Editors may correct a comment's text, but change its status only through the
moderation actions, and never add comments: those come from readers.
"""
