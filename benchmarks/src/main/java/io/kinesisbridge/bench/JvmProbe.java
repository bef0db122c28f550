package io.kinesisbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and heap of this JVM, which holds the broker, the worker, the connector and the stub:
 * the harness charges the process's CPU over a run to the records of that run.
 */
final class JvmProbe {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  // Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream kernel.
  private static final long NANOS_PER_TICK = 10_000_000L;
  private static final Path PROC_STAT = Path.of("/proc/stat");

  private JvmProbe() {}

  /** CPU time of the whole process, all threads, in nanoseconds. */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Heap in use now, garbage included. */
  static long heapUsed() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /**
   * Heap in use after a full collection: roughly the live set, buffers held by the sink included.
   */
  static long heapAfterGc() {
    // Two rounds: the first may only finalise or clear references that the second then frees.
    System.gc();
    System.gc();
    return heapUsed();
  }

  /** The largest heap the JVM may use. */
  static long heapMax() {
    return MEMORY.getHeapMemoryUsage().getMax();
  }

  /**
   * CPU time the whole machine spent busy (all processes, all cores) since boot, or -1 where {@code
   * /proc/stat} is not available. Compared with {@link #processCpuNanos()} over a run it shows
   * whether other processes competed for the cores, which makes throughput figures noisy.
   */
  static long machineBusyNanos() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
      String[] ticks = lines.get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(ticks.length, 9); i++) {
        if (i != 4 && i != 5) { // idle and iowait are not work
          busy += Long.parseLong(ticks[i]);
        }
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time of the live threads whose names start with {@code prefix} (threads that ended are
   * missed, so this is a lower bound over a run whose pool threads come and go).
   */
  static long threadsCpuNanos(String prefix) {
    long sum = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * CPU time of this JVM's child processes (kinesis-mock's Node process), or -1 when the OS does
   * not report it.
   */
  static long childProcessesCpuNanos() {
    long sum = 0;
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      var cpu = child.info().totalCpuDuration();
      if (cpu.isEmpty()) {
        return -1;
      }
      sum += cpu.get().toNanos();
    }
    return sum;
  }

  /** Processors available to this JVM. */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
