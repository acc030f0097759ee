#!/usr/bin/python3
"""What a Linux screen reader hears: starts the real editor under Xvfb on a plan, turns the
AT-SPI bus on (as Orca does), walks the application's accessibility tree with pyatspi, prints
the walk as text and checks it. Run inside a private D-Bus session (tests/atspi.rs does):

  dbus-run-session -- /usr/bin/python3 tests/atspi_walk.py STACKPLAN_BINARY PLAN.ron

Needs Debian's python3-pyatspi, at-spi2-core, dbus and xvfb. Exits 0 when every check
passes, 1 when one fails (each failure is printed), 2 when the set-up fails.

The checks (issue 16):
  1. every canvas item says its kind, layer and months, and its budget (investments) or
     what it removes (milestones); the dependency lane's bars say their control level and
     the milestone that retires them (the lanes are collapsed through AT-SPI to show it);
  2. no two controls share a name, with nothing selected, with an item selected on the
     canvas and with a dependency selected in the register;
  3. the exposure chart has a text alternative with its figures; the checks are sentences
     naming items by title.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import Gio, GLib

# A month as a screen reader hears it: "March 2026".
MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|"
         r"December) \d{4}")
# Roles of the nodes a person operates.
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry",
    "text", "password text", "slider", "spin button", "color chooser", "link", "separator",
}

failures = []


def fail(message):
    failures.append(message)
    print(f"atspi: FAIL - {message}")


def start_xvfb():
    """Starts Xvfb on a free display; returns (process, display)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            raise RuntimeError("Xvfb did not start")
        number += chunk
    os.close(read)
    return xvfb, ":" + number.decode().strip()


def enable_accessibility():
    """Says on the session bus that a screen reader is on: AccessKit only then exposes the
    tree (org.a11y.Status.IsEnabled, which Orca sets; at-spi-bus-launcher starts on demand)."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.freedesktop.DBus.Properties", "Set",
                  GLib.Variant("(ssv)", ("org.a11y.Status", "IsEnabled",
                                         GLib.Variant("b", True))),
                  None, Gio.DBusCallFlags.NONE, 10000, None)


class Node:
    """One accessible as a screen reader gets it."""

    def __init__(self, acc, depth):
        self.acc = acc
        self.depth = depth
        self.role = acc.getRoleName()
        self.name = acc.name or ""
        self.description = acc.description or ""

    def line(self):
        text = f"{'  ' * self.depth}{self.role}: {self.name}"
        if self.description and self.description != self.name:
            text += f" — {self.description}"
        return text


def walk(acc, depth=0, out=None):
    """Every accessible under `acc`, depth first, children in order."""
    out = [] if out is None else out
    try:
        node = Node(acc, depth)
    except Exception:  # A node removed while we walk: the next walk sees the new tree.
        return out
    out.append(node)
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, out)
    return out


def application():
    """The editor's accessible application, once it has a window."""
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(240):
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "stackplan" and app.childCount > 0:
                return app
        time.sleep(0.5)
    raise RuntimeError("the editor never showed up on the AT-SPI bus")


def tree(app, ready=lambda nodes: True):
    """The tree, once `ready` says it is complete (egui fills it over a few frames)."""
    nodes = []
    for _ in range(120):
        nodes = walk(app)
        if ready(nodes):
            return nodes
        time.sleep(0.5)
    return nodes


def click(node):
    """Clicks a node through its AT-SPI action, as a screen reader user does."""
    action = node.acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    action.doAction(0)


def canvas_items(nodes):
    """The items on the canvas: the buttons after "Roadmap canvas" in its panel, but the
    lane toggles."""
    start = next((k for k, n in enumerate(nodes) if n.name == "Roadmap canvas"), None)
    if start is None:
        return []
    depth = nodes[start].depth
    items = []
    for n in nodes[start + 1:]:
        if n.depth < depth:
            break
        if n.role == "push button" and not re.fullmatch(r"(Collapse|Expand) the .* lane", n.name):
            items.append(n)
    return items


def check_items(items):
    """Check 1 for the investments and milestones."""
    if len(items) < 20:
        fail(f"only {len(items)} canvas items are exposed")
    for n in items:
        d = n.description
        kind = re.match(r"(Investment|Milestone|Dependency) in [^,]+, ", d)
        months = re.findall(MONTH, d)
        if not kind or not months:
            fail(f"canvas item {n.name!r} does not say its kind, layer and months: {d!r}")
        elif kind.group(1) == "Investment" and (len(months) < 2 or ", budget " not in d):
            fail(f"investment {n.name!r} does not say its months and budget: {d!r}")
        elif kind.group(1) == "Milestone" and not re.search(r"Removes |Introduces ", d):
            fail(f"milestone {n.name!r} does not say what it removes: {d!r}")


