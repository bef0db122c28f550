package io.kinesisbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Takes one {@link SoakSample}: empties the Firehose endpoint and its S3 server (test fixtures in
 * this JVM that would otherwise grow with every record), forces a full GC, reads heap, threads and
 * file descriptors, turns the connectors' counters into rates over the interval since the last
 * sample, and reads the lags.
 */
final class SoakSampler {

  static final String KINESIS_SINK = "soak-kinesis-sink";
  static final String FIREHOSE_SINK = "soak-firehose-sink";
  static final String SOURCE = "soak-kinesis-source";

  private static final double MIB = 1024.0 * 1024.0;
  private static final Path FDS = Path.of("/proc/self/fd");

  private final SoakEnvironment env;
  private final SoakOptions options;
  private final SteadyTopicProducer producer;
  private final Rate produced;
  private final Rate kinesisSink;
  private final Rate firehoseSink;
  private final Rate source;
  private final long kinesisMockPid;
  private long lastNanos = System.nanoTime();
  private long lastJvmCpu = JvmProbe.processCpuNanos();
  private long lastMachineBusy = JvmProbe.machineBusyNanos();

  SoakSampler(SoakEnvironment env, SoakOptions options, SteadyTopicProducer producer) {
    this.env = env;
    this.options = options;
    this.producer = producer;
    this.produced = new Rate(producer::acknowledged);
    this.kinesisSink =
        new Rate(
            () ->
                TaskGauges.sum(
                    TaskGauges.KINESIS_SINK, KINESIS_SINK, "records-acknowledged-total"));
    this.firehoseSink =
        new Rate(
            () ->
                TaskGauges.sum(
                    TaskGauges.FIREHOSE_SINK, FIREHOSE_SINK, "records-acknowledged-total"));
    this.source =
        new Rate(() -> TaskGauges.sum(TaskGauges.KINESIS_SOURCE, SOURCE, "records-delivered"));
    this.kinesisMockPid = env.kinesisMockPid();
  }

  /** Takes the sample of {@code minute}; rates cover the time since the previous call. */
  SoakSample sample(double minute) {
    List<String> notes = new ArrayList<>();
    long now = System.nanoTime();
    double producedRate = produced.perSecond(now, notes, "producer");
    double kinesisRate = kinesisSink.perSecond(now, notes, KINESIS_SINK);
    double firehoseRate = firehoseSink.perSecond(now, notes, FIREHOSE_SINK);
    double sourceRate = source.perSecond(now, notes, SOURCE);
    // /proc/stat counts in 10 ms ticks: an interval under a second (the first sample) says nothing.
    double wall = now - lastNanos;
    boolean measurable = wall >= 1e9;
    long jvmCpu = JvmProbe.processCpuNanos();
    long machineBusy = JvmProbe.machineBusyNanos();
    double jvmCores = measurable ? (jvmCpu - lastJvmCpu) / wall : -1;
    double machineCores =
        !measurable || machineBusy < 0 || lastMachineBusy < 0
            ? -1
            : (machineBusy - lastMachineBusy) / wall;
    lastNanos = now;
    lastJvmCpu = jvmCpu;
    lastMachineBusy = machineBusy;
    long kinesisLag =
        ConsumerLag.of(
            env.admin(),
            "connect-" + KINESIS_SINK,
            SoakEnvironment.INPUT_TOPIC,
            options.partitions());
    long firehoseLag =
        ConsumerLag.of(
            env.admin(),
            "connect-" + FIREHOSE_SINK,
            SoakEnvironment.INPUT_TOPIC,
            options.partitions());
    long behind = TaskGauges.max(TaskGauges.KINESIS_SOURCE, SOURCE, "max-millis-behind-latest");
    for (String connector : List.of(KINESIS_SINK, FIREHOSE_SINK, SOURCE)) {
      String failure = ConnectorFailure.of(env.connect(), connector);
      if (failure != null) {
        notes.add(connector + ": " + failure);
      }
    }
    if (producer.failure() != null) {
      notes.add("producer failed: " + producer.failure());
    }
    // The endpoint buffers records for S3 and S3 keeps every object: empty both before the GC so
    // the heap figure is the worker's and the broker's, not the fixtures' growing store.
    env.firehose().release(SoakEnvironment.DELIVERY_STREAM);
    double heap = JvmProbe.heapAfterGc() / MIB;
    return new SoakSample(
        minute,
        heap,
        ManagementFactory.getThreadMXBean().getThreadCount(),
        openFileDescriptors(),
        producedRate,
        kinesisRate,
        firehoseRate,
        sourceRate,
        kinesisLag,
        firehoseLag,
        behind,
        residentMiB(kinesisMockPid),
        jvmCores,
        machineCores,
        String.join("; ", notes));
  }

  static long openFileDescriptors() {
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** VmRSS of process {@code pid} from /proc, in MiB, or -1. */
  private static double residentMiB(long pid) {
    if (pid < 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** A counter turned into a rate between two reads; a counter that went back restarted. */
  private static final class Rate {
    private final LongSupplier counter;
    private long lastValue;
    private long lastNanos = -1;

    Rate(LongSupplier counter) {
      this.counter = counter;
    }

    double perSecond(long now, List<String> notes, String what) {
      long value = Math.max(0, counter.getAsLong()); // -1: no task publishes it (yet)
      double rate = 0;
      if (lastNanos >= 0) {
        long delta = value - lastValue;
        if (delta < 0) {
          notes.add(what + " counter restarted (task restarted or rebalanced)");
          delta = value;
        }
        rate = delta / ((now - lastNanos) / 1e9);
      }
      lastValue = value;
      lastNanos = now;
      return rate;
    }
  }
}
