# The commands a newcomer, a developer and CI use. Each one installs what is missing first.
SHELL := bash
PORT ?= 8080

.PHONY: setup serve dist test pkg bench clean

setup:
	@scripts/setup.sh

## make serve: build the apps and run linggong-server on an embedded SQLite file under target/,
## seeded with the demo data on first start, on http://127.0.0.1:$(PORT)
serve: dist
	@cargo build --release --locked -p linggong-server
	@mkdir -p target/serve
	@target/release/linggong-server --db sqlite://target/serve/linggong.db --listen 127.0.0.1:$(PORT) --demo --static dist

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
