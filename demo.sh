#!/usr/bin/env bash
# The kinesis-bridge demo: builds what it needs, then runs Kafka, Connect, kinesis-mock and an S3
# server on localhost with the plugin bundle installed. Usage: ./demo.sh [--once]
#   --once   run every step, print the result and exit (0 only if all checks passed)
set -euo pipefail
cd "$(dirname "$0")"

echo "building the bundle and the demo (first run downloads Maven and dependencies)..."
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl demo -am \
  package dependency:build-classpath -Dmdep.outputFile=target/demo-classpath.txt

exec java -cp "demo/target/classes:$(cat demo/target/demo-classpath.txt)" \
  -Dkinesisbridge.repo="$PWD" \
  -Dkinesis.mock.dir="$PWD/testkit/kinesis-mock" \
  io.kinesisbridge.demo.Demo "$@"
