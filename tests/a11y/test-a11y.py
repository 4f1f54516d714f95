#!/usr/bin/env python3
# test-a11y.py CASE: Byline as a screen reader and a keyboard user meet it. Reads the tree that
# AT-SPI exports (what Orca reads) from the real program, on the session's accessibility bus,
# and moves the focus with real key presses. Each case fails on a keyboard trap, a focused or
# operable node without a name, a name said twice or a mnemonic underscore in a name.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from byline_atspi import (App, Atspi, describe, extents, has, name, name_problem,  # noqa: E402
                          role_name, audit, wait_for, ancestors, children)

SAMPLE = os.path.join(os.environ["BYLINE_SOURCE_ROOT"], "data", "sample")
EDITOR = "Article source"
MAX_PRESSES = 150


def in_preview(node):
    return any(role_name(a) == "document web" or (role_name(a) == "grouping" and name(a) == "Preview")
               for a in [node, *ancestors(node)])


def in_panel(node):
    return any(role_name(a) == "list" and name(a) == "Record" for a in ancestors(node)) or \
        any(name(a) in ("Details", "Outline", "Checklist") for a in ancestors(node))


def is_editor(node):
    return node is not None and role_name(node) == "text" and name(node) == EDITOR


def region(node):
    if is_editor(node):
        return "editor"
    if in_preview(node) or role_name(node) == "document web" or name(node) == "Preview":
        return "preview"
    if in_panel(node):
        return "panel"
    return "header"


def focused(app, root=None):
    return app.find(lambda n: has(n, Atspi.StateType.FOCUSED) and
                    role_name(n) not in ("frame", "dialog", "window"), root or app.window)


def check_focus(node, key, problems):
    """The node that took focus is shown and has one clean name."""
    what = describe(node)
    problem = name_problem(node)
    if problem:
        problems.append(f"after {key}, focus on a node with {problem}: {what}")
    e = extents(node)
    if e is not None and (e.width <= 0 or e.height <= 0):
        problems.append(f"after {key}, focus on a node with no size: {what}")


def same(a, b):
    """The same node, whether it came from an event or from the tree."""
    if a == b:
        return True
    ea, eb = extents(a), extents(b)
    return describe(a) == describe(b) and ea is not None and eb is not None and \
        (ea.x, ea.y, ea.width, ea.height) == (eb.x, eb.y, eb.width, eb.height)


def walk_cycle(app, forward, root=None, leave_editor=True):
    """Presses Tab (or Shift+Tab) until the focus comes back to where it started. In the editor,
    where Tab indents, Ctrl+Tab moves on. Returns the regions visited and the problems."""
    tab = "Tab" if forward else "shift+Tab"
    start = focused(app, root)
    assert start is not None, "nothing has the focus"
    node, seen, problems = start, [], []
    for _ in range(MAX_PRESSES):
        key = ("ctrl+" + tab) if (leave_editor and is_editor(node)) else tab
        moved = app.press(key)
        if moved is None:
            problems.append(f"keyboard trap: {key} does not move the focus from {describe(node)}")
            return seen, problems
        node = moved
        check_focus(node, key, problems)
        seen.append(region(node))
        if same(node, start) or (is_editor(start) and is_editor(node)):
            return seen, problems
    problems.append(f"{tab} never brings the focus back to where it started")
    return seen, problems


def fail(problems):
    for p in problems:
        print("FAIL:", p)
    sys.exit(1)


def open_main_window():
    app = App(SAMPLE)
    wait_for(lambda: app.find(lambda n: role_name(n) == "link"), "a link in the preview")
    if app.find(lambda n: role_name(n) == "list" and name(n) == "Record") is None:
        app.key("F9")
        wait_for(lambda: app.find(lambda n: role_name(n) == "list" and name(n) == "Record"),
                 "the side panel")
    wait_for(lambda: focused(app), "the focus in the window")
    return app


