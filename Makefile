# Shortcuts for those who have make; each calls run.py, which needs only Python 3.11+ and pip.
.PHONY: lab test build release lite bench
lab:
	python3 run.py lab
test:
	python3 run.py test
build:
	python3 run.py build
release:
	python3 run.py release
lite:
	python3 run.py lite
bench:
	python3 run.py bench
