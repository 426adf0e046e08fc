# The commands a newcomer, a developer and CI use. Each one installs what is missing first.
SHELL := bash
PORT ?= 8080

.PHONY: setup serve dist test pkg bench clean

setup:
	@scripts/setup.sh

## make serve: build the release app with the demo data and serve it on http://127.0.0.1:$(PORT)
serve: dist
	@node scripts/serve.mjs dist $(PORT)

## make dist: the release app as a static site in dist/
dist: setup
	@scripts/build-dist.sh

## make test: format, lints, native + wasm + browser tests; ends with "N passed, N failed"
test: setup
	@scripts/test.sh

## make pkg: the npm package in pkg/ (wasm-pack, target web)
pkg: setup
	@scripts/build-pkg.sh

## make bench: the benchmarks
bench: setup
	@scripts/bench.sh

clean:
	cargo clean
	rm -rf dist pkg