def case_tree(app):
    """Every operable node of the main window, the side panel and the preview is named."""
    # The tab bar hides itself with one tab, after an animation: the tree is read once the
    # window has settled, that is once it reads the same twice.
    last = []

    def settled():
        nonlocal last
        now = audit(app.window)
        same, last = now == last, now
        return same and not now
    try:
        wait_for(settled, "a named tree", patience=10)
    except AssertionError:
        pass
    problems = last
    # Task lists' check boxes, shown or scrolled away, are named and say whether they are done.
    doc = app.find(lambda n: role_name(n) == "document web")
    boxes = []
    stack = [doc] if doc is not None else []
    while stack:
        node = stack.pop()
        if role_name(node) == "check box":
            boxes.append(node)
        stack.extend(children(node))
    if len(boxes) != 4:
        problems.append(f"the preview shows {len(boxes)} task check boxes rather than 4")
    for box in boxes:
        if name_problem(box):
            problems.append(f"task check box with {name_problem(box)}: {describe(box)}")
    if sum(has(b, Atspi.StateType.CHECKED) for b in boxes) != 2:
        problems.append("the preview's task check boxes do not say which are done")
    # Two buttons that read the same do different things nowhere in the window (the date rows'
    # buttons once both read "Choose Date and Time").
    buttons = {}
    stack = [app.window]
    while stack:
        node = stack.pop()
        # A menu button is exported as a button holding the toggle that takes the focus,
        # both with its name: one control.
        parent = node.get_parent()
        part = parent is not None and role_name(parent) == "button" and name(parent) == name(node)
        if role_name(node) in ("push button", "button", "toggle button") and \
                has(node, Atspi.StateType.SHOWING) and name(node) and not part:
            buttons.setdefault(name(node), []).append(node)
        stack.extend(children(node))
    for label, nodes in buttons.items():
        if len(nodes) > 1:
            problems.append(f"{len(nodes)} buttons named {label!r}: {describe(nodes[0])}")
    doc = app.find(lambda n: role_name(n) == "document web")
    if doc is None or name_problem(doc):
        problems.append("the preview document has no name")
    if doc is not None and not any(role_name(a) == "grouping" and name(a) == "Preview"
                                   for a in ancestors(doc)):
        problems.append(f"the web view is not a group named Preview: {describe(doc)}")
    # The cover is an image named after the article it illustrates (the sample has no alt
    # text of its own for it), not a nameless picture hidden from the tree.
    cover = doc and app.find(lambda n: role_name(n) == "image", doc)
    if cover is None or name(cover) != "The Slow Draft: Notes on Writing Things That Last":
        problems.append(f"the preview's cover is not an image named after the article: "
                        f"{cover and describe(cover)}")
    return problems + popup_problems(app, "Content Format")


def popup_problems(app, label):
    """A combo row of the side panel, opened from the keyboard, offers named choices."""
    node = None
    for _ in range(5):
        node = app.press("F6")
        if node is not None and region(node) == "panel":
            break
    for _ in range(MAX_PRESSES):
        if node is not None and role_name(node) == "combo box" and name(node) == label:
            break
        node = app.press("Tab")
    else:
        return [f"Tab never reaches the {label} row"]
    app.key("Return")
    choice = wait_for(lambda: (app.focus.node is not None and
                               role_name(app.focus.node) == "list item" and
                               any(role_name(a) == "combo box" and name(a) == label
                                   for a in ancestors(app.focus.node)) and app.focus.node),
                      f"the focus in the {label} popup")
    popup = choice.get_parent()
    items = [c for c in children(popup) if role_name(c) == "list item"]
    problems = [f"{label} popup: {p}" for p in audit(popup)]
    if len(items) < 2:
        problems.append(f"the {label} popup shows {len(items)} choices")
    app.key("Escape")
    return problems


def case_tab_forward(app):
    seen, problems = walk_cycle(app, True)
    for want in ("header", "preview", "panel"):
        if want not in seen:
            problems.append(f"Tab never reaches the {want} (visited {seen})")
    return problems


def case_tab_backward(app):
    seen, problems = walk_cycle(app, False)
    for want in ("header", "preview", "panel"):
        if want not in seen:
            problems.append(f"Shift+Tab never reaches the {want} (visited {seen})")
    return problems


def case_escape(app):
    """Escape leaves the preview."""
    problems = []
    node = app.press("ctrl+Tab")
    for _ in range(MAX_PRESSES):
        if node is not None and role_name(node) == "link":
            break
        node = app.press("Tab")
    else:
        return ["Tab never reaches a link of the preview"]
    node = app.press("Escape")
    if node is None or in_preview(node) or role_name(node) == "document web":
        problems.append("Escape does not move the focus out of the preview")
    return problems


def case_footnote(app):
    """A footnote link takes the focus to the footnote, not only the view."""
    node = app.press("ctrl+Tab")
    for _ in range(MAX_PRESSES):
        if node is not None and role_name(node) == "link" and name(node) == "1":
            break
        node = app.press("Tab")
    else:
        return ["Tab never reaches the footnote reference"]
    node = app.press("Return")
    if node is None:
        return ["the footnote link leaves the focus on itself"]
    if "A useful test" not in " ".join(name(a) for a in [node, *ancestors(node)]):
        return [f"the footnote link moves the focus elsewhere than the footnote: {describe(node)}"]
    return []


