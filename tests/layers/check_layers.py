#!/usr/bin/env python3
"""Checks the core's structure (README "Architecture"), as TAP:

1. every public header includes its layer's guard (so the compiler enforces
   the layer order given in src/core/meson.build);
2. no two core modules include each other, directly or through others
   (a module is X.c with its header X.h);
3. each module's includes respect the layer order (the guard catches this at
   compile time; this names the offending line).
"""
import os
import re
import sys

root = sys.argv[1]
core = os.path.join(root, "src", "core")
include = os.path.join(root, "include", "motcua")

USES = {
    "base": {"base"},
    "store": {"base", "store"},
    "serial": {"base", "serial"},
    "fonts": {"base", "fonts"},
    "print": {"base", "store", "serial", "fonts", "print"},
    "voice": {"base", "store", "voice"},
    "ui": {"base", "fonts", "ui"},
    "wire": {"base", "store", "wire"},
    "desk": {"base", "store", "wire", "desk"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:motcua/([a-z]+)/)?([a-z_0-9]+)\.h"', re.M)

results = []


def check(ok, what):
    results.append((ok, what))


# module name -> (layer, set of module names it includes)
modules = {}
for layer in USES:
    for folder, prefix in ((os.path.join(core, layer), "src"), (os.path.join(include, layer), "inc")):
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")) or name == "layer.h":
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            mod = name[:-2]
            entry = modules.setdefault(mod, (layer, set()))
            if prefix == "inc":
                check(f'#include "motcua/{layer}/layer.h"' in text,
                      f"include/motcua/{layer}/{name} includes its layer guard")
            for inc_layer, inc_mod in INCLUDE.findall(text):
                if inc_mod == mod or inc_mod == "layer":
                    continue
                entry[1].add(inc_mod)
                if inc_layer:
                    check(inc_layer in USES[layer],
                          f"{layer}/{name} may include motcua/{inc_layer}/{inc_mod}.h")

# Cycles among modules (depth-first search, colouring).
state = {}
cycle = []


def visit(mod, stack):
    state[mod] = 1
    stack.append(mod)
    for dep in sorted(modules.get(mod, ("", set()))[1]):
        if dep not in modules:
            continue
        if state.get(dep) == 1 and not cycle:
            cycle.extend(stack[stack.index(dep):] + [dep])
        elif dep not in state:
            visit(dep, stack)
    stack.pop()
    state[mod] = 2


for mod in sorted(modules):
    if mod not in state:
        visit(mod, [])
check(not cycle, "no include loop among core modules" + (": " + " -> ".join(cycle) if cycle else ""))

print(f"1..{len(results)}")
failed = 0
for i, (ok, what) in enumerate(results, 1):
    print(("ok" if ok else "not ok") + f" {i} - {what}")
    failed += not ok
sys.exit(1 if failed else 0)
