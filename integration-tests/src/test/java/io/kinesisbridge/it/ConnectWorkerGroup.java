package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The workers of one distributed Connect cluster, each a {@link ConnectWorkerProcess} of its own,
 * and what an operator does to them: restart one gracefully, lose one to {@code kill -9}, add one.
 * Waits poll the REST status of a connector, never sleep a fixed time: on a loaded machine a worker
 * takes 20-40 s to start.
 */
final class ConnectWorkerGroup implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerGroup.class);
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

  private final WorkerRuntime runtime;
  private final String bootstrapServers;
  private final String groupId;
  private final Map<String, String> overrides;
  private final List<ConnectWorkerProcess> live = new ArrayList<>();
  private final List<ConnectWorkerProcess> everStarted = new ArrayList<>();

  private ConnectWorkerGroup(
      WorkerRuntime runtime,
      String bootstrapServers,
      String groupId,
      Map<String, String> overrides) {
    this.runtime = runtime;
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Starts {@code workers} workers of group {@code groupId} side by side, each a JVM of Kafka
   * {@code runtime}, and waits until each serves REST requests; on failure the ones started are
   * stopped again.
   */
  static ConnectWorkerGroup start(
      WorkerRuntime runtime,
      String bootstrapServers,
      String groupId,
      Map<String, String> overrides,
      int workers) {
    ConnectWorkerGroup group =
        new ConnectWorkerGroup(runtime, bootstrapServers, groupId, overrides);
    try {
      for (int i = 0; i < workers; i++) {
        group.live.add(group.launch());
      }
      group.live.forEach(ConnectWorkerProcess::waitUntilRestReady);
    } catch (RuntimeException e) {
      group.close();
      throw e;
    }
    return group;
  }

  /** Creates or updates a connector through one of the live workers. */
  void putConnectorConfig(String connector, Map<String, String> config) {
    live.get(0).putConnectorConfig(connector, config);
  }

  /**
   * Stops worker {@code index} gracefully (SIGTERM: its tasks stop and commit, it leaves the group)
   * and starts a new worker in its place, as an upgrade restarts a machine.
   */
  void restartGracefully(int index) {
    ConnectWorkerProcess old = live.get(index);
    old.close();
    LOG.info("Stopped worker {} gracefully", old.name());
    ConnectWorkerProcess replacement = launch();
    live.set(index, replacement);
    replacement.waitUntilRestReady();
  }

  /** Kills worker {@code index} with SIGKILL: no task stops, nothing is committed. */
  void killHard(int index) {
    ConnectWorkerProcess victim = live.remove(index);
    int exit = victim.killHard();
    LOG.info("Killed worker {} (exit code {})", victim.name(), exit);
  }

  /** Starts one more worker, which joins the group. */
  void join() {
    ConnectWorkerProcess joining = launch();
    live.add(joining);
    joining.waitUntilRestReady();
  }

  /**
   * Waits until every connector of {@code tasksByConnector} runs with exactly tasks {@code
   * 0..tasks-1}, each RUNNING on a live worker, and, once there are at least as many tasks as
   * workers, every live worker holds at least one of them: the group has rebalanced around the last
   * change. (Connect balances the count of all tasks per worker, not each connector's, so balance
   * is judged over all of them.) Fails at once if a task FAILED.
   *
   * @return how the tasks are spread, worker by worker, for the log
   */
  String awaitSettled(Map<String, Integer> tasksByConnector) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    String last = "no status yet";
    while (Instant.now().isBefore(deadline)) {
      Map<String, JsonNode> statuses = new TreeMap<>();
      tasksByConnector.keySet().forEach(connector -> statuses.put(connector, status(connector)));
      if (!statuses.containsValue(null)) {
        last = statuses.toString();
        statuses.forEach(ConnectWorkerGroup::failOnFailedTask);
        if (settled(statuses, tasksByConnector)) {
          return spread(statuses);
        }
      }
      pause();
    }
    throw new AssertionError(
        tasksByConnector
            + " not settled on workers "
            + liveIds()
            + " within "
            + SETTLE_TIMEOUT
            + ": "
            + last);
  }

  /** Stops every worker still running, all at once (each gracefully, then hard after 30 s). */
  @Override
  public void close() {
    List<Thread> stopping = new ArrayList<>();
    for (ConnectWorkerProcess worker : everStarted) {
      Thread thread = new Thread(worker::close, "stop-" + worker.name());
      thread.start();
      stopping.add(thread);
    }
    try {
      for (Thread thread : stopping) {
        thread.join(Duration.ofMinutes(1).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      everStarted.forEach(ConnectWorkerProcess::killHard);
    }
  }

  private ConnectWorkerProcess launch() {
    String name = groupId + "-w" + (everStarted.size() + 1);
    ConnectWorkerProcess worker =
        ConnectWorkerProcess.start(runtime, name, bootstrapServers, groupId, overrides);
    everStarted.add(worker);
    return worker;
  }

  private boolean settled(Map<String, JsonNode> statuses, Map<String, Integer> tasksByConnector) {
    Set<String> liveIds = liveIds();
    Set<String> holding = new HashSet<>();
    int allTasks = 0;
    for (Map.Entry<String, JsonNode> entry : statuses.entrySet()) {
      int tasks = tasksByConnector.get(entry.getKey());
      if (!runsAsAsked(entry.getValue(), tasks, liveIds, holding)) {
        return false;
      }
      allTasks += tasks;
    }
    return allTasks < liveIds.size() || holding.equals(liveIds);
  }

  /**
   * Whether the connector and exactly its tasks {@code 0..tasks-1} are RUNNING on live workers;
   * adds the workers holding its tasks to {@code holding}.
   */
  private static boolean runsAsAsked(
      JsonNode status, int tasks, Set<String> liveIds, Set<String> holding) {
    if (!"RUNNING".equals(status.path("connector").path("state").asText())
        || !liveIds.contains(status.path("connector").path("worker_id").asText())
        || status.path("tasks").size() != tasks) {
      return false;
    }
    Set<Integer> ids = new HashSet<>();
    for (JsonNode task : status.path("tasks")) {
      String worker = task.path("worker_id").asText();
      if (!"RUNNING".equals(task.path("state").asText()) || !liveIds.contains(worker)) {
        return false;
      }
      holding.add(worker);
      ids.add(task.path("id").asInt());
    }
    return ids.size() == tasks && ids.stream().allMatch(id -> id < tasks);
  }

  /**
   * Fails on a FAILED task, except one failed by Connect's own check of {@code tasks.max} (Kafka
   * 3.8+): when {@code tasks.max} is lowered, a worker may start a task from the previous, larger
   * set of task configs a moment before the new set arrives; it then stops that task and starts it
   * again from the new configs by itself (seen with the exactly-once source). Such a task is merely
   * not settled yet.
   */
  private static void failOnFailedTask(String connector, JsonNode status) {
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())
          && !task.path("trace").asText().contains("TooManyTasksException")) {
        throw new AssertionError(
            connector + " task " + task.path("id") + " FAILED: " + task.path("trace").asText());
      }
    }
  }

  /** The connector's status as the first live worker that answers sees it, or null. */
  JsonNode status(String connector) {
    for (ConnectWorkerProcess worker : live) {
      try {
        JsonNode status = worker.connectorStatus(connector);
        if (status != null) {
          return status;
        }
      } catch (UncheckedIOException | IllegalStateException busyOrStarting) {
        // Try the next worker; a rebalancing or starting worker may not answer.
      }
    }
    return null;
  }

  private Set<String> liveIds() {
    return live.stream().map(ConnectWorkerProcess::workerId).collect(Collectors.toSet());
  }

  /** Each live worker with its tasks, as {@code connector/task}. */
  private String spread(Map<String, JsonNode> statuses) {
    Map<String, List<String>> byWorker = new TreeMap<>();
    live.forEach(w -> byWorker.put(w.name(), new ArrayList<>()));
    statuses.forEach(
        (connector, status) -> {
          for (JsonNode task : status.path("tasks")) {
            String id = task.path("worker_id").asText();
            live.stream()
                .filter(w -> w.workerId().equals(id))
                .forEach(w -> byWorker.get(w.name()).add(connector + "/" + task.path("id")));
          }
        });
    return byWorker.toString();
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the Connect group", e);
    }
  }
}