def case_f6(app):
    """F6 goes round the main regions, Shift+F6 the other way."""
    problems, seen = [], []
    for _ in range(8):
        node = app.press("F6")
        if node is None:
            return [f"F6 does not move the focus (after {seen})"]
        check_focus(node, "F6", problems)
        seen.append(region(node))
    for want in ("header", "editor", "preview", "panel"):
        if want not in seen[:4]:
            problems.append(f"F6 never reaches the {want} (visited {seen})")
    if seen[:4] != seen[4:]:
        problems.append(f"F6 does not cycle: {seen}")
    back = []
    for _ in range(4):
        node = app.press("shift+F6")
        if node is None:
            return problems + ["Shift+F6 does not move the focus"]
        back.append(region(node))
    if sorted(back) != sorted(seen[:4]):
        problems.append(f"Shift+F6 does not go round the regions: {back}")
    return problems


def selected_tab(app):
    """The article shown, by the window's title."""
    return name(app.window)


def case_ctrl_tab(app):
    """In the editor, where Tab indents, Ctrl+Tab and Ctrl+Shift+Tab move to the next and the
    previous control, with two articles open as with one, and the editor says so."""
    problems = []
    editor = app.find(lambda n: is_editor(n) and has(n, Atspi.StateType.SHOWING))
    description = editor and (editor.get_description() or "")
    if not description or "Control+Tab" not in description:
        problems.append(f"the editor does not say how to leave it: {description!r}")
    app.key("ctrl+t")
    wait_for(lambda: is_editor(app.focus.node) and "New Article" in selected_tab(app),
             "a second article, with the focus in its editor")
    shown = selected_tab(app)
    # The tab bar, shown now, names its list of tabs.
    problems += audit(app.window)
    for key, back in (("ctrl+Tab", "shift+Tab"), ("ctrl+shift+Tab", "Tab")):
        node = app.press(key)
        if node is None or is_editor(node):
            problems.append(f"{key} does not leave the editor: {node and describe(node)}")
        if selected_tab(app) != shown:
            problems.append(f"{key} in the editor switches articles, to {selected_tab(app)!r}")
        node = app.press(back)
        if not is_editor(node):
            return problems + [f"{back} does not come back to the editor: {node and describe(node)}"]
    return problems


def wait_window(app, count):
    return wait_for(lambda: len(app.windows()) == count and app.windows()[-1], "a window")


def top_dialog(app):
    """The dialog on top, of those shown in the window (a dialog can open over another)."""
    shown = [n for n in children(app.window)
             if role_name(n) in ("dialog", "alert") and has(n, Atspi.StateType.SHOWING)]
    for node in children(app.window):
        shown += [n for n in children(node)
                  if role_name(n) in ("dialog", "alert") and has(n, Atspi.StateType.SHOWING)]
    if shown:
        return shown[-1]
    return app.find(lambda n: role_name(n) in ("dialog", "alert") and
                    has(n, Atspi.StateType.SHOWING), app.window)


def check_dialog(app, title, keys, opener=None, backward=False, expect=None):
    """Opens a dialog by keys, checks its tree and its focus chain (also backwards if asked), and
    closes it by Escape. @expect, if given, names a node the dialog must show."""
    for key in keys:
        app.key(key)
    if opener is not None:
        opener()
    # libadwaita's dialogs live inside the window; other windows are toplevels of their own.
    dialog = wait_for(lambda: next((w for w in app.windows()
                                    if w != app.window and has(w, Atspi.StateType.ACTIVE)), None)
                      or top_dialog(app), f"the {title}")
    # A dialog on a window is a child of it in libadwaita: the tree starts at the dialog node.
    problems = [f"{title}: {p}" for p in audit(dialog)]
    wait_for(lambda: focused(app, dialog), f"the focus in the {title}")
    seen, walk = walk_cycle(app, True, dialog, leave_editor=False)
    problems += [f"{title}: {p}" for p in walk]
    if backward:
        seen, walk = walk_cycle(app, False, dialog, leave_editor=False)
        problems += [f"{title}, backwards: {p}" for p in walk]
    if expect is not None and app.find(lambda n: name(n).startswith(expect) and
                                       has(n, Atspi.StateType.SHOWING), dialog) is None:
        problems.append(f"{title}: shows nothing that reads {expect!r}")
    app.key("Escape")
    wait_for(lambda: not has(dialog, Atspi.StateType.SHOWING) or dialog not in app.windows()
             and app.find(lambda n: n == dialog, app.window) is None,
             f"the {title} to close on Escape")
    return problems


