# The two commands in the README: `make map` builds the map, `make test` runs every test.
# Both set up a virtual environment in .venv first; `make test` also installs Debian's Chromium.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: map test snapshots bench chromium clean

map: $(VENV)/.installed
	$(PY) build.py

snapshots: $(VENV)/.installed
	$(PY) build.py snapshots

test: $(VENV)/.installed chromium
	$(PY) -m pytest

bench: $(VENV)/.installed chromium
	$(PY) bench/run.py

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

clean:
	rm -rf output $(VENV)
