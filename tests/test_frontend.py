"""The browser code's plain functions, tested with node's own test runner (tests/js/)."""

import re
import shutil
import subprocess

from conftest import ROOT


def test_javascript_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is needed for the JavaScript unit tests (Debian: apt-get install nodejs)"
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    failed = re.search(r"^# fail (\d+)$", result.stdout, re.M)
    assert result.returncode == 0 and failed and failed[1] == "0", result.stdout + result.stderr
    assert passed and int(passed[1]) >= 10, "the JavaScript unit tests did not run"
