package io.kinesisbridge.bench;

import java.time.Duration;
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
    long peakHeap;
    long firstSeen;
    long lastSeen;
  }

  RunResult run(String scenario, String label, long expected) throws InterruptedException {
    String name = scenario + "-" + ++runs;
    Destination destination = env.destination(scenario);
    destination.createStream(name);
    Map<String, String> config =
        Scenarios.config(
            scenario,
            BenchEnvironment.TOPIC,
            destination.endpointSettings(name),
            options.sinkOverrides());
    JvmProbe.heapAfterGc(); // start every run from a clean heap
    long created = System.nanoTime();
    env.connect().configureConnector(name, config);
    try {
      return await(scenario, label, name, expected, destination, created);
    } finally {
      stop(name);
      destination.release(name);
    }
  }

  private RunResult await(
      String scenario,
      String label,
      String name,
      long expected,
      Destination destination,
      long created)
      throws InterruptedException {
    Progress progress = new Progress();
    long deadline = created + options.timeout().toNanos();
    long nextStatus = created + STATUS_PERIOD.toNanos();
    long received;
    while ((received = destination.received(name)) < expected) {
      if (progress.cpuAtFirst < 0 && destination.flowing(name, name)) {
        progress.firstSeen = System.nanoTime();
        progress.cpuAtFirst = JvmProbe.processCpuNanos();
        progress.machineAtFirst = JvmProbe.machineBusyNanos();
        progress.stubCpuAtFirst = destination.handlerCpuNanos();
      }
      if (progress.heapAfterGc < 0 && received >= expected / 2) {
        measureHeapUnderLoad(progress, destination, name);
      }
      progress.peakHeap = Math.max(progress.peakHeap, JvmProbe.heapUsed());
      long now = System.nanoTime();
      if (now > nextStatus) {
        String failure = ConnectorFailure.of(env.connect(), name);
        if (failure != null) {
          return RunResult.failed(scenario, label, expected, received, failure);
        }
        nextStatus = now + STATUS_PERIOD.toNanos();
      }
      if (now > deadline) {
        return RunResult.failed(
            scenario,
            label,
            expected,
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
    long first = done.firstRecordNanos() > 0 ? done.firstRecordNanos() : progress.firstSeen;
    long last = done.lastRecordNanos() > 0 ? done.lastRecordNanos() : progress.lastSeen;
    double otherCores =
        machineEnd < 0
            ? Double.NaN
            : (machineEnd - progress.machineAtFirst - (cpuEnd - progress.cpuAtFirst))
                / (double) Math.max(1, wallEnd - first);
    return new RunResult(
        scenario,
        label,
        expected,
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
        Math.max(0, otherCores),
        done.billing(),
        null);
  }

  private static void measureHeapUnderLoad(
      Progress progress, Destination destination, String name) {
    long cpu = JvmProbe.processCpuNanos();
    long wall = System.nanoTime();
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
