"""What an import did, by type: imported, updated, skipped (why), and what to look at."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SHOWN_URLS = 20


@dataclass
class Report:
    imported: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # (type, reason) -> count
    unknown_shortcodes: Counter = field(default_factory=Counter)
    unknown_blocks: Counter = field(default_factory=Counter)
    remote_images: dict[str, None] = field(default_factory=dict)  # ordered set
    redirects: int = 0
    changes: list[str] = field(default_factory=list)
    keep_changes: bool = False

    def done(self, kind: str, created: bool, label: str = "") -> None:
        (self.imported if created else self.updated)[kind] += 1
        if self.keep_changes:
            self.changes.append(f"{'+' if created else '~'} {kind} {label}".rstrip())

    def skip(self, kind: str, reason: str) -> None:
        self.skipped[kind, reason] += 1

    def remote_image(self, url: str) -> None:
        self.remote_images[url] = None

    def lines(self) -> list[str]:
        kinds = sorted(set(self.imported) | set(self.updated))
        out = [f"{k}: {self.imported[k]} imported, {self.updated[k]} updated" for k in kinds]
        skipped = sorted(self.skipped.items())
        out += [f"{kind}: {count} skipped ({reason})" for (kind, reason), count in skipped]
        out.append(f"redirects from old URLs: {self.redirects}")
        if self.unknown_shortcodes:
            names = ", ".join(f"[{n}] x{c}" for n, c in self.unknown_shortcodes.most_common())
            out.append(f"unknown shortcodes kept as text: {names}")
        if self.unknown_blocks:
            names = ", ".join(f"{n} x{c}" for n, c in self.unknown_blocks.most_common())
            out.append(f"unknown blocks kept as HTML: {names}")
        if self.remote_images:
            out.append(f"images kept at their original URL: {len(self.remote_images)}")
            out += [f"  {url}" for url in list(self.remote_images)[:SHOWN_URLS]]
            if len(self.remote_images) > SHOWN_URLS:
                out.append(f"  ... and {len(self.remote_images) - SHOWN_URLS} more")
        return out
