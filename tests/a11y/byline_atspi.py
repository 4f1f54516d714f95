# byline_atspi.py: drives the real Byline over AT-SPI, as a screen reader sees it, and with real
# key presses, as a keyboard user works it.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# How long to wait for something that should happen at once before calling it missing: only a
# failing test ever waits this long.
PATIENCE = 20.0

# Roles a user operates, and images: each must carry a name when it is shown. (AT-SPI names
# a push button's role "button" since 2.52, "push button" before.)
NAMED_ROLES = {
    "push button", "button", "toggle button", "check box", "radio button", "menu item", "check menu item",
    "radio menu item", "link", "entry", "password text", "combo box", "spin button", "slider",
    "page tab", "page tab list", "list box", "switch", "image", "document web", "dialog", "frame",
    "menu",
}
# A mnemonic underscore left in a name: "_Details", "Open _Recent", "_1".
UNDERSCORE = re.compile(r"(^|[\s(])_[^\s_]|[A-Za-z]_[A-Z]")


def pump():
    ctx = GLib.MainContext.default()
    while ctx.pending():
        ctx.iteration(False)


def wait_for(condition, what, patience=PATIENCE):
    deadline = time.monotonic() + patience
    while True:
        pump()
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def safe(call, default=None):
    try:
        return call()
    except GLib.Error:
        return default


def states(node):
    s = safe(node.get_state_set)
    return s


def has(node, state):
    s = states(node)
    return s is not None and s.contains(state)


def role(node):
    return safe(node.get_role, Atspi.Role.INVALID)


def name(node):
    return safe(node.get_name, "") or ""


def children(node):
    n = safe(node.get_child_count, 0) or 0
    for i in range(n):
        child = safe(lambda: node.get_child_at_index(i))
        if child is not None:
            yield child


def extents(node):
    comp = safe(node.get_component_iface)
    if comp is None:
        return None
    return safe(lambda: comp.get_extents(Atspi.CoordType.SCREEN))


def labelled_by(node):
    for rel in safe(node.get_relation_set, []) or []:
        if rel.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(rel.get_n_targets()):
                if name(rel.get_target(i)):
                    return True
    return False


def describe(node):
    path = []
    n = node
    for _ in range(8):
        if n is None:
            break
        path.append(f"{safe(n.get_role_name, '?')}:{name(n)[:30]!r}")
        n = safe(n.get_parent)
    return " < ".join(path)


def ancestors(node):
    n = safe(node.get_parent)
    while n is not None:
        yield n
        if role(n) == Atspi.Role.APPLICATION:
            return
        n = safe(n.get_parent)


def name_problem(node):
    """What is wrong with a node's name, or None."""
    text = name(node).strip()
    if not text:
        return None if labelled_by(node) else "no name"
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return f"name said twice: {text!r}"
    if UNDERSCORE.search(text):
        return f"mnemonic underscore in name: {text!r}"
    return None


def role_name(node):
    return safe(node.get_role_name, "") or ""


# Roles of controls, which say whether they can be used.
OPERABLE_ROLES = {
    "push button", "button", "toggle button", "check box", "radio button", "menu item", "check menu item",
    "radio menu item", "link", "entry", "password text", "combo box", "spin button", "slider",
    "page tab", "switch", "text",
}


