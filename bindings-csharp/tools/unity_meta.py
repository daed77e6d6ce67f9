#!/usr/bin/env python3
"""Writes Unity .meta files into an assembled package folder (standard library only).

Every file and folder Unity imports needs a .meta with a GUID; Unity would make random ones
on first import, so they are derived from the package name and the path instead (stable
across rebuilds, so references in user projects survive an upgrade). Native plugins get a
PluginImporter that enables them for exactly their platform and CPU (editor and player);
folders ending in "~" are not imported by Unity and get none.

Usage: unity_meta.py PACKAGE_DIR
"""
import hashlib
import sys
from pathlib import Path

PACKAGE = "com.cognito-sync.client"

# Plugin folder -> (editor OS, standalone target, CPU) for the PluginImporter.
PLUGINS = {
    "Runtime/Plugins/Linux/x86_64": ("Linux", "Linux64", "x86_64"),
    "Runtime/Plugins/Windows/x86_64": ("Windows", "Win64", "x86_64"),
}
STANDALONES = ["Linux64", "OSXUniversal", "Win", "Win64"]


def guid(rel):
    return hashlib.md5((PACKAGE + "/" + rel).encode()).hexdigest()


def plugin_meta(g, editor_os, standalone, cpu):
    lines = [
        "fileFormatVersion: 2", "guid: " + g, "PluginImporter:", "  externalObjects: {}",
        "  serializedVersion: 2", "  iconMap: {}", "  executionOrder: {}", "  defineConstraints: []",
        "  isPreloaded: 0", "  isOverridable: 0", "  isExplicitlyReferenced: 0", "  validateReferences: 1",
        "  platformData:",
        "  - first:", "      : Any", "    second:", "      enabled: 0", "      settings:",
        "        Exclude Editor: 0",
    ]
    for s in STANDALONES:
        lines.append("        Exclude %s: %d" % (s, 0 if s == standalone else 1))
    lines += [
        "  - first:", "      Any: ", "    second:", "      enabled: 0", "      settings: {}",
        "  - first:", "      Editor: Editor", "    second:", "      enabled: 1", "      settings:",
        "        CPU: " + cpu, "        DefaultValueInitialized: true", "        OS: " + editor_os,
    ]
    for s in STANDALONES:
        on = s == standalone
        lines += ["  - first:", "      Standalone: " + s, "    second:", "      enabled: %d" % on,
                  "      settings:", "        CPU: " + (cpu if on else "None")]
    lines += ["  userData: ", "  assetBundleName: ", "  assetBundleVariant: "]
    return "\n".join(lines) + "\n"


def simple_meta(g, importer, extra=()):
    lines = ["fileFormatVersion: 2", "guid: " + g]
    lines += extra
    lines += [importer + ":", "  externalObjects: {}", "  userData: ", "  assetBundleName: ", "  assetBundleVariant: "]
    return "\n".join(lines) + "\n"


def meta_for(path, rel):
    g = guid(rel)
    if path.is_dir():
        return simple_meta(g, "DefaultImporter", ["folderAsset: yes"])
    parent = str(Path(rel).parent)
    if parent in PLUGINS:
        return plugin_meta(g, *PLUGINS[parent])
    if path.suffix == ".cs":
        return "\n".join(["fileFormatVersion: 2", "guid: " + g, "MonoImporter:", "  externalObjects: {}",
                          "  serializedVersion: 2", "  defaultReferences: []", "  executionOrder: 0",
                          "  icon: {instanceID: 0}", "  userData: ", "  assetBundleName: ",
                          "  assetBundleVariant: "]) + "\n"
    if path.suffix == ".asmdef":
        return simple_meta(g, "AssemblyDefinitionImporter")
    if path.name == "package.json":
        return simple_meta(g, "PackageManifestImporter")
    if path.suffix in (".md", ".json", ".txt"):
        return simple_meta(g, "TextScriptImporter")
    return simple_meta(g, "DefaultImporter")


def main(root):
    root = Path(root)
    count = 0
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".meta" or any(part.endswith("~") or part.startswith(".") for part in Path(rel).parts):
            continue
        Path(str(path) + ".meta").write_text(meta_for(path, rel))
        count += 1
    print("%d .meta files" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
