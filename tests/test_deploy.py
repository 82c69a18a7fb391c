"""Publishing: the GitHub Pages workflow passes actionlint and builds the site strictly."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    """Run actionlint (from the test extra) on one workflow file."""
    found = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    return subprocess.run([found, str(path)], capture_output=True, text=True, timeout=60)


def test_the_pages_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_mistake(tmp_path):
    broken = tmp_path / "pages.yml"
    broken.write_text(
        WORKFLOW.read_text("utf-8").replace("steps.pages.outputs", "steps.nope.outputs")
    )
    assert actionlint(broken).returncode != 0


def test_the_workflow_builds_strictly_for_the_pages_address_and_publishes_the_site():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    step = next(s for s in build if "mkdocs build" in s.get("run", ""))
    assert "--strict" in step["run"]
    assert step["env"]["CLOSER_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