def case_menu(app):
    """The main menu's items are named as they read."""
    app.key("F10")
    menu = wait_for(lambda: app.find(lambda n: role_name(n) == "menu item" and
                                     has(n, Atspi.StateType.SHOWING)), "the main menu")
    items = []
    root = menu
    while root is not None and role_name(root) not in ("menu", "frame", "window"):
        root = root.get_parent()
    for n in [root]:
        stack = [n]
        while stack:
            x = stack.pop()
            if role_name(x) == "menu item" and has(x, Atspi.StateType.SHOWING):
                items.append(x)
            stack.extend(children(x))
    problems = [f"menu item with {name_problem(i)}: {describe(i)}" for i in items if name_problem(i)]
    names = {name(i) for i in items}
    if "Preferences" not in names:
        problems.append(f"no item named Preferences in the main menu: {sorted(names)}")
    app.key("Escape")
    return problems


def dialog_case(title, keys, opener=None):
    def case(app):
        return check_dialog(app, title, keys, opener and (lambda: opener(app)))
    return case


case_preferences = dialog_case("Preferences", ["ctrl+comma"])
case_shortcuts = dialog_case("shortcuts window", ["ctrl+question"])
case_publish_dialog = dialog_case("publish dialog", [], lambda app: menu_item(app, "Publish…"))
case_about = dialog_case("about dialog", [], lambda app: menu_item(app, "About Byline"))


def open_account_dialog(app):
    menu_item(app, "Publish…")
    button = wait_for(lambda: app.find(lambda n: role_name(n) in ("button", "push button") and
                                       name(n) == "Sign In…" and has(n, Atspi.StateType.SHOWING)),
                      "the Sign In button of the publish dialog")
    button.get_action_iface().do_action(0)
    wait_for(lambda: app.find(lambda n: role_name(n) == "dialog" and name(n) != "Publish" and
                              has(n, Atspi.StateType.SHOWING), app.window), "the account dialog")


def case_account_dialog(app):
    """The account dialog, over the publish dialog."""
    return check_dialog(app, "account dialog", [], lambda: open_account_dialog(app))


def case_save_alert(app):
    """The alert that asks about unsaved changes when an article closes."""
    def opener():
        editor = wait_for(lambda: app.find(lambda n: is_editor(n) and has(n, Atspi.StateType.SHOWING)),
                          "the editor")
        editor.get_editable_text_iface().insert_text(0, "Changed. ", 9)
        wait_for(lambda: name(app.window).startswith("•"), "the article to be marked changed")
        app.key("ctrl+w")
    return check_dialog(app, "unsaved changes alert", [], opener)


def case_export_alert(app):
    """The alert that lists the fields to fix before a record can be copied: its rows, each a
    way to its field, are named and Tab goes through them and its button, both ways."""
    def opener():
        title = wait_for(lambda: app.find(lambda n: role_name(n) == "text" and name(n) == "Title"
                                          and has(n, Atspi.StateType.SHOWING)), "the Title field")
        text = title.get_text_iface()
        title.get_editable_text_iface().delete_text(0, text.get_character_count())
        wait_for(lambda: text.get_character_count() == 0, "the title to be cleared")
        menu_item(app, "Copy the Record")
    return check_dialog(app, "export alert", [], opener, backward=True, expect="Fix these fields")


def case_checklist(app):
    """The side panel's Checklist page, shown by F7 from the editor (which must not keep the
    key): its items and button are named."""
    app.key("F7")
    button = wait_for(lambda: app.find(lambda n: name(n) == "Check Again" and
                                       has(n, Atspi.StateType.SHOWING)), "the checklist")
    page = button
    while page is not None and name(page) != "Checklist":
        page = page.get_parent()
    problems = [f"checklist: {p}" for p in audit(page or button)]
    if not in_panel(button):
        problems.append(f"the checklist is not in the side panel: {describe(button)}")
    return problems


def menu_item(app, label):
    """Opens the main menu and activates an item by its accessible name."""
    app.key("F10")
    item = wait_for(lambda: app.find(lambda n: role_name(n) == "menu item" and name(n) == label
                                     and has(n, Atspi.StateType.SHOWING)),
                    f"a menu item named {label}")
    item.get_action_iface().do_action(0)


CASES = {name[5:].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    case = sys.argv[1]
    app = open_main_window()
    try:
        problems = CASES[case](app)
    finally:
        app.quit()
    if problems:
        fail(problems)
    print(f"ok {case}")


if __name__ == "__main__":
    main()
