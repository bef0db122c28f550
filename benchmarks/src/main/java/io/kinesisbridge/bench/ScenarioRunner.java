package io.kinesisbridge.bench;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario once: a fresh stream on its {@link Destination} (the Kinesis stub or the
 * Firehose endpoint) and a fresh connector (its own consumer group, so it drains the whole
 * pre-loaded topic), then waits until the endpoint has received the expected records.
 *
 * <p>The steady interval runs from the first record at the endpoint to the last one, so connector
 * and task start-up (client creation, first DescribeStreamSummary) is left out of CPU per record.
 * Half way through, one forced full GC measures the heap the process keeps under load, less what
 * the endpoint itself holds for the run; its own pause and CPU time are subtracted from the
 * interval.
 *
 * <p>With {@code max.seconds} a run that has not delivered everything by then is cut short: its
 * rates are taken over the records that had arrived (at a long round trip an ordered sink may need
 * minutes for a backlog the baseline drains in seconds).
 */
final class ScenarioRunner {

  private static final Duration STATUS_PERIOD = Duration.ofSeconds(1);

  private final BenchEnvironment env;
  private final HarnessOptions options;
  private int runs;

  ScenarioRunner(BenchEnvironment env, HarnessOptions options) {
    this.env = env;
    this.options = options;
  }

  /** Measuring state of one run, filled while waiting. */
  private static final class Progress {
    long cpuAtFirst = -1;
    long machineAtFirst;
    long stubCpuAtFirst;
    long gcCpu;
    long gcWall;
    long heapAfterGc = -1;
    KinesisTaskGauges bufferAtGc = KinesisTaskGauges.UNKNOWN;
    long peakHeap;
    long firstSeen;
    long lastSeen;
  }

  /**
   * Runs {@code scenario} once at the stub round trip {@code rttMillis} (Kinesis scenarios; the
   * Firehose endpoint has none).
   */
  RunResult run(String scenario, String label, long expected, int rttMillis)
      throws InterruptedException {
    String name = scenario.replace('@', '-') + "-" + ++runs;
    Destination destination = env.destination(scenario);
    destination.createStream(name);
    Map<String, String> config =
        Scenarios.config(
            scenario,
            BenchEnvironment.TOPIC,
            destination.endpointSettings(name),
            options.sinkOverrides());
    String rejected = rejectedOrdering(scenario, config);
    if (rejected != null) {
      destination.release(name);
      return RunResult.failed(scenario, label, rttMillis, expected, 0, rejected);
    }
    if (!Scenarios.isFirehose(scenario)) {
      env.roundTrip(rttMillis, options.rttJitterMillis());
    }
    JvmProbe.heapAfterGc(); // start every run from a clean heap
    long created = System.nanoTime();
    env.connect().configureConnector(name, config);
    try {
      return await(new Run(scenario, label, rttMillis, name, expected), destination, created);
    } finally {
      stop(name);
      destination.release(name);
    }
  }

  /** What names one run. */
  private record Run(String scenario, String label, int rttMillis, String name, long expected) {
    RunResult failed(long received, String why) {
      return RunResult.failed(scenario, label, rttMillis, expected, received, why);
    }
  }

  /**
   * Why the sink refuses the ordering a variant asks for, or null. Connect ignores keys a connector
   * does not define, so a sink without {@code kinesis.ordering} would silently measure its default:
   * that is refused too.
   */
  private String rejectedOrdering(String scenario, Map<String, String> config) {
    String ordering = Scenarios.ordering(scenario);
    if (ordering == null) {
      return null;
    }
    Map<String, String> named = new HashMap<>(config);
    named.put("name", "validate-" + scenario.replace('@', '-'));
    ConfigInfos infos =
        env.connect().validateConnectorConfig(Scenarios.connectorClass(scenario), named);
    boolean known = false;
    List<String> errors = new ArrayList<>();
    for (ConfigInfo info : infos.configs()) {
      if (Scenarios.ORDERING.equals(info.configValue().name())) {
        known = true;
        errors.addAll(info.configValue().errors());
      }
    }
    if (!known) {
      return RunResult.REFUSED + "the sink has no " + Scenarios.ORDERING + " setting";
    }
    return errors.isEmpty()
        ? null
        : RunResult.REFUSED
            + "the sink rejects "
            + Scenarios.ORDERING
            + "="
            + ordering
            + ": "
            + String.join("; ", errors);
  }

