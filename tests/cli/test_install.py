"""The install is reproducible: dependencies declared, pinned, and used the same way everywhere."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
PACKAGES = ("gazetteer", "geo", "maps", "bordermap")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared(extra: str | None = None) -> list[Requirement]:
    project = _pyproject()["project"]
    reqs = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return [Requirement(r) for r in reqs]


def _pins() -> dict[str, str]:
    """Name → pinned version for the lines of the constraints file that apply here."""
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = spec.version
    return pins


def test_every_declared_requirement_is_pinned_within_its_range():
    pins = _pins()
    for req in [*_declared(), *_declared("test")]:
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared but not pinned in {CONSTRAINTS.name}"
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])


def test_the_lock_is_closed_under_requirements_with_their_extras():
    # justext asks for lxml[html_clean]; a lock that pins lxml but not what its extra
    # brings (lxml_html_clean) installs a justext that cannot import.
    pins = _pins()
    env = default_environment()
    for name in pins:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # pinned for another environment than this one
        for text in requires:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
                continue
            assert canonicalize_name(req.name) in pins, f"{name} needs {text}: not pinned"
            for extra in req.extras:
                for sub in metadata.requires(req.name) or []:
                    dep = Requirement(sub)
                    if (
                        dep.marker is not None
                        and dep.marker.evaluate({**env, "extra": canonicalize_name(extra)})
                        and not dep.marker.evaluate({**env, "extra": ""})
                    ):
                        assert canonicalize_name(dep.name) in pins, (
                            f"{name} needs {req.name}[{extra}], which needs {dep.name}: not pinned"
                        )


def _third_party_imports(folders=PACKAGES) -> set[str]:
    names: set[str] = set()
    for package in folders:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    ours = {*PACKAGES, "tests"}
    return {n for n in names if n not in sys.stdlib_module_names and n not in ours}


def _with_extras(requirements: list[Requirement]) -> set[str]:
    """Names of the requirements and of what their extras bring (``dask[distributed]``)."""
    env = default_environment()
    names = {canonicalize_name(r.name) for r in requirements}
    for req in requirements:
        for extra in req.extras:
            for text in metadata.requires(req.name) or []:
                dep = Requirement(text)
                if dep.marker is not None and dep.marker.evaluate(
                    {**env, "extra": canonicalize_name(extra)}
                ):
                    names.add(canonicalize_name(dep.name))
    return names


def _assert_declared(modules: set[str], requirements: list[Requirement], who: str) -> None:
    declared = _with_extras(requirements)
    owners = metadata.packages_distributions()
    for module in sorted(modules):
        dists = {canonicalize_name(d) for d in owners.get(module, [])}
        assert dists & declared, f"{who} import {module} ({dists}) but do not declare it"


def test_every_imported_package_is_declared():
    _assert_declared(_third_party_imports(), _declared(), "the packages")


def test_every_package_the_tests_import_is_declared():
    _assert_declared(
        _third_party_imports(["tests"]), [*_declared(), *_declared("test")], "the tests"
    )


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^python -m pip install .*$", readme, flags=re.M)


def test_readme_and_ci_install_with_the_constraints_file():
    demo, tests = _readme_commands()[:2]
    assert demo.endswith("&& python -m bordermap demo")
    assert tests.endswith("&& python -m pytest")
    for command in (demo, tests):
        assert "-c requirements/constraints.txt" in command, command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), "CI does not run the README's test command"
    assert re.search(r"^python3 -m venv --clear \S+$", ci, flags=re.M), "CI reuses a venv"
    assert "system-site-packages" not in ci


def test_extract_reads_an_html_page(tmp_path):
    # The path that needs lxml.html.clean (trafilatura → justext), in a fresh process.
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Border report</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Shelling on the border</h1>"
        "<p>date 2024-05-02</p><p>Armenian officials said on Thursday that Azerbaijani forces "
        "shelled the village of Sotk in Gegharkunik province, wounding two soldiers. The "
        "ministry said the shelling lasted for about an hour and damaged three houses.</p>"
        "<p>Residents of the village said they had sheltered in basements overnight while "
        "the firing went on near the border posts east of the lake.</p></article>"
        "<footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bordermap", "extract", str(page), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Sotk" in proc.stdout
