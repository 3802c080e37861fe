# The two commands in the README: `make map` builds the map, `make test` runs every test.
# `make map` sets up .venv with what the map needs (nothing for tests); `make test` adds the test tools and
# Debian's Chromium. Versions come from constraints.txt, the set last tested; `make constraints` refreshes it.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --no-compile -c constraints.txt
# byte-code is written as the atlas first imports a module, not for every file a package ships (the venv
# stays small); an environment that turns byte-code off would otherwise recompile pandas on every run
RUN := PYTHONDONTWRITEBYTECODE= $(PY)

.PHONY: map test lint snapshots animate handout bench video mutation constraints chromium clean

map: $(VENV)/.runtime
	$(RUN) build.py

test: $(VENV)/.test chromium lint
	$(RUN) -m pytest

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

snapshots: $(VENV)/.runtime
	$(RUN) build.py snapshots

video: $(VENV)/.runtime
	$(PIP) -e ".[video]"

animate: video
	$(RUN) build.py animate

handout: $(VENV)/.runtime
	$(RUN) build.py handout

bench: $(VENV)/.test chromium
	$(RUN) bench/run.py

mutation: $(VENV)/.test
	$(PIP) -e ".[mutation]"
	$(RUN) bench/mutation.py

$(VENV)/.runtime: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime
	$(PIP) -e ".[test]"
	touch $@

# Refresh constraints.txt: the newest releases that pyproject.toml allows, installed in a scratch venv.
constraints:
	rm -rf build/constraints-venv
	python3 -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install --quiet --disable-pip-version-check ".[test,mutation]"
	build/constraints-venv/bin/python -m pip freeze --exclude korean-war-atlas > constraints.txt
	rm -rf build/constraints-venv

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

clean:
	rm -rf output $(VENV)