def check_dependency_bars(items):
    """Check 1 for the dependency lane."""
    bars = [n for n in items if n.description.startswith("Dependency in ")]
    if len(bars) < 10:
        fail(f"only {len(bars)} dependency bars are exposed")
    for n in bars:
        d = n.description
        if not re.search(r", control (Black box|Licensed|Open \(foreign\)|Domestic), ", d):
            fail(f"dependency bar {n.name!r} does not say its control level: {d!r}")
        if "retired by milestone “" not in d and "never retired" not in d:
            fail(f"dependency bar {n.name!r} does not say what retires it: {d!r}")
    return bars


def check_names(nodes, state):
    """Check 2: no two controls share a name."""
    seen = {}
    for n in nodes:
        if n.role in CONTROLS:
            seen.setdefault(n.name, []).append(n.role)
    for name, roles in seen.items():
        # egui names a slider and its number field after each other: one control.
        if len(roles) > 1 and sorted(roles) != ["slider", "spin button"]:
            fail(f"{state}: {len(roles)} controls are called {name!r} ({', '.join(roles)})")


def check_charts_and_checks(nodes):
    """Check 3."""
    chart = next((n for n in nodes if n.role == "image" and n.name == "Exposure chart"), None)
    if chart is None:
        fail("no image called 'Exposure chart'")
    else:
        d = chart.description
        for pattern in [rf"(Now|At the start) \({MONTH}\): \d+\.",
                        rf"At the horizon's end \({MONTH}\): \d+\.",
                        rf"Peak \d+ (in|from) {MONTH}"]:
            if not re.search(pattern, d):
                fail(f"the exposure chart's description lacks {pattern!r}: {d!r}")
    findings = [n for n in nodes if re.match(r"(Error|Warning|Info): ", n.name)]
    if not findings:
        fail("no check is listed")
    for n in findings:
        if "“" not in n.name or re.search(r"” \([a-z0-9-]+\)", n.name) or not n.name.endswith("."):
            fail(f"check not read as a sentence with titles: {n.name!r}")


def listen(nodes, heading):
    print(f"\n===== {heading} =====")
    for n in nodes:
        if n.role not in ("scroll bar",):
            print(n.line())


def main():
    binary, plan = sys.argv[1], sys.argv[2]
    xvfb, display = start_xvfb()
    data = tempfile.mkdtemp()
    app_process = None
    try:
        enable_accessibility()
        env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=data, XDG_CONFIG_HOME=data)
        env.pop("WAYLAND_DISPLAY", None)
        app_process = subprocess.Popen([binary, plan], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        app = application()
        nodes = tree(app, lambda ns: len(canvas_items(ns)) >= 20
                     and any(n.name == "Exposure chart" for n in ns))
        listen(nodes, "The editor on the example plan")
        check_items(canvas_items(nodes))
        check_names(nodes, "nothing selected")
        check_charts_and_checks(nodes)

        # Select a milestone on the canvas: the inspector shows it, its evidence and links.
        milestone = next((n for n in canvas_items(nodes)
                          if n.description.startswith("Milestone in ")), None)
        if milestone is None:
            fail("no milestone on the canvas")
        else:
            click(milestone)
            nodes = tree(app, lambda ns: any(n.name == "Milestone" for n in ns))
            listen(nodes, f"After clicking {milestone.name!r}")
            if not any(n.name == "Milestone" for n in nodes):
                fail("clicking a milestone through AT-SPI did not show it in the inspector")
            check_names(nodes, f"{milestone.name} selected")

        # Select a dependency with evidence in the register.
        dependency = next((n for n in nodes if n.name.startswith("EU region of a US hyperscaler (")),
                          None)
        if dependency is None:
            fail("the register does not list 'EU region of a US hyperscaler'")
        else:
            click(dependency)
            nodes = tree(app, lambda ns: any(n.name == "Dependency" for n in ns))
            listen(nodes, "After clicking the dependency 'EU region of a US hyperscaler'")
            check_names(nodes, "a dependency selected")

        # Collapse every lane (through AT-SPI): the dependency lane comes into view.
        for _ in range(10):
            toggles = [n for n in walk(app) if re.fullmatch(r"Collapse the .* lane", n.name)]
            if not toggles:
                break
            click(toggles[0])
            time.sleep(0.5)
        nodes = tree(app, lambda ns: sum(n.description.startswith("Dependency in ")
                                         for n in canvas_items(ns)) >= 10)
        listen(nodes, "With every lane collapsed")
        bars = check_dependency_bars(canvas_items(nodes))
        print(f"\natspi: {len(bars)} dependency bars read")
    except RuntimeError as e:
        print(f"atspi: cannot run: {e}")
        return 2
    finally:
        if app_process is not None:
            app_process.kill()
        xvfb.kill()
    print(f"atspi: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
