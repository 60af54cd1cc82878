#!/bin/sh
# `make demo`: import the bundled sample issue into a fresh database and
# answer a few analyst questions with it.
set -eu
cd "$(dirname "$0")/.."
db=${DEMO_DB:-demo.db}
rm -rf "$db"
echo "== Importing the bundled sample issue into $db"
./zhitu --db "$db" import data/sample
echo
ask() {
	echo "== $1"
	echo "   $2"
	./zhitu --db "$db" query --format table "$2"
	echo
}
ask "Which regulators acted on foundation models?" \
    'FIND ?who WHERE ?e actor ?who AND ?who a Regulator AND ?e topic FoundationModel'
ask "Which companies raised money, and who led the round?" \
    'FIND ?co, ?lead, ?amt WHERE ?r a FundingRound AND ?r investee ?co AND ?r amount ?amt OPTIONAL ?r lead_investor ?lead'
ask "Which bodies of the EU acted, at any level?" \
    'FIND ?who WHERE ?e actor ?who AND ?who part_of+ 欧盟'
ask "What was released, by whom?" \
    'FIND ?who, ?what, ?d WHERE ?e a Release AND ?e actor ?who AND ?e object ?what AND ?e date ?d ORDER BY ?d'
echo "Start the interactive shell with:  ./zhitu --db $db"
echo "(try: TIMELINE 欧盟委员会;  DESCRIBE OpenAI;  .help)"