  private RunResult await(Run run, Destination destination, long created)
      throws InterruptedException {
    String name = run.name();
    long expected = run.expected();
    Progress progress = new Progress();
    long deadline = created + options.timeout().toNanos();
    long cap = options.maxSeconds() > 0 ? options.maxSeconds() * 1_000_000_000L : Long.MAX_VALUE;
    long nextStatus = created + STATUS_PERIOD.toNanos();
    long received;
    boolean cutShort = false;
    while ((received = destination.received(name)) < expected) {
      long now = System.nanoTime();
      if (progress.cpuAtFirst < 0 && destination.flowing(name, name)) {
        progress.firstSeen = now;
        progress.cpuAtFirst = JvmProbe.processCpuNanos();
        progress.machineAtFirst = JvmProbe.machineBusyNanos();
        progress.stubCpuAtFirst = destination.handlerCpuNanos();
      }
      boolean halfWay = received >= expected / 2 || (received > 0 && now - created >= cap / 2);
      if (progress.heapAfterGc < 0 && halfWay) {
        measureHeapUnderLoad(progress, destination, name);
      }
      progress.peakHeap = Math.max(progress.peakHeap, JvmProbe.heapUsed());
      if (now > nextStatus) {
        String failure = ConnectorFailure.of(env.connect(), name);
        if (failure != null) {
          return run.failed(received, failure);
        }
        nextStatus = now + STATUS_PERIOD.toNanos();
      }
      if (received > 0 && now - created - progress.gcWall >= cap) {
        cutShort = true;
        break;
      }
      if (now > deadline) {
        return run.failed(
            received,
            "timed out after " + options.timeout() + " with " + received + " records at the stub");
      }
      Thread.sleep(1);
    }
    progress.lastSeen = System.nanoTime();
    long cpuEnd = JvmProbe.processCpuNanos();
    long machineEnd = JvmProbe.machineBusyNanos();
    long stubCpuEnd = destination.handlerCpuNanos();
    long wallEnd = System.nanoTime();
    if (progress.cpuAtFirst < 0) { // everything arrived between two polls
      progress.firstSeen = progress.lastSeen;
      progress.cpuAtFirst = cpuEnd;
      progress.machineAtFirst = machineEnd;
      progress.stubCpuAtFirst = stubCpuEnd;
    }
    Delivered done = destination.delivered(name, name);
    // From the first record at the endpoint or, when the runner saw the task take records before
    // that (a sink that holds records before its first call), from then.
    long first =
        done.firstRecordNanos() > 0
            ? Math.min(done.firstRecordNanos(), progress.firstSeen)
            : progress.firstSeen;
    // Cut short: the interval ends now, and the records counted are those that arrived by now.
    long last =
        !cutShort && done.lastRecordNanos() > 0 ? done.lastRecordNanos() : progress.lastSeen;
    long measured = cutShort ? Math.min(received, expected) : expected;
    double otherCores =
        machineEnd < 0
            ? Double.NaN
            : (machineEnd - progress.machineAtFirst - (cpuEnd - progress.cpuAtFirst))
                / (double) Math.max(1, wallEnd - first);
    return new RunResult(
        run.scenario(),
        run.label(),
        run.rttMillis(),
        expected,
        measured,
        destination.received(name),
        done.calls(),
        done.records(),
        done.failedEntries(),
        done.misrouted(),
        last - first - progress.gcWall,
        last - created - progress.gcWall,
        cpuEnd - progress.cpuAtFirst - progress.gcCpu,
        stubCpuEnd - progress.stubCpuAtFirst,
        Math.max(progress.heapAfterGc, 0),
        progress.peakHeap,
        progress.bufferAtGc,
        Math.max(0, otherCores),
        done.billing(),
        done.shards(),
        null);
  }

  private static void measureHeapUnderLoad(
      Progress progress, Destination destination, String name) {
    long cpu = JvmProbe.processCpuNanos();
    long wall = System.nanoTime();
    progress.bufferAtGc = KinesisTaskGauges.read(name);
    progress.heapAfterGc = JvmProbe.heapAfterGc() - destination.heldBytes(name);
    progress.gcWall = System.nanoTime() - wall;
    progress.gcCpu = JvmProbe.processCpuNanos() - cpu;
  }

  private void stop(String name) throws InterruptedException {
    try {
      env.connect().deleteConnector(name);
    } catch (RuntimeException e) {
      // A connector that never registered has nothing to delete; the next run uses a new name.
    }
    // Let the task stop before the next run, so its shutdown is not charged to that run.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (env.connect().connectors().contains(name) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
  }
}
