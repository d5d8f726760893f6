# Campus: two commands on a fresh Debian machine.
#   make run     build, start PostgreSQL, the responder and nginx; print the address
#   make test    build and run every test against a throwaway PostgreSQL and nginx
#   make stop    stop what `make run` started
#   make reset   stop, and delete the database, mail and logs: the next run starts over
#   make bench   measure the pages through nginx (wrk) against a bare C responder, same run

.PHONY: run test stop reset bench build clean

run:
	@scripts/run.sh

test:
	@scripts/test.sh

stop:
	@scripts/stop.sh

reset:
	@scripts/reset.sh

bench:
	@scripts/bench.sh

build:
	swift build -c release --product campus

clean:
	rm -rf .build
