package io.kinesisbridge.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The consumer groups of sink connectors ({@code connect-<connector>}), seen from the broker. */
final class SinkGroups {

  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private SinkGroups() {}

  /**
   * Waits until the sink connector's consumer group is stable with {@code members} members, each
   * owning at least one partition: from then on, records written to the topic are read by the tasks
   * that keep them, with no rebalance handing in-flight records to another task.
   */
  static void awaitStable(EmbeddedConnectCluster connect, String connector, int members) {
    String group = "connect-" + connector;
    Instant deadline = Instant.now().plus(TIMEOUT);
    try (Admin admin = connect.kafka().createAdminClient()) {
      String last = "not described yet";
      while (Instant.now().isBefore(deadline)) {
        ConsumerGroupDescription description = describe(admin, group);
        if (description == null) {
          Thread.sleep(200); // the tasks' consumers have not joined yet
          continue;
        }
        last = description.groupState() + " with " + description.members().size() + " members";
        boolean everyMemberOwnsPartitions =
            description.members().stream()
                .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        if (description.groupState() == GroupState.STABLE
            && description.members().size() == members
            && everyMemberOwnsPartitions) {
          return;
        }
        Thread.sleep(200);
      }
      throw new AssertionError(
          "group "
              + group
              + " not stable with "
              + members
              + " members within "
              + TIMEOUT
              + ": "
              + last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for group " + group, e);
    }
  }

  /** The group's description, or null while it does not exist yet. */
  private static ConsumerGroupDescription describe(Admin admin, String group)
      throws InterruptedException {
    try {
      Map<String, ConsumerGroupDescription> groups =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS);
      return groups.get(group);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return null;
      }
      throw new AssertionError("could not describe group " + group, e);
    } catch (TimeoutException e) {
      throw new AssertionError("could not describe group " + group, e);
    }
  }
}