def audit(root, skip=lambda node: False):
    """Every shown node that a user operates, that shows an image or that takes focus has one
    clean name; no node has a doubled name or a mnemonic underscore in it; no control inside
    one that cannot be used says it can."""
    problems = []

    def walk(node, depth, insensitive=None):
        if depth > 80 or skip(node):
            return
        r = role_name(node)
        if r not in ("frame", "window", "dialog", "application") and \
                not has(node, Atspi.StateType.SHOWING):
            return
        if insensitive is not None and r in OPERABLE_ROLES and has(node, Atspi.StateType.SENSITIVE):
            problems.append(f"usable inside {describe(insensitive)[:60]!r}, which is not: "
                            f"{describe(node)}")
        if insensitive is None and r in OPERABLE_ROLES and not has(node, Atspi.StateType.SENSITIVE):
            insensitive = node
        problem = name_problem(node)
        # GTK marks containers focusable (a scrolled window, a plain widget) that never take
        # the focus themselves; the focus walks catch those that do.
        if problem == "no name" and r not in NAMED_ROLES and \
                (not has(node, Atspi.StateType.FOCUSABLE) or r in ("scroll pane", "panel")):
            problem = None
        if problem:
            problems.append(f"{problem}: {describe(node)}")
        for child in children(node):
            walk(child, depth + 1, insensitive)

    walk(root, 0)
    return problems


class Focus:
    """The node that has the keyboard focus, as AT-SPI tells it."""

    def __init__(self):
        self.node = None
        self.serial = 0
        self.listener = Atspi.EventListener.new(self._event)
        self.listener.register("object:state-changed:focused")

    def _event(self, event):
        if event.detail1 == 1:
            self.node = event.source
            self.serial += 1


class App:
    def __init__(self, article_dir):
        self.dir = tempfile.mkdtemp(prefix="byline-a11y-")
        shutil.copytree(article_dir, os.path.join(self.dir, "article"))
        self.article = os.path.join(self.dir, "article", "sample-article.md")
        env = dict(os.environ)
        # Drafts and the session of one case are not the next one's.
        env["XDG_DATA_HOME"] = os.path.join(self.dir, "data")
        env["XDG_STATE_HOME"] = os.path.join(self.dir, "state")
        env.pop("NO_AT_BRIDGE", None)
        env.pop("GTK_A11Y", None)
        Atspi.init()
        self.focus = Focus()
        self.proc = subprocess.Popen([os.environ["BYLINE_BINARY"], self.article], env=env)
        self.app = wait_for(self._find_app, "Byline on the accessibility bus")
        self.window = wait_for(self._main_window, "the main window")
        self.xid = wait_for(self._x_window, "the X window")
        subprocess.run(["xdotool", "windowfocus", "--sync", self.xid], check=False)
        ext = extents(self.window)
        if ext is not None:
            subprocess.run(["xdotool", "mousemove", str(ext.x + 5), str(ext.y + ext.height - 3)])

    def _find_app(self):
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            if safe(app.get_process_id) == self.proc.pid:
                return app
        if self.proc.poll() is not None:
            raise AssertionError("Byline exited")
        return None

    def _main_window(self):
        for win in children(self.app):
            if role(win) == Atspi.Role.FRAME and has(win, Atspi.StateType.SHOWING):
                return win
        return None

    def _x_window(self):
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.proc.pid)],
                             capture_output=True, text=True).stdout.split()
        return out[0] if out else None

    def windows(self):
        return [w for w in children(self.app) if has(w, Atspi.StateType.SHOWING)]

    def key(self, *keys):
        subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)

    def press(self, key, what=None):
        """Presses a key and returns the node that has focus after it."""
        before = self.focus.serial
        self.key(key)
        try:
            wait_for(lambda: self.focus.serial != before, what or f"focus to move on {key}",
                     patience=PATIENCE / 2)
        except AssertionError:
            return None
        # Several focus events may follow one key press (the web view, then the link in it):
        # the focus is where the events stop.
        self.settle()
        return self.focus.node

    def settle(self):
        last, quiet = self.focus.serial, time.monotonic()
        while time.monotonic() - quiet < 0.4:
            pump()
            time.sleep(0.02)
            if self.focus.serial != last:
                last, quiet = self.focus.serial, time.monotonic()

    def find(self, predicate, root=None):
        found = []

        def walk(node, depth):
            if depth > 60 or found:
                return
            if predicate(node):
                found.append(node)
                return
            for child in children(node):
                walk(child, depth + 1)

        walk(root or self.app, 0)
        return found[0] if found else None

    def quit(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
