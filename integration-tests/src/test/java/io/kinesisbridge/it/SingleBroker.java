package io.kinesisbridge.it;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.util.Properties;

/** One in-process KRaft broker for tests whose Connect workers run as processes of their own. */
final class SingleBroker {

  private SingleBroker() {}

  /** Starts a broker whose internal topics make do with one replica (transactions included). */
  static EmbeddedKafkaCluster start() {
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
    return kafka;
  }
}
